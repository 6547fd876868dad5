import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvError, readEnv } from './env.ts'

const TOKEN = '123:abc_DEF-1'

describe('readEnv', () => {
  it('defaults to polling Telegram with the fixture reports and .data/index.json', () => {
    const env = readEnv({ TELEGRAM_BOT_TOKEN: TOKEN })
    expect(env).toMatchObject({ token: TOKEN, apiRoot: 'https://api.telegram.org', mode: 'polling', webhook: null })
    expect(env.reportsDir.endsWith(path.join('test-fixtures', 'reports'))).toBe(true)
    expect(env.indexPath.endsWith(path.join('.data', 'index.json'))).toBe(true)
  })

  it('refuses a missing or malformed token with a sentence naming the variable', () => {
    expect(() => readEnv({})).toThrow(EnvError)
    expect(() => readEnv({})).toThrow(/^TELEGRAM_BOT_TOKEN is not set/)
    expect(() => readEnv({ TELEGRAM_BOT_TOKEN: 'nonsense' })).toThrow(/^TELEGRAM_BOT_TOKEN does not look like a bot token/)
  })

  it('requires WEBHOOK_URL and a well-formed WEBHOOK_SECRET in webhook mode', () => {
    const base = { TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: 'webhook' }
    expect(() => readEnv(base)).toThrow(/^WEBHOOK_URL is required/)
    expect(() => readEnv({ ...base, WEBHOOK_URL: 'https://x.org/hook' })).toThrow(/^WEBHOOK_SECRET is required/)
    expect(() => readEnv({ ...base, WEBHOOK_URL: 'https://x.org/hook', WEBHOOK_SECRET: 'has space' })).toThrow(/^WEBHOOK_SECRET/)
    expect(readEnv({ ...base, WEBHOOK_URL: 'https://x.org/hook', WEBHOOK_SECRET: 's_1', PORT: '8443' }).webhook).toEqual({
      url: 'https://x.org/hook',
      secret: 's_1',
      port: 8443,
    })
  })

  it('refuses a bad BOT_MODE, PORT or TELEGRAM_API_ROOT', () => {
    expect(() => readEnv({ TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: 'push' })).toThrow(/^BOT_MODE must be/)
    expect(() => readEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'ftp://x' })).toThrow(/^TELEGRAM_API_ROOT must be/)
    const hook = { TELEGRAM_BOT_TOKEN: TOKEN, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://x.org/h', WEBHOOK_SECRET: 's' }
    expect(() => readEnv({ ...hook, PORT: 'eighty' })).toThrow(/^PORT must be/)
  })

  it('resolves relative folders against where pnpm was run', () => {
    const env = readEnv({ TELEGRAM_BOT_TOKEN: TOKEN, INIT_CWD: '/somewhere', REPORTS_DIR: 'reports', INDEX_PATH: 'out/i.json' })
    expect(env.reportsDir).toBe('/somewhere/reports')
    expect(env.indexPath).toBe('/somewhere/out/i.json')
  })
})
