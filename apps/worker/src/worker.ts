import { createHash, randomBytes } from 'node:crypto'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  CoreError,
  isCoreError,
  loadIndex,
  ParseThread,
  removeStaleTemps,
  ReportIndex,
  type Logger,
  type ParseFile,
  type Report,
  type SyncResult,
  type WriterStatus,
} from '@report-qa/core'
import { createRebuilder, type Rebuilder, type RebuilderOptions } from './rebuild.ts'
import { watchReports } from './watch.ts'

export interface WorkerOptions {
  reportsDir: string
  indexPath: string
  logger: Logger
  debounceMs: number
  /** The service's version, reported in its status. */
  version?: string
  /** Passed to the rebuilder (tests inject a failing save). */
  save?: RebuilderOptions['save']
  retryMs?: number
  /** Reads a changed file; default: a ParseThread of this worker's (30 s and 512 MB a file). */
  parse?: ParseFile
}

export interface StoredReport {
  /** File name relative to the reports folder (the index's `source`). */
  source: string
  /** sha256 of the bytes, as the index records it. */
  hash: string
  replaced: boolean
  reports: Report[]
}

export interface Worker {
  readonly index: ReportIndex
  readonly rebuilder: Rebuilder
  /** What the first rebuild did (`parsed` is 0 when no file changed since the artifact); null if it failed. */
  readonly opened: SyncResult | null
  status(): WriterStatus
  /**
   * Stores an uploaded report in the reports folder, once it reads as one (its CoreError
   * otherwise, and nothing is stored), then rebuilds. Written to a hidden temp file and renamed,
   * so that the folder's watcher never reads half a file.
   */
  store(name: string, bytes: Uint8Array): Promise<StoredReport>
  close(): Promise<void>
}

/**
 * Starts the single writer of an artifact: loads what is there (starting empty when there is none
 * or it cannot be read), drops places damaged on disk, brings the index in line with the folder
 * (re-parsing only files that changed since) and saves it, then rebuilds whenever the folder settles
 * after a change. The artifact exists for readers once this resolves, unless the save failed: the
 * previous artifact then stays, and the rebuild is tried again.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { reportsDir, indexPath, logger, debounceMs } = options
  const startedAt = new Date().toISOString()
  for (const file of await removeStaleTemps(indexPath)) logger.info('removed a temp file left by an interrupted write', { file })
  const thread = options.parse ? null : new ParseThread()
  const parse = options.parse ?? thread!.parse

  // Watch before opening, so a file that arrives while the index opens is not missed: until the
  // rebuilder exists, a settled batch is only remembered.
  let missed = false
  let rebuild = () => void (missed = true)
  const watcher = watchReports({
    reportsDir,
    logger,
    debounceMs,
    onSettled(files) {
      logger.info('reports changed', { files: files.slice(0, 20), count: files.length })
      rebuild()
    },
  })
  await watcher.ready

  let index: ReportIndex
  let loaded = true
  try {
    index = await loadIndex(indexPath)
  } catch (error) {
    if (!isCoreError(error)) throw error
    const missing = (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
    if (!missing) logger.warn('rebuilding the index from the reports folder', { reason: error.message })
    index = new ReportIndex()
    loaded = false
  }
  const rebuilder = createRebuilder({
    index,
    reportsDir,
    indexPath,
    logger,
    save: options.save,
    retryMs: options.retryMs,
    parse,
    unsaved: !loaded,
  })
  const first = await rebuilder.request()
  const opened = first.ok ? first.sync : null
  if (first.ok)
    logger.info('index opened', {
      reportsDir,
      indexPath,
      parsed: first.sync.parsed,
      failed: first.sync.failed.length,
      ...index.stats(),
    })
  rebuild = () => void rebuilder.request()
  if (missed) rebuild()

  return {
    index,
    rebuilder,
    opened,
    status: () => ({
      pid: process.pid,
      startedAt,
      version: options.version ?? '0.0.0',
      lastRebuild: rebuilder.state,
      failed: index.failures(),
    }),
    async store(name, bytes) {
      if (name !== path.basename(name) || name.startsWith('.') || name.includes('\0')) {
        throw new CoreError('REPORT_UNREADABLE', `${name}: not a file name of the reports folder`)
      }
      const reports = await parse(bytes, name)
      if (reports.length === 0) throw new CoreError('REPORT_UNREADABLE', `${name}: holds no report`)
      const target = path.join(reportsDir, name)
      const replaced = (await stat(target).catch(() => null)) !== null
      const temp = path.join(reportsDir, `.${randomBytes(6).toString('hex')}.upload`)
      try {
        await mkdir(reportsDir, { recursive: true })
        await writeFile(temp, bytes)
        await rename(temp, target)
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
      logger.info('report uploaded', { source: name, bytes: bytes.length, replaced })
      void rebuilder.request()
      return { source: name, hash: createHash('sha256').update(bytes).digest('hex'), replaced, reports }
    },
    async close() {
      await watcher.close()
      await rebuilder.close()
      await thread?.close()
    },
  }
}
