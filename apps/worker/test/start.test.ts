import { damagePlace } from '@report-qa/test-fixtures/artifact'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { openIndex, type Answer } from '@report-qa/core'
import { docxInflatingTo } from '@report-qa/test-fixtures/docx'
import { afterEach, describe, expect, it } from 'vitest'
import { copyInto, fixtures, tempWorkspace, waitFor } from './helpers.ts'
import { alive, kill, launch, pidOf } from './service.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function workspace(files: [name: string, from: string][] = [['000.txt', fixtures.chengguan.file]]) {
  const ws = await tempWorkspace()
  cleanups.push(ws.cleanup)
  for (const [name, from] of files) await copyInto(ws.reportsDir, name, from)
  return ws
}

const serviceEnv = (ws: Awaited<ReturnType<typeof tempWorkspace>>, more: Record<string, string> = {}) => ({
  REPORTS_DIR: ws.reportsDir,
  INDEX_PATH: ws.indexPath,
  PORT: '0',
  DEBOUNCE_MS: '50',
  ...more,
})

async function askOver(base: string, q: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${base}/ask?q=${encodeURIComponent(q)}`, { headers, signal: AbortSignal.timeout(10_000) })
  return { status: response.status, body: (await response.json()) as Answer }
}

async function healthOf(base: string): Promise<{ status: number; body: { status: string; reason?: string; failed: number } }> {
  const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string; failed: number } }
}

describe('pnpm start', () => {
  it(
    'runs the worker and two API processes that both answer while the worker rebuilds; restarts a crashed one while the rest serve; ' +
      'survives hostile files; and SIGTERM to pnpm leaves no process',
    async () => {
      const ws = await workspace()
      const service = launch('pnpm', ['start'], serviceEnv(ws, { API_PROCESSES: '2' }), cleanups)
      const base = await service.base()
      await waitFor(
        'both API processes listening',
        () => service.lines.filter((line) => /^report-qa api on/.test(line.msg)).length === 2,
        40_000,
      )
      const ready = service.lines.findIndex((line) => line.msg === 'worker ready')
      expect(ready).toBeGreaterThan(-1)
      expect(ready).toBeLessThan(service.lines.findIndex((line) => /^report-qa api on/.test(line.msg)))

      // A rebuild to run while requests are served: 20 reports to parse, then one more town.
      const text = await readFile(fixtures.niutang.file, 'utf8')
      const copy = () =>
        Promise.all([
          ...Array.from({ length: 20 }, (_, k) =>
            writeFile(path.join(ws.reportsDir, `n${k}.txt`), text.replaceAll('2022', String(1980 + k))),
          ),
          copyInto(ws.reportsDir, '003.txt', fixtures.dongming.file),
        ])
      const requests: Promise<{ status: number; body: Answer }>[] = []
      let reloaded = -1
      while (requests.length < 600 || reloaded < 0) {
        if (requests.length === 100) await copy()
        if (reloaded < 0 && service.lines.some((line) => line.msg === 'index reloaded')) reloaded = requests.length
        requests.push(askOver(base, fixtures.chengguan.q, { connection: 'close' })) // a new connection each: both processes get some
        if (requests.length % 50 === 0) await Promise.all(requests.slice(-50))
      }
      const answers = await Promise.all(requests)
      expect(answers.filter((a) => a.status !== 200 || !a.body.answer?.includes(fixtures.chengguan.figure))).toEqual([])
      const answering = new Set(
        service.lines.filter((line) => line.app === 'api' && line.msg === 'request').map((line) => line.pid),
      )
      expect(answering.size).toBe(2)
      await waitFor('the new town answered', async () =>
        (await askOver(base, fixtures.dongming.q)).body.answer?.includes(fixtures.dongming.figure),
      )

      // F1, F3: a 300 MB-inflating .docx and a report opening with 120,000 在 dropped into the folder.
      await writeFile(path.join(ws.reportsDir, 'bomb.docx'), await docxInflatingTo(300 * 2 ** 20))
      await writeFile(path.join(ws.reportsDir, 'header.txt'), `${'在'.repeat(120_000)}\n各位代表：\n${text}`)
      await waitFor('the bomb recorded as failed', async () => (await healthOf(base)).body.failed === 1, 20_000)
      const list = (await (await fetch(`${base}/reports`)).json()) as { failed: { source: string; reason: string }[] }
      expect(list.failed).toEqual([{ source: 'bomb.docx', reason: expect.stringMatching(/^word\/document\.xml inflates/) }])
      expect((await askOver(base, fixtures.chengguan.q)).body.answer).toContain(fixtures.chengguan.figure)

      // F7: a crashed worker and a crashed API process are started again while the rest serve.
      const firstWorker = pidOf(service.lines, 'worker', 'worker ready')!
      kill(firstWorker, 'SIGKILL')
      expect((await askOver(base, fixtures.chengguan.q)).status).toBe(200)
      await waitFor(
        'a new worker ready',
        () => (pidOf(service.lines, 'worker', 'worker ready') ?? firstWorker) !== firstWorker,
        20_000,
      )
      await waitFor('the API sees the worker again', async () => (await healthOf(base)).status === 200, 10_000)
      const [oneApi] = answering
      kill(oneApi!, 'SIGKILL')
      // (Connections handed to it before the supervisor noticed are lost with it.)
      await waitFor('the supervisor to notice', () =>
        service.lines.some(
          (line) => line.msg === 'an API process exited' && line.pid === service.lines.find((l) => l.app === 'start')?.pid,
        ),
      )
      for (let k = 0; k < 20; k++) expect((await askOver(base, fixtures.chengguan.q, { connection: 'close' })).status).toBe(200)
      await waitFor(
        'a third API process listening',
        () => service.lines.filter((line) => /^report-qa api on/.test(line.msg)).length === 3,
        20_000,
      )

      // F7: SIGTERM to pnpm, which passes it on to the supervisor it exec'd: every process stops.
      service.child.kill('SIGTERM')
      await service.exited
      await waitFor('no process of the service left', () => service.pids().every((pid) => !alive(pid)), 15_000)
    },
    150_000,
  )

  it('exits with the worker when the worker cannot start, without starting the API', async () => {
    const service = launch(process.execPath, ['scripts/start.mjs'], { REPORTS_DIR: '/no/such/folder' }, cleanups)
    expect(await service.exited).toBe(2)
    expect(service.output.text).toContain('REPORTS_DIR must name an existing folder')
    expect(service.lines.find((line) => line.app === 'start' && line.msg === 'the index worker exited')).toMatchObject({
      code: 2,
    })
    expect(service.output.text).not.toContain('report-qa api on')
  }, 20_000)

  it('answers right after a restart over an artifact damaged while it was down, and leaves no child when killed with SIGKILL', async () => {
    const ws = await workspace([
      ['000.txt', fixtures.chengguan.file],
      ['004.txt', fixtures.niutang.file],
    ])
    const first = launch(process.execPath, ['scripts/start.mjs'], serviceEnv(ws), cleanups)
    await first.base()
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    await damagePlace(ws.indexPath, '牛塘镇')
    const second = launch(process.execPath, ['scripts/start.mjs'], serviceEnv(ws), cleanups)
    const base = await second.base()
    const answer = await askOver(base, fixtures.niutang.q)
    expect(answer.status).toBe(200)
    expect(answer.body.answer).toContain(fixtures.niutang.figure)
    expect(second.lines.some((line) => line.msg === 'dropped places damaged on disk; reading their sources again')).toBe(true)

    second.child.kill('SIGKILL')
    await waitFor('the children gone with their supervisor', () => second.pids().every((pid) => !alive(pid)), 15_000)
  }, 90_000)

  // F5: on a full disk a truncated artifact replaced the good one and /healthz said ok; with no
  // space at start, the API died on an unhandled ENOSPC.
  it('starts on a full disk, answers from the last good artifact, and /healthz says degraded with the reason', async () => {
    const ws = await workspace()
    await openIndex({ reportsDir: ws.reportsDir, indexPath: ws.indexPath }) // the last good artifact
    const before = await readFile(ws.indexPath)
    const text = await readFile(fixtures.niutang.file, 'utf8')
    for (let k = 0; k < 150; k++)
      await writeFile(path.join(ws.reportsDir, `n${k}.txt`), text.replaceAll('2022', String(1850 + k)))
    // Writes of the service's processes past 2 MB come up short, then fail, as on a full disk.
    const service = launch(
      'sh',
      ['-c', 'ulimit -f 4096 && exec "$0" scripts/start.mjs', process.execPath],
      serviceEnv(ws),
      cleanups,
    )
    const base = await service.base()
    await waitFor('degraded', async () => (await healthOf(base)).status === 503, 30_000)
    expect((await healthOf(base)).body).toMatchObject({
      status: 'degraded',
      reason: expect.stringMatching(/last index rebuild failed \((INDEX_UNWRITABLE|EFBIG)/),
    })
    expect((await askOver(base, fixtures.chengguan.q)).body.answer).toContain(fixtures.chengguan.figure)
    expect((await readFile(ws.indexPath)).equals(before)).toBe(true)
    service.child.kill('SIGTERM')
    expect(await service.exited).toBe(0)
  }, 90_000)
})
