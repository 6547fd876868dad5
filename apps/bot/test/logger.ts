import type { Logger } from '@report-qa/core'

export interface LogLine {
  level: 'info' | 'warn' | 'error'
  message: string
  fields?: Record<string, unknown>
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const log = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(fields ? { fields } : {}) })
  return { lines, info: log('info'), warn: log('warn'), error: log('error') }
}
