import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ask, loadIndex, saveIndex, watchIndex, type LiveIndex } from '@report-qa/core'
import { afterEach, describe, expect, it } from 'vitest'
import { copyInto, fixtures, recordingLogger, tempWorkspace, waitFor } from '../test/helpers.ts'
import { startWorker, type WorkerOptions } from './worker.ts'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

type Workspace = Awaited<ReturnType<typeof tempWorkspace>>

async function workspace(files: [name: string, from: string][] = []): Promise<Workspace> {
  const ws = await tempWorkspace()
  closers.push(ws.cleanup)
  for (const [name, from] of files) await copyInto(ws.reportsDir, name, from)
  return ws
}

/** A worker on `ws`, and a reader of its artifact as the API would hold one. */
async function run(ws: Workspace, options: Partial<WorkerOptions> = {}) {
  const { logger, lines } = recordingLogger()
  const worker = await startWorker({ reportsDir: ws.reportsDir, indexPath: ws.indexPath, logger, debounceMs: 100, ...options })
  closers.push(() => worker.close())
  const reader = watchIndex(ws.indexPath, await loadIndex(ws.indexPath))
  closers.push(async () => reader.close())
  return { worker, reader, lines, answer: (q: string) => ask(reader.current, q) }
}

function answerHas(reader: LiveIndex, q: string, figure: string): boolean {
  return ask(reader.current, q).answer?.includes(figure) ?? false
}

