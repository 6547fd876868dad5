import { watch } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ask, loadIndex } from '@report-qa/core'
import { afterEach, describe, expect, it } from 'vitest'
import { copyInto, fixtures, tempWorkspace, waitFor } from './helpers.ts'
import { kill, launch, root } from './service.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A town name of its own for report k of round r (Han characters only, as the parser takes place names). */
const town = (round: number, k: number) =>
  `${'甲乙丙丁戊'[round]}${'子丑寅卯辰巳午未申酉'[k % 10]}${'金木水火土山'[Math.floor(k / 10)]}`

describe('the worker killed with SIGKILL in the middle of a save', () => {
  it('loses nothing: started again, it leaves no temp file and answers from every report in the folder', async () => {
    const ws = await tempWorkspace()
    cleanups.push(ws.cleanup)
    await copyInto(ws.reportsDir, '000.txt', fixtures.chengguan.file)
    await mkdir(path.dirname(ws.indexPath), { recursive: true })
    const env = { REPORTS_DIR: ws.reportsDir, INDEX_PATH: ws.indexPath, DEBOUNCE_MS: '20' }
    const worker = () =>
      launch(process.execPath, ['--import', 'tsx', 'src/main.ts'], env, cleanups, path.join(root, 'apps/worker'))

    const text = await readFile(fixtures.niutang.file, 'utf8')
    let killed = false
    for (let round = 0; round < 5 && !killed; round++) {
      const first = worker()
      await waitFor('the worker ready', () => first.lines.some((line) => line.msg === 'worker ready'), 30_000)
      // The moment a save creates its temp file beside the artifact, kill the worker.
      const watcher = watch(path.dirname(ws.indexPath), (_event, name) => {
        if (!killed && name?.endsWith('.tmp')) {
          killed = true
          kill(first.child.pid!, 'SIGKILL')
        }
      })
      await Promise.all(
        Array.from({ length: 60 }, (_, k) =>
          writeFile(path.join(ws.reportsDir, `r${round}-${k}.txt`), text.replaceAll('牛塘', town(round, k))),
        ),
      )
      await Promise.race([first.exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
      watcher.close()
      if (!killed) kill(first.child.pid!, 'SIGTERM')
      await first.exited
    }
    expect(killed).toBe(true)

    const second = worker()
    await waitFor('the worker ready again', () => second.lines.some((line) => line.msg === 'worker ready'), 30_000)
    expect((await readdir(path.dirname(ws.indexPath))).filter((name) => !name.endsWith('.sock'))).toEqual(['index.json'])
    const index = await loadIndex(ws.indexPath)
    const files = (await readdir(ws.reportsDir)).sort()
    expect([...index.sources.keys()].sort()).toEqual(files)
    expect(ask(index, fixtures.chengguan.q).answer).toContain(fixtures.chengguan.figure)
    for (const name of files.filter((file) => file.startsWith('r'))) {
      const [, round, k] = /^r(\d+)-(\d+)\.txt$/.exec(name)!
      const place = `${town(Number(round), Number(k))}镇`
      expect(ask(index, `${place}上半年固定资产投资多少`).answer, place).toContain('21.95亿元')
    }
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  }, 120_000)
})
