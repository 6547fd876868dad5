import type { Logger } from '@report-qa/core'

/** A logger that keeps its lines, for tests. */
export function createMemoryLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = []
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(fields ? { fields } : {}) })
  return { lines, info: push('info'), warn: push('warn'), error: push('error') }
}
