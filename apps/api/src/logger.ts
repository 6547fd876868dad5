import type { Logger } from '@report-qa/core'

/** One line per message on stdout (warnings and errors on stderr): `level message {fields}`. */
export function createConsoleLogger(): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${level} ${message}${fields ? ' ' + JSON.stringify(fields) : ''}`
  return {
    info: (message, fields) => console.log(line('info', message, fields)),
    warn: (message, fields) => console.warn(line('warn', message, fields)),
    error: (message, fields) => console.error(line('error', message, fields)),
  }
}

/** A logger that keeps its lines, for tests. */
export function createMemoryLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = []
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(fields ? { fields } : {}) })
  return { lines, info: push('info'), warn: push('warn'), error: push('error') }
}
