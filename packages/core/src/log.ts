import type { Logger } from './types.ts'

export type LogLevel = 'info' | 'warn' | 'error'

/** `json`: one JSON object per line, for log collectors; `pretty`: one readable line, for a terminal. */
export type LogFormat = 'json' | 'pretty'

/** One log line: time, level, app, pid and msg first, then the fields. */
export interface LogLine {
  time: string
  level: LogLevel
  app: string
  pid: number
  msg: string
  [field: string]: unknown
}

export interface LoggerOptions {
  /** Which program writes (`api`, `worker`, `bot`, `start`): every line says so. */
  app: string
  format?: LogFormat
  /** Where lines go; stdout by default (every level: one stream, as pino does). */
  write?: (line: string) => void
}

/**
 * The log format of every process of the service: the API, the worker, the bot and the
 * supervisor. Errors in fields are written as their message (and code), never with a stack, so a
 * line stays one line and holds no paths of the machine's source tree.
 */
export function createLogger(options: LoggerOptions): Logger {
  const { app, format = 'json', write = (line: string) => void process.stdout.write(line) } = options
  const render = format === 'pretty' ? pretty : (line: LogLine) => `${JSON.stringify(line)}\n`
  const log =
    (level: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      const line: LogLine = { time: new Date().toISOString(), level, app, pid: process.pid, msg }
      for (const [key, value] of Object.entries(fields)) if (!(key in line) && value !== undefined) line[key] = plain(value)
      write(render(line))
    }
  return { info: log('info'), warn: log('warn'), error: log('error') }
}

/** `json` unless stdout is a terminal, or what `LOG_FORMAT` says (read by each app's env.ts). */
export function logFormat(value: string | undefined, isTerminal: boolean): LogFormat {
  const given = value?.trim().toLowerCase()
  if (given === 'json' || given === 'pretty') return given
  if (given) throw new RangeError(`LOG_FORMAT must be "json" or "pretty", got ${JSON.stringify(value)}`)
  return isTerminal ? 'pretty' : 'json'
}

function plain(value: unknown): unknown {
  if (!(value instanceof Error)) return value
  const code = (value as { code?: unknown }).code
  return code === undefined ? value.message : `${String(code)}: ${value.message}`
}

/** `14:03:07.123 WARN  worker[812] skipped a file  source=a.txt error="…"` */
function pretty(line: LogLine): string {
  const { time, level, app, pid, msg, ...fields } = line
  const rest = Object.entries(fields).map(
    ([key, value]) => `${key}=${typeof value === 'string' && /^[^\s"=]+$/u.test(value) ? value : JSON.stringify(value)}`,
  )
  return `${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${app}[${pid}] ${msg}${rest.length ? '  ' + rest.join(' ') : ''}\n`
}
