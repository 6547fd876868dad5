import path from 'node:path'
import { fixturePath } from '@report-qa/test-fixtures'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DEBOUNCE_MS, readEnv } from './env.ts'

describe('readEnv', () => {
  it('defaults to the embedded fixtures and the repository .data folder', () => {
    expect(readEnv({})).toEqual({
      reportsDir: fixturePath('reports'),
      indexPath: path.join(fixturePath('..'), '.data/index.json'),
      debounceMs: DEFAULT_DEBOUNCE_MS,
      logFormat: 'json',
    })
  })

  it('resolves relative paths against the working directory and reads DEBOUNCE_MS', () => {
    const env = readEnv({
      REPORTS_DIR: fixturePath('corpus'),
      INDEX_PATH: 'tmp/i.json',
      DEBOUNCE_MS: ' 0 ',
      LOG_FORMAT: 'pretty',
    })
    expect(env).toEqual({
      reportsDir: fixturePath('corpus'),
      indexPath: path.resolve('tmp/i.json'),
      debounceMs: 0,
      logFormat: 'pretty',
    })
  })

  it.each([
    [{ REPORTS_DIR: '/no/such/folder' }, /^REPORTS_DIR must name an existing folder, got \/no\/such\/folder$/],
    [{ REPORTS_DIR: fixturePath('index.ts') }, /^REPORTS_DIR must name an existing folder/],
    [{ INDEX_PATH: fixturePath('reports') }, /^INDEX_PATH must name a file, got the folder/],
    [{ INDEX_PATH: fixturePath('reports/index.json') }, /^INDEX_PATH must lie outside REPORTS_DIR/],
    [{ INDEX_PATH: 'a\0b' }, /^INDEX_PATH must be a file system path/],
    [{ DEBOUNCE_MS: '1.5' }, /^DEBOUNCE_MS must be a whole number of milliseconds from 0 to 60000, got "1.5"$/],
    [{ DEBOUNCE_MS: '100000' }, /^DEBOUNCE_MS must be/],
    [{ LOG_FORMAT: 'xml' }, /^LOG_FORMAT must be "json" or "pretty", got "xml"$/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => readEnv(env)).toThrow(message)
  })
})
