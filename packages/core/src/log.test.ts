import { describe, expect, it } from 'vitest'
import { createLogger, logFormat, type LogLine } from './log.ts'

describe('createLogger', () => {
  it('writes one JSON object per line: time, level, app, pid, msg, then the fields, an error as its code and message', () => {
    const out: string[] = []
    const logger = createLogger({ app: 'worker', write: (line) => out.push(line) })
    logger.warn('skipped', { source: 'a.txt', msg: 'not overwritten' })
    logger.error('failed', { error: Object.assign(new Error('no space'), { code: 'ENOSPC' }) })

    expect(out.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true)
    const [first, second] = out.map((line) => JSON.parse(line) as LogLine)
    expect(Object.keys(first!)).toEqual(['time', 'level', 'app', 'pid', 'msg', 'source'])
    expect(first).toMatchObject({ level: 'warn', app: 'worker', pid: process.pid, msg: 'skipped', source: 'a.txt' })
    expect(new Date(String(first!.time)).toISOString()).toBe(first!.time)
    expect(second).toMatchObject({ level: 'error', msg: 'failed', error: 'ENOSPC: no space' })
    expect(JSON.stringify(second)).not.toContain('at ') // no stack
  })

  it('writes one readable line per message for a terminal', () => {
    const out: string[] = []
    const logger = createLogger({ app: 'api', format: 'pretty', write: (line) => out.push(line) })
    logger.info('index reloaded', { reports: 7, source: '牛塘镇 report.txt' })
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}api\[\d+\] index reloaded {2}reports=7 source="牛塘镇 report.txt"\n$/)
  })
})

describe('logFormat', () => {
  it('is pretty on a terminal and JSON elsewhere, unless LOG_FORMAT says which', () => {
    expect(logFormat(undefined, true)).toBe('pretty')
    expect(logFormat('', false)).toBe('json')
    expect(logFormat(' JSON ', true)).toBe('json')
    expect(logFormat('pretty', false)).toBe('pretty')
    expect(() => logFormat('xml', false)).toThrow(/^LOG_FORMAT must be/)
  })
})
