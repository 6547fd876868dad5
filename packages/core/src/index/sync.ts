import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { CoreError, isCoreError } from '../errors.ts'
import { parseInThisThread, type ParseFile } from '../ingest/parse-thread.ts'
import { isReportFile } from '../ingest/read-report-file.ts'
import type { Logger } from '../types.ts'
import { loadIndex, saveIndex } from './artifact.ts'
import { ReportIndex, textLength } from './report-index.ts'
import { defaultThreads, UnitPool } from './unit-pool.ts'

/** Characters of changed text from which a sync builds places in worker threads by default. */
export const POOL_MIN_CHARS = 1_500_000

export interface SyncResult {
  added: string[]
  updated: string[]
  removed: string[]
  /** Files that hold no readable report, with the reason. */
  failed: { source: string; error: string }[]
  /** Files read and parsed in this sync (unchanged files are not). */
  parsed: number
}

export interface SyncOptions {
  logger?: Logger
  /**
   * Name under which this folder's files are recorded (`scope/file.txt`), so that several folders
   * can share one index; a sync only adds and removes files of its own scope. Default: none.
   */
  scope?: string
  /**
   * Worker threads that build changed places beside this one (0: none). Default: one per core but
   * one, started once the sync has read `POOL_MIN_CHARS` of changed text (each thread loads its own
   * segmenter dictionary, which pays off for large builds only).
   */
  threads?: number
  /** Called after each file is processed. */
  onProgress?: (done: number, total: number, bytes: number) => void
  /**
   * Reads a file's bytes into its reports. Default: in this thread; a service passes a
   * `ParseThread`, so that no file holds its event loop and each is read within time and memory limits.
   */
  parse?: ParseFile
}

/** Every report file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listReportFiles(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true })
  } catch (cause) {
    throw new CoreError('REPORTS_DIR_MISSING', `reports folder ${dir} cannot be read`, { cause })
  }
  return entries
    .filter((entry) => entry.isFile() && isReportFile(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

/**
 * Brings `index` in line with the files in `dir`: new and changed files (by content hash) are
 * parsed and indexed, removed ones dropped, unchanged ones not read past their hash. A file that
 * holds no report is logged, recorded with its reason, and indexes nothing.
 */
export async function syncIndex(index: ReportIndex, dir: string, options: SyncOptions = {}): Promise<SyncResult> {
  const { logger, onProgress, parse = parseInThisThread } = options
  const prefix = options.scope ? `${options.scope}/` : ''
  const files = await listReportFiles(dir)
  const result: SyncResult = { added: [], updated: [], removed: [], failed: [], parsed: 0 }
  const present = new Set(files.map((file) => prefix + file))
  for (const source of [...index.sources.keys()]) {
    if (source.startsWith(prefix) && !present.has(source)) {
      index.removeSource(source)
      result.removed.push(source)
    }
  }
  // Threads asked for start now; by default, once much changed text has been read.
  let pool = options.threads ? new UnitPool(options.threads) : null
  let changedChars = 0
  try {
    let done = 0
    for (const file of files) {
      const source = prefix + file
      let bytes: Buffer
      try {
        bytes = await readFile(path.join(dir, file))
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code
        if (code === 'ENOENT') {
          // Removed between listing and reading.
          if (index.sources.has(source)) {
            index.removeSource(source)
            result.removed.push(source)
          }
          continue
        }
        // Unreadable (permissions, I/O): its old text is not served on; tried again at every sync.
        const message = `${source}: cannot be read (${code ?? (cause as Error).message})`
        const previous = index.sources.get(source)
        if (previous?.hash !== '' || previous.error !== message) {
          index.upsertSource(source, { hash: '', error: message }, [])
          result.failed.push({ source, error: message })
          logger?.warn('skipped a file that cannot be read', { source, error: message })
        }
        continue
      }
      const hash = createHash('sha256').update(bytes).digest('hex')
      const previous = index.sources.get(source)
      if (previous?.hash !== hash) {
        result.parsed++
        let reports
        try {
          reports = await parse(bytes, source)
        } catch (error) {
          // One bad file never stops the sync: it is recorded and skipped until it changes.
          const message = isCoreError(error)
            ? error.message
            : `${source}: unexpected error while parsing: ${(error as Error).message}`
          index.upsertSource(source, { hash, error: message }, [])
          result.failed.push({ source, error: message })
          logger?.warn('skipped a file that holds no readable report', { source, error: message })
        }
        if (reports) {
          index.upsertSource(source, { hash }, reports)
          ;(previous ? result.updated : result.added).push(source)
          changedChars += textLength(reports)
          if (!pool && options.threads === undefined && changedChars >= POOL_MIN_CHARS) pool = new UnitPool(defaultThreads())
          if (pool) index.buildAhead(pool)
        }
      }
      onProgress?.(++done, files.length, bytes.length)
    }
    await index.settle(pool ?? undefined)
  } finally {
    await pool?.close()
  }
  return result
}

export interface OpenIndexOptions extends SyncOptions {
  reportsDir: string
  /** Artifact file; loaded when present and compatible, rewritten when the folder changed. */
  indexPath?: string
}

/** Loads the artifact (or starts empty), syncs it with the reports folder and saves it if anything changed. */
export async function openIndex(options: OpenIndexOptions): Promise<{ index: ReportIndex; sync: SyncResult }> {
  const { reportsDir, indexPath, logger } = options
  let index = new ReportIndex()
  if (indexPath) {
    try {
      index = await loadIndex(indexPath)
    } catch (error) {
      if (!isCoreError(error)) throw error
      const missing = (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
      if (!missing) logger?.warn('rebuilding the index', { reason: error.message })
    }
  }
  const sync = await syncIndex(index, reportsDir, options)
  const changed = sync.added.length + sync.updated.length + sync.removed.length + sync.failed.length > 0
  if (indexPath && changed) await saveIndex(index, indexPath)
  return { index, sync }
}
