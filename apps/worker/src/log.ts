import type { Logger } from '@report-qa/core'

export type Level = 'info' | 'warn' | 'error'

/** One log line: time, level and msg first, then the fields. */
export interface LogLine {
  time: string
  level: Level
  msg: string
  [field: string]: unknown
}

/**
 * A logger that writes one JSON object per line. Errors in fields are written as their message
 * (and code), never with a stack.
 */
export function createLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const log =
    (level: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      const line: LogLine = { time: new Date().toISOString(), level, msg }
      for (const [key, value] of Object.entries(fields)) if (!(key in line)) line[key] = plain(value)
      write(`${JSON.stringify(line)}\n`)
    }
  return { info: log('info'), warn: log('warn'), error: log('error') }
}

function plain(value: unknown): unknown {
  if (!(value instanceof Error)) return value
  const code = (value as { code?: unknown }).code
  return code === undefined ? value.message : `${String(code)}: ${value.message}`
}