describe('the worker', () => {
  it('makes a report copied into the folder answerable within 5 s', async () => {
    const ws = await workspace([['000.txt', fixtures.chengguan.file]])
    const { reader, answer } = await run(ws)
    expect(answer(fixtures.niutang.q).found).toBe(false)

    await copyInto(ws.reportsDir, 'new/004.txt', fixtures.niutang.file)
    await waitFor('牛塘镇 answered', () => answerHas(reader, fixtures.niutang.q, '21.95亿元'), 5000)
    expect(answer(fixtures.chengguan.q).answer).toContain('60余家次')
  })

  it('answers with the new figure after a report is edited', async () => {
    const ws = await workspace([['004.txt', fixtures.niutang.file]])
    const { reader } = await run(ws)
    expect(answerHas(reader, fixtures.niutang.q, '21.95亿元')).toBe(true)

    const file = path.join(ws.reportsDir, '004.txt')
    await writeFile(file, (await readFile(file, 'utf8')).replace('21.95亿元', '31.95亿元'))
    await waitFor('the edited figure', () => answerHas(reader, fixtures.niutang.q, '31.95亿元'))
  })

  it('stops answering from a report once it is deleted', async () => {
    const ws = await workspace([
      ['000.txt', fixtures.chengguan.file],
      ['004.txt', fixtures.niutang.file],
    ])
    const { reader, answer } = await run(ws)
    expect(answer(fixtures.niutang.q).found).toBe(true)

    await rm(path.join(ws.reportsDir, '004.txt'))
    await waitFor('found: false', () => !ask(reader.current, fixtures.niutang.q).found)
    expect(reader.current.sources.has('004.txt')).toBe(false)
    expect(answer(fixtures.chengguan.q).found).toBe(true)
  })

  it('answers from a GBK .txt with CRLF and from a .docx', async () => {
    const ws = await workspace()
    const { reader } = await run(ws)
    await copyInto(ws.reportsDir, '海拉尔区_2019_gbk_crlf.txt', fixtures.hailar.file)
    await copyInto(ws.reportsDir, 'docx/吉林省.docx', fixtures.jilin.file)
    await waitFor('the GBK report', () => answerHas(reader, fixtures.hailar.q, fixtures.hailar.figure))
    await waitFor('the .docx report', () => answerHas(reader, fixtures.jilin.q, fixtures.jilin.figure))
  })

  it('logs junk files by name, keeps answering the rest, and indexes a junk file once it is fixed', async () => {
    const ws = await workspace([['000.txt', fixtures.chengguan.file]])
    const { reader, lines, worker } = await run(ws)
    await writeFile(path.join(ws.reportsDir, 'random.txt'), Buffer.from(Array.from({ length: 4096 }, (_, k) => (k * 7919) % 256)))
    await writeFile(path.join(ws.reportsDir, 'empty.txt'), '')
    await writeFile(path.join(ws.reportsDir, 'broken.docx'), 'this is not a zip archive')
    await writeFile(path.join(ws.reportsDir, 'report.doc'), '%PDF-1.4 not read')

    await waitFor('all three recorded as failed', () =>
      ['random.txt', 'empty.txt', 'broken.docx'].every((s) => worker.index.sources.get(s)?.error),
    )
    const logged = (name: string) => lines.some((line) => line.source === name || line.file === name)
    await waitFor('the .doc logged', () => logged('report.doc'))
    for (const name of ['random.txt', 'empty.txt', 'broken.docx']) expect(logged(name), name).toBe(true)
    expect(lines.filter((line) => line.file === 'report.doc')).toHaveLength(1)
    expect(reader.current.stats().reports).toBe(1)
    expect(answerHas(reader, fixtures.chengguan.q, fixtures.chengguan.figure)).toBe(true)

    await writeFile(path.join(ws.reportsDir, 'random.txt'), await readFile(fixtures.dongming.file))
    await waitFor('the fixed file answered', () => answerHas(reader, fixtures.dongming.q, fixtures.dongming.figure))
    expect(worker.index.sources.get('random.txt')?.error).toBeUndefined()
  }, 15_000) // the watcher gives the empty file 2 s (emptyGraceMs) to be written before it counts

  it('re-parses no unchanged file on restart, and only the changed one after an edit', async () => {
    const ws = await workspace([
      ['000.txt', fixtures.chengguan.file],
      ['004.txt', fixtures.niutang.file],
      ['empty.txt', fixtures.chengguan.file],
    ])
    await writeFile(path.join(ws.reportsDir, 'empty.txt'), '')
    const first = await run(ws)
    expect(first.worker.opened?.parsed).toBe(3)
    await first.worker.close()

    const second = await run(ws)
    expect(second.worker.opened?.parsed).toBe(0)
    await second.worker.close()

    await writeFile(path.join(ws.reportsDir, 'empty.txt'), await readFile(fixtures.dongming.file))
    const third = await run(ws)
    expect(third.worker.opened).toMatchObject({ parsed: 1, updated: ['empty.txt'] })
    expect(third.answer(fixtures.dongming.q).answer).toContain(fixtures.dongming.figure)
  })

  it('folds 100 files copied at once into a few rebuilds', async () => {
    const ws = await workspace()
    const { worker, reader } = await run(ws)
    const text = await readFile(fixtures.chengguan.file, 'utf8')
    // 100 distinct small reports: the same town, each file a different year.
    await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        writeFile(path.join(ws.reportsDir, `bulk-${k}.txt`), text.replaceAll('2021', String(1900 + k))),
      ),
    )
    await waitFor('all 100 indexed', () => reader.current.sources.size === 100, 20_000)
    expect(worker.rebuilder.runs).toBeLessThanOrEqual(3)
  }, 30_000)

  it('keeps the previous artifact when a rebuild fails, and catches up on the next change', async () => {
    const ws = await workspace([['000.txt', fixtures.chengguan.file]])
    let diskFull = false
    const save: WorkerOptions['save'] = async (index, file) => {
      if (diskFull) throw Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' })
      return saveIndex(index, file)
    }
    const { reader, lines, worker } = await run(ws, { save, retryMs: 0 })
    diskFull = true
    const before = await readFile(ws.indexPath, 'utf8')

    await copyInto(ws.reportsDir, '004.txt', fixtures.niutang.file)
    await waitFor('the failure logged', () => lines.find((line) => line.msg.startsWith('rebuild failed')))
    expect(worker.status().lastRebuild).toMatchObject({
      ok: false,
      error: 'ENOSPC: no space left on device, write',
      unsaved: true,
    })
    expect(await readFile(ws.indexPath, 'utf8')).toBe(before)
    expect((await loadIndex(ws.indexPath)).stats().reports).toBe(1)
    expect(answerHas(reader, fixtures.chengguan.q, fixtures.chengguan.figure)).toBe(true)
    expect(ask(reader.current, fixtures.niutang.q).found).toBe(false)

    diskFull = false
    await copyInto(ws.reportsDir, '003.txt', fixtures.dongming.file)
    await waitFor(
      'both new reports answered',
      () =>
        answerHas(reader, fixtures.niutang.q, '21.95亿元') && answerHas(reader, fixtures.dongming.q, fixtures.dongming.figure),
    )
    expect(worker.status().lastRebuild).toMatchObject({ ok: true, unsaved: false })
  })

  it('starts from the last artifact after a write was killed, and removes the orphaned temp file', async () => {
    const ws = await workspace([['000.txt', fixtures.chengguan.file]])
    const first = await run(ws)
    await first.worker.close()
    const orphan = `${ws.indexPath}.999999999.1.tmp` // what kill -9 in the middle of saveIndex leaves
    await writeFile(orphan, '{"format":1,"sources":{"000.txt"')

    const second = await run(ws)
    expect(second.worker.opened?.parsed).toBe(0)
    expect(await readdir(path.dirname(ws.indexPath))).toEqual(['index.json'])
    expect(second.answer(fixtures.chengguan.q).found).toBe(true)
  })
})
