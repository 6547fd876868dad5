import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { Answer } from '@report-qa/core'
import { afterEach, describe, expect, it } from 'vitest'
import { copyInto, fixtures, tempWorkspace, waitFor } from './helpers.ts'

const root = path.resolve(import.meta.dirname, '../../..')
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** `pnpm start` as a newcomer runs it (node scripts/start.mjs), with its output collected. */
function launch(env: Record<string, string>) {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { text: '' }
  child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  cleanups.push(async () => void child.kill('SIGKILL'))
  return { child, output, exited }
}

async function askOver(base: string, q: string): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${base}/ask?q=${encodeURIComponent(q)}`)
  return { status: response.status, body: (await response.json()) as Answer }
}

describe('pnpm start', () => {
  it('starts the worker, then the API on its artifact; the API answers 1,000 /ask during a rebuild; SIGTERM stops both', async () => {
    const ws = await tempWorkspace()
    cleanups.push(ws.cleanup)
    await copyInto(ws.reportsDir, '000.txt', fixtures.chengguan.file)
    const { child, output, exited } = launch({
      REPORTS_DIR: ws.reportsDir,
      INDEX_PATH: ws.indexPath,
      PORT: '0',
      DEBOUNCE_MS: '50',
    })

    const port = await waitFor('the API listening', () => /localhost:(\d+)/.exec(output.text)?.[1], 40_000)
    expect(output.text.indexOf('"worker ready"')).toBeGreaterThan(-1)
    expect(output.text.indexOf('"worker ready"')).toBeLessThan(output.text.indexOf(`localhost:${port}`))
    const base = `http://127.0.0.1:${port}`

    // A rebuild to run while the requests are served: 20 reports to parse, then one more town.
    const text = await readFile(fixtures.niutang.file, 'utf8')
    const copy = () =>
      Promise.all([
        ...Array.from({ length: 20 }, (_, k) =>
          writeFile(path.join(ws.reportsDir, `n${k}.txt`), text.replaceAll('2022', String(1980 + k))),
        ),
        copyInto(ws.reportsDir, '003.txt', fixtures.dongming.file),
      ])
    const requests: Promise<{ status: number; body: Answer }>[] = []
    let rebuilt = -1 // requests sent before the API's reload
    while (requests.length < 1000 || rebuilt < 0) {
      if (requests.length === 100) await copy()
      if (rebuilt < 0 && output.text.includes('index reloaded')) rebuilt = requests.length // the API swapped indexes
      requests.push(askOver(base, fixtures.chengguan.q))
      if (requests.length % 50 === 0) await Promise.all(requests.slice(-50))
    }
    const answers = await Promise.all(requests)
    expect(answers.filter((a) => a.status !== 200 || !a.body.answer?.includes(fixtures.chengguan.figure))).toEqual([])
    expect(rebuilt).toBeGreaterThan(100)

    await waitFor('the new town answered over HTTP', async () =>
      (await askOver(base, fixtures.dongming.q)).body.answer?.includes(fixtures.dongming.figure),
    )

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 60_000)

  it('exits with the worker when the worker cannot start, without starting the API', async () => {
    const { output, exited } = launch({ REPORTS_DIR: '/no/such/folder' })
    expect(await exited).toBe(2)
    expect(output.text).toContain('REPORTS_DIR must name an existing folder')
    expect(output.text).toContain('start: worker exited (code 2)')
    expect(output.text).not.toContain('report-qa api on')
  }, 20_000)
})
