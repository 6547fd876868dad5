import { spawn, type ChildProcessByStdio } from 'node:child_process'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { LogLine } from '@report-qa/core/log'
import { waitFor } from './helpers.ts'

export const root = path.resolve(import.meta.dirname, '../../..')

export interface Launched {
  child: ChildProcessByStdio<null, Readable, Readable>
  /** Everything printed, stdout and stderr. */
  output: { text: string }
  /** The JSON log lines printed so far. */
  lines: LogLine[]
  exited: Promise<number | null>
  /** The base URL of the API, once it listens. */
  base(): Promise<string>
  /** Every process that logged a line (the supervisor, the worker, the API processes), and the launched one. */
  pids(): number[]
}

/** Runs `command` in the repository (as `pnpm start` or `node scripts/start.mjs`), its output collected; killed after the test. */
export function launch(
  command: string,
  args: string[],
  env: Record<string, string>,
  cleanups: (() => Promise<void>)[],
  cwd = root,
): Launched {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { text: '' }
  const lines: LogLine[] = []
  let partial = ''
  const take = (chunk: Buffer) => {
    output.text += chunk.toString()
    const parts = (partial + chunk.toString()).split('\n')
    partial = parts.pop()!
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine)
      } catch {
        // not a log line (pnpm's own)
      }
    }
  }
  child.stdout.on('data', take)
  child.stderr.on('data', take)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const launched: Launched = {
    child,
    output,
    lines,
    exited,
    base: async () =>
      `http://127.0.0.1:${await waitFor('the API listening', () => /localhost:(\d+)/.exec(output.text)?.[1], 40_000)}`,
    pids: () => [...new Set([child.pid!, ...lines.map((line) => line.pid)])],
  }
  cleanups.push(async () => {
    for (const pid of launched.pids()) kill(pid, 'SIGKILL')
  })
  return launched
}

export function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // gone already
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The pid of the process whose log line says `msg` (the last such line). */
export function pidOf(lines: LogLine[], app: string, msg: string | RegExp): number | undefined {
  return lines.findLast((line) => line.app === app && (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg)))?.pid
}
