import { damagePlace } from '@report-qa/test-fixtures/artifact'
import { spawn } from 'node:child_process'
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { reportsDir } from '@report-qa/test-fixtures'
import { afterEach, describe, expect, it } from 'vitest'
import { ask } from '../answer/ask.ts'
import { isCoreError } from '../errors.ts'
import { listFacts } from '../facts/list-facts.ts'
import { copyOfReports, tempDir } from '../../test/helpers.ts'
import { loadIndex, saveIndex } from './artifact.ts'
import { placeKey, ReportIndex } from './report-index.ts'
import { syncIndex } from './sync.ts'

const CORE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const NIUTANG = '牛塘镇上半年固定资产投资多少'
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function workspace() {
  const temp = await tempDir()
  cleanups.push(temp.dispose)
  return { dir: temp.dir, file: path.join(temp.dir, 'index.json') }
}

describe('a place unit damaged on disk', () => {
  // F6: bytes overwritten inside the artifact gave persistent 500s for the places they hit.
  it('is refused with INDEX_DAMAGED when first read, while the other places answer', async () => {
    const { file } = await workspace()
    const index = new ReportIndex()
    await syncIndex(index, reportsDir)
    await saveIndex(index, file)
    await damagePlace(file, '牛塘镇')

    const loaded = await loadIndex(file)
    expect(() => ask(loaded, NIUTANG)).toThrow(expect.objectContaining({ code: 'INDEX_DAMAGED' }))
    expect(ask(loaded, '城关镇开展消防安全检查多少家次').answer).toContain('60余家次')
    expect(loaded.damagedPlaces()).toEqual([placeKey(loaded.reportsOf('牛塘镇')[0]!)])
  })

  it('is refused when only its facts are damaged, before any fact is read from it', async () => {
    const { file } = await workspace()
    const index = new ReportIndex()
    await syncIndex(index, reportsDir)
    await saveIndex(index, file)
    await damagePlace(file, '牛塘镇', { part: 'facts' })

    const loaded = await loadIndex(file)
    expect(() => listFacts(loaded, { place: '牛塘镇' })).toThrow(expect.objectContaining({ code: 'INDEX_DAMAGED' }))
    expect(listFacts(loaded, { place: '城关镇' }).length).toBeGreaterThan(0)
  })

  it('is dropped and rebuilt from its sources by the writer, and the next save holds it whole', async () => {
    const { file } = await workspace()
    const reports = await copyOfReports()
    cleanups.push(reports.dispose)
    const index = new ReportIndex()
    await syncIndex(index, reports.dir)
    await saveIndex(index, file)
    await damagePlace(file, '牛塘镇')

    const writer = await loadIndex(file)
    for (const place of writer.damagedPlaces()) writer.dropPlace(place)
    expect(writer.reportsOf('牛塘镇')).toEqual([])
    const sync = await syncIndex(writer, reports.dir)
    expect(sync.updated).toEqual(['004_f7326a22c4686d62.txt'])
    await saveIndex(writer, file)

    const reader = await loadIndex(file)
    expect(reader.damagedPlaces()).toEqual([])
    expect(ask(reader, NIUTANG).answer).toContain('21.95亿元')
    expect(reader.stats()).toMatchObject({ reports: index.stats().reports, paragraphs: index.stats().paragraphs })
  })

  it('is not carried into a new artifact by a save that copies it', async () => {
    const { file, dir } = await workspace()
    const index = new ReportIndex()
    await syncIndex(index, reportsDir)
    await saveIndex(index, file)
    await damagePlace(file, '牛塘镇')
    const loaded = await loadIndex(file)
    await expect(saveIndex(loaded, path.join(dir, 'copy.json'))).rejects.toSatisfy((error) => isCoreError(error, 'INDEX_DAMAGED'))
    expect(await readdir(dir)).toEqual(['index.json'])
  })
})

/** `tsx test/save-child.ts` under `ulimit -f` (512-byte blocks): writes past the limit come up short, then fail. */
function saveUnderFileLimit(blocks: number, reports: string, file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'sh',
      ['-c', `ulimit -f ${blocks} && exec "$0" --import tsx test/save-child.ts "$1" "$2"`, process.execPath, reports, file],
      {
        cwd: CORE,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => resolve({ code, stderr }))
  })
}

describe('saveIndex on a disk that fills up', () => {
  // F5: a short write was ignored, and a truncated artifact fsynced and renamed over the good one.
  it('fails, keeps the previous artifact byte for byte, and leaves no temp file', async () => {
    const { file, dir } = await workspace()
    const small = new ReportIndex()
    const one = await copyOfReports()
    cleanups.push(one.dispose)
    for (const name of await readdir(one.dir)) if (!name.startsWith('004')) await rm(path.join(one.dir, name))
    await syncIndex(small, one.dir)
    await saveIndex(small, file)
    const previous = await readFile(file)

    const { code, stderr } = await saveUnderFileLimit(Math.ceil(previous.length / 512) + 8, reportsDir, file)
    expect(code).toBe(1)
    expect(stderr).toMatch(/^(INDEX_UNWRITABLE|EFBIG)/)
    expect((await readFile(file)).equals(previous)).toBe(true)
    expect(await readdir(dir)).toEqual(['index.json'])
    expect(ask(await loadIndex(file), NIUTANG).answer).toContain('21.95亿元')
  })
})
