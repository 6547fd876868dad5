import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (apps/api/src -> ../../..), for the defaults below. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface Env {
  port: number
  reportsDir: string
  indexPath: string
  /** Unset: the admin routes answer 403. */
  adminToken: string | undefined
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
