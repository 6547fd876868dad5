import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { logFormat, type LogFormat } from '@report-qa/core/log'

/** The repository root (apps/api/src -> ../../..), for the defaults below. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface Env {
  port: number
  reportsDir: string
  indexPath: string
  /** Unset: the admin routes answer 403. */
  adminToken: string | undefined
  /** `RATE_LIMIT`: /ask and /search requests a client may make a minute (default 120; 0: no limit). */
  ratePerMinute: number
  /** `MAX_CONNECTIONS`: open connections at most (default 1000). */
  maxConnections: number
  /** `TRUST_PROXY=1`: behind a reverse proxy, the client is the last X-Forwarded-For address. */
  trustProxy: boolean
  /** `LOG_FORMAT`: json, or pretty on a terminal. */
  logFormat: LogFormat
}

export class EnvError extends Error {
  override readonly name = 'EnvError'
}

/** Reads and validates the API's configuration; throws EnvError naming the bad variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  return {
    port: readPort(env['PORT']),
    reportsDir: readPath('REPORTS_DIR', env['REPORTS_DIR'], path.join(root, 'test-fixtures/reports')),
    indexPath: readPath('INDEX_PATH', env['INDEX_PATH'], path.join(root, '.data/index.json')),
    adminToken: readToken(env['ADMIN_TOKEN']),
    ratePerMinute: readCount('RATE_LIMIT', env['RATE_LIMIT'], 120, 0),
    maxConnections: readCount('MAX_CONNECTIONS', env['MAX_CONNECTIONS'], 1000, 1),
    trustProxy: readFlag('TRUST_PROXY', env['TRUST_PROXY']),
    logFormat: readLogFormat(env['LOG_FORMAT']),
  }
}

function readCount(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || n < min || n > 1_000_000) {
    throw new EnvError(`${name} must be a whole number from ${min} to 1000000, got ${JSON.stringify(value)}`)
  }
  return n
}

function readFlag(name: string, value: string | undefined): boolean {
  const given = value?.trim().toLowerCase() ?? ''
  if (['', '0', 'false', 'no'].includes(given)) return false
  if (['1', 'true', 'yes'].includes(given)) return true
  throw new EnvError(`${name} must be 1 or 0, got ${JSON.stringify(value)}`)
}

function readLogFormat(value: string | undefined): LogFormat {
  try {
    return logFormat(value, process.stdout.isTTY === true)
  } catch (error) {
    throw new EnvError((error as Error).message)
  }
}

function readPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000
  const port = Number(value)
  if (!/^\d+$/.test(value.trim()) || port < 0 || port > 65535) {
    throw new EnvError(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(value)}`)
  }
  return port
}

function readPath(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value.trim() === '') return fallback
  if (value.includes('\0')) throw new EnvError(`${name} must be a file system path, got a value holding a NUL character`)
  return path.resolve(value)
}

function readToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  if (value.length < 16 || /\s/.test(value)) {
    throw new EnvError('ADMIN_TOKEN must be at least 16 characters without spaces (unset it to disable the admin routes)')
  }
  return value
}
