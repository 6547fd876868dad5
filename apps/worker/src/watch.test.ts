import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingLogger, tempWorkspace, waitFor } from '../test/helpers.ts'
import { watchReports } from './watch.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function watching(debounceMs = 50) {
  const ws = await tempWorkspace()
  cleanups.push(ws.cleanup)
  const { logger, lines } = recordingLogger()
  const batches: { at: number; files: string[] }[] = []
  const watcher = watchReports({
    reportsDir: ws.reportsDir,
    logger,
    debounceMs,
    stableMs: 100,
    onSettled: (files) => batches.push({ at: Date.now(), files: files.sort() }),
  })
  cleanups.push(() => watcher.close())
  await watcher.ready
  return { dir: ws.reportsDir, batches, lines }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('watchReports', () => {
  it('reports a file only once it has stopped growing', async () => {
    const { dir, batches } = await watching()
    const file = path.join(dir, 'slow.txt')
    let lastWrite = 0
    for (let k = 0; k < 12; k++) {
      await appendFile(file, '牛塘镇'.repeat(100))
      lastWrite = Date.now()
      await sleep(40)
    }
    await waitFor('a batch', () => batches.length > 0)
    await sleep(300)
    expect(batches).toHaveLength(1)
    expect(batches[0]?.files).toEqual(['slow.txt'])
    expect(batches[0]!.at).toBeGreaterThanOrEqual(lastWrite + 100)
  })

  it('waits while a new file is still empty, up to emptyGraceMs', async () => {
    const { dir, batches } = await watching()
    await writeFile(path.join(dir, 'late.txt'), '')
    await sleep(400)
    expect(batches).toEqual([])
    await writeFile(path.join(dir, 'late.txt'), '牛塘镇')
    await waitFor('a batch', () => batches.length > 0)

    await writeFile(path.join(dir, 'stays-empty.txt'), '')
    await waitFor('the empty file, after the grace time', () => batches.length > 1, 4000)
    expect(batches.map((batch) => batch.files)).toEqual([['late.txt'], ['stays-empty.txt']])
  })

  it('folds many files written at once into one batch, with paths relative to the folder', async () => {
    const { dir, batches } = await watching()
    await mkdir(path.join(dir, 'sub'))
    await Promise.all(Array.from({ length: 50 }, (_, k) => writeFile(path.join(dir, k < 25 ? '' : 'sub', `${k}.txt`), 'x')))
    await waitFor('a batch', () => batches.length > 0)
    await sleep(300)
    expect(batches).toHaveLength(1)
    expect(batches[0]?.files).toHaveLength(50)
    expect(batches[0]?.files).toContain('sub/49.txt')
  })

  it('ignores files that are not reports, with one log line each (none for hidden and lock files)', async () => {
    const { dir, batches, lines } = await watching()
    await writeFile(path.join(dir, '.rsync-temp.txt.Xy12'), 'partial')
    await writeFile(path.join(dir, '~$draft.docx'), 'lock')
    await writeFile(path.join(dir, 'scan.doc'), '%PDF')
    await waitFor('the log line', () => lines.length > 0)
    await appendFile(path.join(dir, 'scan.doc'), 'more')
    await sleep(300)
    expect(lines).toEqual([expect.objectContaining({ level: 'info', file: 'scan.doc' })])
    expect(batches).toEqual([])
  })

  it('reports a removed folder', async () => {
    const { dir, batches } = await watching()
    await mkdir(path.join(dir, '2023'))
    await writeFile(path.join(dir, '2023', 'a.txt'), 'x')
    await waitFor('the added file', () => batches.length === 1)
    await rm(path.join(dir, '2023'), { recursive: true })
    await waitFor('the removal', () => batches.length === 2)
  })
})
