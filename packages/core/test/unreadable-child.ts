// F8: syncs a copy of the sample reports, makes one file unreadable (mode 000) and syncs again;
// prints what the index then says of it. Run by sync.test.ts as a user that file modes bind (root
// reads any file, so the test runs this as `nobody` when it is root).
import { chmod, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { reportsDir } from '@report-qa/test-fixtures'
import { ask, ReportIndex, syncIndex } from '../src/index.ts'

const dir = await mkdtemp(path.join(tmpdir(), 'report-qa-unreadable-'))
try {
  await cp(reportsDir, dir, { recursive: true })
  const index = new ReportIndex()
  await syncIndex(index, dir)
  const before = ask(index, '牛塘镇上半年固定资产投资多少').found
  await chmod(path.join(dir, '004_f7326a22c4686d62.txt'), 0o000)
  const warnings: unknown[] = []
  const logger = {
    info: () => {},
    warn: (msg: string, fields?: object) => void warnings.push({ msg, ...fields }),
    error: () => {},
  }
  const sync = await syncIndex(index, dir, { logger })
  const again = await syncIndex(index, dir, { logger })
  const after = ask(index, '牛塘镇上半年固定资产投资多少')
  process.stdout.write(
    JSON.stringify({ before, sync, again, found: after.found, entry: index.sources.get('004_f7326a22c4686d62.txt'), warnings }),
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}
