import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../../..')

/** `pnpm ask …` as a newcomer types it at the repository's root. */
function pnpmAsk(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['ask', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('pnpm ask', () => {
  it('prints the answer and nothing of pnpm: --json output is JSON from its first byte', async () => {
    const { code, stdout, stderr } = await pnpmAsk('--json', '牛塘镇上半年固定资产投资多少')
    expect(code).toBe(0)
    expect((JSON.parse(stdout) as { answer: string }).answer).toContain('21.95亿元')
    expect(stderr).toBe('')
  }, 60_000)

  it('says what is wrong in one line, without a stack trace or pnpm ELIFECYCLE noise', async () => {
    const missing = await pnpmAsk('--reports', '/no/such/folder', '牛塘镇上半年固定资产投资多少')
    expect(missing.code).toBe(1)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe(
      'error: reports folder /no/such/folder cannot be read (--reports DIR names a folder of .txt and .docx reports)\n',
    )
    const empty = await pnpmAsk()
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/^usage: pnpm ask "<question>"/)
    expect(empty.stderr).not.toContain('ELIFECYCLE')
  }, 60_000)
})
