import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { logFormat, type LogFormat } from '@report-qa/core/log'

/** The repository root: apps/bot/src -> ../../.. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export type BotMode = 'polling' | 'webhook'

export interface BotEnv {
  token: string
  apiRoot: string
  mode: BotMode
  /** Only in webhook mode. */
  webhook: { url: string; secret: string; port: number } | null
  reportsDir: string
  indexPath: string
  /** `LOG_FORMAT`: json, or pretty on a terminal. */
  logFormat: LogFormat
}

/** A bad or missing variable; `message` is one sentence naming it, fit for stderr. */
export class EnvError extends Error {
  override readonly name = 'EnvError'
}

const SECRET = /^[A-Za-z0-9_-]{1,256}$/
const TOKEN = /^\d+:[A-Za-z0-9_-]+$/

/** Reads and validates the bot's configuration; throws `EnvError` on the first bad value. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): BotEnv {
  const token = env.TELEGRAM_BOT_TOKEN?.trim() ?? ''
  if (token === '') throw new EnvError('TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token.')
  if (!TOKEN.test(token)) throw new EnvError('TELEGRAM_BOT_TOKEN does not look like a bot token (expected <digits>:<secret>).')

  const apiRoot = httpUrl(env, 'TELEGRAM_API_ROOT', 'https://api.telegram.org')
  const mode = env.BOT_MODE?.trim() || 'polling'
  if (mode !== 'polling' && mode !== 'webhook') throw new EnvError(`BOT_MODE must be "polling" or "webhook", not "${mode}".`)

  let webhook: BotEnv['webhook'] = null
  if (mode === 'webhook') {
    if (!env.WEBHOOK_URL?.trim()) throw new EnvError('WEBHOOK_URL is required when BOT_MODE=webhook.')
    const url = httpUrl(env, 'WEBHOOK_URL', '')
    const secret = env.WEBHOOK_SECRET?.trim() ?? ''
    if (!SECRET.test(secret)) {
      throw new EnvError('WEBHOOK_SECRET is required when BOT_MODE=webhook: 1-256 characters of A-Z, a-z, 0-9, _ and -.')
    }
    webhook = { url, secret, port: port(env.PORT) }
  }

  // pnpm runs scripts from the package folder; relative paths are relative to where the user was.
  const cwd = env.INIT_CWD ?? process.cwd()
  return {
    token,
    apiRoot,
    mode,
    webhook,
    reportsDir: env.REPORTS_DIR?.trim() ? path.resolve(cwd, env.REPORTS_DIR.trim()) : path.join(ROOT, 'test-fixtures/reports'),
    indexPath: env.INDEX_PATH?.trim() ? path.resolve(cwd, env.INDEX_PATH.trim()) : path.join(ROOT, '.data/index.json'),
    logFormat: readLogFormat(env.LOG_FORMAT),
  }
}

function readLogFormat(value: string | undefined): LogFormat {
  try {
    return logFormat(value, process.stdout.isTTY === true)
  } catch (error) {
    throw new EnvError(`${(error as Error).message}.`)
  }
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new EnvError(`${name} must be an http(s) URL.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EnvError(`${name} must be an http(s) URL.`)
  return value
}

function port(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new EnvError('PORT must be a whole number from 0 to 65535.')
  return n
}
