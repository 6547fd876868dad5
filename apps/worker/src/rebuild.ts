import { saveIndex, syncIndex, type Logger, type ReportIndex, type SyncResult } from '@report-qa/core'

export type RebuildOutcome = { ok: true; sync: SyncResult; saved: boolean } | { ok: false; error: unknown }

export interface RebuilderOptions {
  /** The worker's index, brought in line with the folder by each rebuild. */
  index: ReportIndex
  reportsDir: string
  indexPath: string
  logger: Logger
  /** Writes the artifact (core's atomic saveIndex unless a test injects a failure). */
  save?: (index: ReportIndex, file: string) => Promise<unknown>
  /** After a failed rebuild, try again this long later even if no file changes; 0: only on the next change. */
  retryMs?: number
}

export interface Rebuilder {
  /**
   * Asks for a rebuild. Rebuilds run one at a time; requests made while one runs are folded into
   * a single next run. Resolves with the outcome of the run that covers this request; never rejects.
   */
  request(): Promise<RebuildOutcome>
  /** Rebuilds run so far. */
  readonly runs: number
  /** Stops retrying and waits for the rebuild under way, if any. */
  close(): Promise<void>
}

/**
 * Serializes rebuilds of one artifact. A rebuild syncs the index with the folder (core re-parses
 * only files whose content hash changed) and saves the artifact atomically when anything changed.
 * A rebuild that fails is logged and leaves the previous artifact in place; the in-memory index
 * is then marked unsaved, so the next rebuild writes it even if no file changes in between.
 */
export function createRebuilder(options: RebuilderOptions): Rebuilder {
  const { index, reportsDir, indexPath, logger, save = saveIndex, retryMs = 30_000 } = options
  let tail: Promise<unknown> = Promise.resolve()
  let queued: Promise<RebuildOutcome> | null = null
  let unsaved = false
  let runs = 0
  let retry: NodeJS.Timeout | undefined
  let closed = false

  const rebuild = async (): Promise<RebuildOutcome> => {
    runs++
    clearTimeout(retry)
    const started = performance.now()
    try {
      const sync = await syncIndex(index, reportsDir, { logger })
      if (sync.added.length + sync.updated.length + sync.removed.length + sync.failed.length > 0) unsaved = true
      const saved = unsaved
      if (unsaved) {
        await save(index, indexPath)
        unsaved = false
      }
      const { added, updated, removed, failed, parsed } = sync
      logger.info(saved ? 'index rebuilt' : 'index unchanged', {
        added: first(added),
        updated: first(updated),
        removed: first(removed),
        failed: first(failed.map((entry) => entry.source)),
        parsed,
        ...index.stats(),
        ms: Math.round(performance.now() - started),
      })
      return { ok: true, sync, saved }
    } catch (error) {
      unsaved = true // the sync may have changed the index part-way, or the save failed
      logger.error('rebuild failed; the previous artifact stays in use', { error, retryMs: retryMs || undefined })
      if (retryMs > 0 && !closed) retry = setTimeout(() => void request(), retryMs)
      return { ok: false, error }
    }
  }

  const request = (): Promise<RebuildOutcome> => {
    if (queued) return queued // a run that has not started yet will see this change too
    const run = tail.then(() => {
      queued = null
      return rebuild()
    })
    queued = run
    tail = run
    return run
  }

  return {
    request,
    get runs() {
      return runs
    },
    async close() {
      closed = true
      clearTimeout(retry)
      await tail
    },
  }
}

const LISTED = 20

/** A list for a log line: short enough to read when 10,000 files arrive at once. */
function first(names: string[]): string[] {
  return names.length <= LISTED ? names : [...names.slice(0, LISTED), `… ${names.length - LISTED} more`]
}
