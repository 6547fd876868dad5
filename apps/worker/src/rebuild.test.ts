import { readFile, rm } from 'node:fs/promises'
import { loadIndex, ReportIndex, saveIndex } from '@report-qa/core'
import { afterEach, describe, expect, it } from 'vitest'
import { copyInto, fixtures, recordingLogger, tempWorkspace, waitFor } from '../test/helpers.ts'
import { createRebuilder, type RebuilderOptions } from './rebuild.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(options: Partial<RebuilderOptions> = {}) {
  const ws = await tempWorkspace()
  cleanups.push(ws.cleanup)
  await copyInto(ws.reportsDir, '000.txt', fixtures.chengguan.file)
  const { logger, lines } = recordingLogger()
  const index = new ReportIndex()
  const rebuilder = createRebuilder({ index, reportsDir: ws.reportsDir, indexPath: ws.indexPath, logger, retryMs: 0, ...options })
  cleanups.push(() => rebuilder.close())
  return { ws, index, rebuilder, lines }
}

describe('createRebuilder', () => {
  it('runs one rebuild at a time and folds the requests made during one into a single next run', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { rebuilder, ws } = await setup({ save: async (index, file) => (await gate, saveIndex(index, file)) })

    const first = rebuilder.request()
    await waitFor('the first rebuild to reach its save', () => rebuilder.runs === 1)
    const during = [rebuilder.request(), rebuilder.request(), rebuilder.request()]
    expect(during[1]).toBe(during[0])
    expect(during[2]).toBe(during[0])
    expect(rebuilder.runs).toBe(1)

    release()
    expect(await first).toMatchObject({ ok: true, saved: true })
    expect(await during[0]).toMatchObject({ ok: true, saved: false })
    expect(rebuilder.runs).toBe(2)
    expect((await loadIndex(ws.indexPath)).stats().reports).toBe(1)
  })

  it('saves the index again after a failed save, even when no file changed since', async () => {
    let failures = 1
    const { rebuilder, ws, lines } = await setup({
      save: async (index, file) => {
        if (failures-- > 0) throw new Error('EIO: i/o error, write')
        return saveIndex(index, file)
      },
    })
    expect(await rebuilder.request()).toMatchObject({ ok: false })
    expect(lines.find((line) => line.level === 'error')).toMatchObject({
      msg: expect.stringContaining('previous artifact'),
      error: 'EIO: i/o error, write',
    })
    expect(await rebuilder.request()).toMatchObject({ ok: true, saved: true, sync: { parsed: 0 } })
    expect((await loadIndex(ws.indexPath)).stats().reports).toBe(1)
  })

  it('tries again by itself after retryMs when a rebuild failed', async () => {
    let failures = 1
    const { rebuilder, ws } = await setup({
      retryMs: 50,
      save: async (index, file) => {
        if (failures-- > 0) throw new Error('ENOSPC: no space left on device, write')
        return saveIndex(index, file)
      },
    })
    expect(await rebuilder.request()).toMatchObject({ ok: false })
    await waitFor('the retry to write the artifact', () => readFile(ws.indexPath).catch(() => null), 2000)
    expect(rebuilder.runs).toBe(2)
  })

  it('resolves with the error, and writes nothing, when the reports folder is gone', async () => {
    const { rebuilder, ws, lines } = await setup()
    await rm(ws.reportsDir, { recursive: true })
    const outcome = await rebuilder.request()
    expect(outcome.ok).toBe(false)
    expect(lines.at(-1)).toMatchObject({ level: 'error', error: expect.stringContaining('REPORTS_DIR_MISSING') })
    expect(await readFile(ws.indexPath).catch(() => null)).toBeNull()
  })
})
