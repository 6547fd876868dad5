import { stat } from 'node:fs/promises'
import { loadIndex, openIndex, removeStaleTemps, ReportIndex, saveIndex, type Logger, type SyncResult } from '@report-qa/core'
import { createRebuilder, type Rebuilder, type RebuilderOptions } from './rebuild.ts'
import { watchReports } from './watch.ts'

export interface WorkerOptions {
  reportsDir: string
  indexPath: string
  logger: Logger
  debounceMs: number
  /** Passed to the rebuilder (tests inject a failing save). */
  save?: RebuilderOptions['save']
  retryMs?: number
}

export interface Worker {
  readonly index: ReportIndex
  readonly rebuilder: Rebuilder
  /** What opening the index at start did (`parsed` is 0 when no file changed since the artifact). */
  readonly opened: SyncResult | null
  close(): Promise<void>
}

/**
 * Starts the single writer of an artifact: opens it (loading what is there and re-parsing only
 * files that changed since), makes sure the file exists for readers, then rebuilds whenever the
 * reports folder settles after a change.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { reportsDir, indexPath, logger, debounceMs } = options
  for (const file of await removeStaleTemps(indexPath)) logger.info('removed a temp file left by an interrupted write', { file })

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
  let opened: SyncResult | null = null
  try {
    ;({ index, sync: opened } = await openIndex({ reportsDir, indexPath, logger }))
    if (!(await exists(indexPath))) await saveIndex(index, indexPath) // readers wait for the file
    logger.info('index opened', { reportsDir, indexPath, parsed: opened.parsed, failed: opened.failed.length, ...index.stats() })
  } catch (error) {
    logger.error('could not open the index; serving the previous artifact and retrying', { error })
    index = await loadIndex(indexPath).catch(() => new ReportIndex())
    missed = true
  }
  const rebuilder = createRebuilder({ index, reportsDir, indexPath, logger, save: options.save, retryMs: options.retryMs })
  rebuild = () => void rebuilder.request()
  if (missed) rebuild()

  return {
    index,
    rebuilder,
    opened,
    async close() {
      await watcher.close()
      await rebuilder.close()
    },
  }
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null
}
