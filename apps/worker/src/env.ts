import { statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { logFormat, type LogFormat } from '@report-qa/core/log'

/** The repository root (apps/worker/src -> ../../..), for the defaults below. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export const DEFAULT_DEBOUNCE_MS = 300

export interface Env {
  /** Folder watched for report files, recursively. */
  reportsDir: string
  /** The artifact this worker alone writes. */
  indexPath: string
  /** Quiet time after the last file event before a rebuild. */
  debounceMs: number
  /** `LOG_FORMAT`: json, or pretty on a terminal. */
  logFormat: LogFormat
}

export class EnvError extends Error {
  override readonly name = 'EnvError'
}

/**
 * Reads and validates the worker's configuration; throws EnvError naming the bad variable.
 * Relative paths resolve against the working directory, as in apps/api.
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const reportsDir = pathVariable(env, 'REPORTS_DIR') ?? path.join(root, 'test-fixtures/reports')
  if (!isFolder(reportsDir)) throw new EnvError(`REPORTS_DIR must name an existing folder, got ${reportsDir}`)
  const indexPath = pathVariable(env, 'INDEX_PATH') ?? path.join(root, '.data/index.json')
  if (isFolder(indexPath)) throw new EnvError(`INDEX_PATH must name a file, got the folder ${indexPath}`)
  if (!path.relative(reportsDir, indexPath).startsWith('..')) {
    throw new EnvError(`INDEX_PATH must lie outside REPORTS_DIR (${reportsDir}), got ${indexPath}`)
  }
  return {
    reportsDir,
    indexPath,
    debounceMs: debounceVariable(env['DEBOUNCE_MS']),
    logFormat: logFormatVariable(env['LOG_FORMAT']),
  }
}

function logFormatVariable(value: string | undefined): LogFormat {
  try {
    return logFormat(value, process.stdout.isTTY === true)
  } catch (error) {
    throw new EnvError((error as Error).message)
  }
}

function pathVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim()
  if (!value) return undefined
  if (value.includes('\0')) throw new EnvError(`${name} must be a file system path, got a value holding a NUL character`)
  return path.resolve(value)
}

function debounceVariable(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_DEBOUNCE_MS
  const ms = Number(value)
  if (!/^\d+$/.test(value.trim()) || ms > 60_000) {
    throw new EnvError(`DEBOUNCE_MS must be a whole number of milliseconds from 0 to 60000, got ${JSON.stringify(value)}`)
  }
  return ms
}

function isFolder(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false
}
