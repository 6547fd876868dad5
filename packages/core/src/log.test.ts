import { describe, expect, it } from 'vitest'
import { createLogger } from './log.ts'

describe('createLogger', () => {
  it('writes one JSON object per line: time, level, msg, then the fields, an error as its code and message', () => {
    const out: string[] = []
    const logger = createLogger((line) => out.push(line))
    logger.warn('skipped', { source: 'a.txt', msg: 'not overwritten' })
    logger.error('failed', { error: Object.assign(new Error('no space'), { code: 'ENOSPC' }) })

    expect(out.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true)
    const [first, second] = out.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(Object.keys(first!)).toEqual(['time', 'level', 'msg', 'source'])
    expect(first).toMatchObject({ level: 'warn', msg: 'skipped', source: 'a.txt' })
    expect(new Date(String(first!.time)).toISOString()).toBe(first!.time)
    expect(second).toMatchObject({ level: 'error', msg: 'failed', error: 'ENOSPC: no space' })
  })
})
