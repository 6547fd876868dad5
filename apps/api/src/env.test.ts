import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvError, readEnv } from './env.ts'

describe('readEnv', () => {
  it('defaults to port 3000, the fixture reports, .data/index.json and no admin token', () => {
    const env = readEnv({})
    expect(env.port).toBe(3000)
    expect(env.reportsDir).toMatch(/test-fixtures[\\/]reports$/)
    expect(env.indexPath).toMatch(/\.data[\\/]index\.json$/)
    expect(env.adminToken).toBeUndefined()
  })

  it('reads the variables it is given, resolving paths', () => {
    const env = readEnv({ PORT: '8080', REPORTS_DIR: 'reports', INDEX_PATH: '/tmp/i.json', ADMIN_TOKEN: 'a-long-enough-token' })
    expect(env).toEqual({
      port: 8080,
      reportsDir: path.resolve('reports'),
      indexPath: '/tmp/i.json',
      adminToken: 'a-long-enough-token',
      ratePerMinute: 120,
      maxConnections: 1000,
      trustProxy: false,
      logFormat: 'json',
    })
    expect(readEnv({ RATE_LIMIT: '0', MAX_CONNECTIONS: '50', TRUST_PROXY: 'yes', LOG_FORMAT: 'pretty' })).toMatchObject({
      ratePerMinute: 0,
      maxConnections: 50,
      trustProxy: true,
      logFormat: 'pretty',
    })
  })

  it('names the variable when a value is bad', () => {
    for (const port of ['abc', '-1', '70000', '80.5']) expect(() => readEnv({ PORT: port })).toThrow(/^PORT /)
    expect(() => readEnv({ ADMIN_TOKEN: 'short' })).toThrow(EnvError)
    expect(() => readEnv({ ADMIN_TOKEN: 'short' })).toThrow(/^ADMIN_TOKEN /)
    expect(() => readEnv({ REPORTS_DIR: 'a\0b' })).toThrow(/^REPORTS_DIR /)
    expect(() => readEnv({ RATE_LIMIT: '-5' })).toThrow(/^RATE_LIMIT /)
    expect(() => readEnv({ MAX_CONNECTIONS: '0' })).toThrow(/^MAX_CONNECTIONS /)
    expect(() => readEnv({ TRUST_PROXY: 'maybe' })).toThrow(/^TRUST_PROXY /)
  })
})
