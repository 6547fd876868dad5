import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openIndex, saveIndex } from '@report-qa/core'
import { fixturePath, reportsDir } from '@report-qa/test-fixtures'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram, PRIVATE_CHAT } from './fake-telegram.ts'
import { TOKEN } from './harness.ts'

const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TSX = path.join(APP, 'node_modules/.bin/tsx')

interface Child {
  exited: Promise<number | null>
  stdout: () => string
  stderr: () => string
  kill: (signal: NodeJS.Signals) => void
}

/** `tsx src/main.ts` with only the variables given (plus PATH and HOME). */
function runMain(env: Record<string, string>): Child {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: APP,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return {
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    stdout: () => stdout,
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
  }
}

/** A port nothing listens on: one the system gave out and was closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

let temp: string
beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'report-qa-main-'))
})
afterAll(async () => rm(temp, { recursive: true, force: true }))

describe('main.ts', () => {
  it('answers from the artifact the worker wrote, follows a rewritten one, and stops cleanly on SIGTERM', async () => {
    const fake = await new FakeTelegram().start()
    const indexPath = path.join(temp, 'index.json')
    await saveIndex((await openIndex({ reportsDir })).index, indexPath) // as the worker would
    const child = runMain({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      REPORTS_DIR: reportsDir,
      INDEX_PATH: indexPath,
    })
    try {
      // Queued before the bot is up: its first getUpdates receives it.
      fake.say(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
      const reply = await fake.waitFor(() => fake.sent[0], 30_000)
      expect(reply.text).toContain('21.95亿元')
      expect(reply.text).toContain('牛塘镇')
      expect((await stat(indexPath)).size).toBeGreaterThan(0)
      expect(fake.calls[0]?.token).toBe(TOKEN)

      // The worker rewrites the artifact: now it holds 黄桥镇 (牛塘镇's report renamed) only.
      const renamed = path.join(temp, 'renamed')
      await mkdir(renamed)
      const text = await readFile(fixturePath('reports/004_f7326a22c4686d62.txt'), 'utf8')
      await writeFile(path.join(renamed, '004.txt'), text.replaceAll('牛塘', '黄桥'))
      const { index } = await openIndex({ reportsDir: renamed })
      await saveIndex(index, indexPath)
      await fake.waitFor(() => child.stdout().includes('index reloaded'), 15_000)
      fake.say(PRIVATE_CHAT, '黄桥镇上半年固定资产投资多少')
      const reloaded = await fake.waitFor(() => fake.sent[1], 10_000)
      expect(reloaded.text).toContain('黄桥镇2022年上半年：固定资产投资21.95亿元')

      child.kill('SIGTERM')
      expect(await child.exited).toBe(0)
    } finally {
      child.kill('SIGKILL')
      await fake.close()
    }
  }, 40_000)

  it('exits with code 1, saying why, when the Bot API cannot be reached at start (no hanging on the index watcher)', async () => {
    const closed = await closedPort()
    const child = runMain({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}`,
      REPORTS_DIR: reportsDir,
      INDEX_PATH: path.join(temp, 'unreachable.json'),
    })
    try {
      expect(await child.exited).toBe(1)
      expect(child.stderr()).toContain('ECONNREFUSED')
    } finally {
      child.kill('SIGKILL')
    }
  }, 30_000)

  it('without a token prints one sentence and exits with code 1', async () => {
    const child = runMain({ INDEX_PATH: path.join(temp, 'never.json') })
    expect(await child.exited).toBe(1)
    const lines = child.stderr().trim().split('\n')
    expect(lines).toEqual(['TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token.'])
  }, 20_000)
})
