import {
  isCoreError,
  saveIndex,
  syncIndex,
  type Logger,
  type ParseFile,
  type RebuildState,
  type ReportIndex,
  type SyncResult,
} from '@report-qa/core'

export type RebuildOutcome = { ok: true; sync: SyncResult; saved: boolean; repaired: string[] } | { ok: false; error: unknown }

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
  /** Reads a changed file (a ParseThread in the service; this thread by default). */
  parse?: ParseFile
  /** The index is not in the artifact yet (there was none to load): the first rebuild writes it even if no file changed. */
  unsaved?: boolean
}

export interface Rebuilder {
  /**
   * Asks for a rebuild. Rebuilds run one at a time; requests made while one runs are folded into
   * a single next run. Resolves with the outcome of the run that covers this request; never rejects.
   * `recheck`: check every place against its checksum first, not only those not read yet.
   */
  request(options?: { recheck?: boolean }): Promise<RebuildOutcome>
  /** Rebuilds run so far. */
  readonly runs: number
  /** How the last rebuild ended (null before the first). */
  readonly state: RebuildState | null
  /** Stops retrying and waits for the rebuild under way, if any. */
  close(): Promise<void>
}

/**
 * Serializes rebuilds of one artifact. A rebuild syncs the index with the folder (core re-parses
 * only files whose content hash changed) and saves the artifact atomically when anything changed.
 * A rebuild that fails is logged and leaves the previous artifact in place; the in-memory index
 * is then marked unsaved, so the next rebuild writes it even if no file changes in between.
 * Before syncing, places whose units are damaged on disk are dropped, so that the sync reads
 * their sources again (a sync that meets one anyway asks for a run that rechecks every place).
 */
export function createRebuilder(options: RebuilderOptions): Rebuilder {
  const { index, reportsDir, indexPath, logger, save = saveIndex, retryMs = 30_000, parse } = options
  let tail: Promise<unknown> = Promise.resolve()
  let queued: Promise<RebuildOutcome> | null = null
  let recheckQueued = false
  let unsaved = options.unsaved ?? false
  let runs = 0
  let state: RebuildState | null = null
  let retry: NodeJS.Timeout | undefined
  let closed = false

  const rebuild = async (recheck: boolean): Promise<RebuildOutcome> => {
    runs++
    clearTimeout(retry)
    const started = performance.now()
    try {
      const damaged = index.damagedPlaces(recheck)
      const repaired = damaged.map((key) => index.placeLabel(key)) // named while their reports are known
      for (const key of damaged) index.dropPlace(key)
      if (repaired.length > 0) {
        unsaved = true
        logger.warn('dropped places damaged on disk; reading their sources again', { places: first(repaired) })
      }
      const sync = await syncIndex(index, reportsDir, { logger, parse })
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
      state = { ok: true, at: new Date().toISOString(), unsaved: false }
      return { ok: true, sync, saved, repaired }
    } catch (error) {
      unsaved = true // the sync may have changed the index part-way, or the save failed
      state = { ok: false, at: new Date().toISOString(), error: oneLine(error), unsaved: true }
      if (isCoreError(error, 'INDEX_DAMAGED')) {
        // A place damaged since it was checked: check them all, now.
        logger.warn('a place is damaged on disk; checking every place', { error })
        if (!closed) retry = setTimeout(() => void request({ recheck: true }), 0)
      } else {
        logger.error('rebuild failed; the previous artifact stays in use', { error, retryMs: retryMs || undefined })
        if (retryMs > 0 && !closed) retry = setTimeout(() => void request(), retryMs)
      }
      return { ok: false, error }
    }
  }

  const request = (options: { recheck?: boolean } = {}): Promise<RebuildOutcome> => {
    if (options.recheck) recheckQueued = true
    if (queued) return queued // a run that has not started yet will see this change too
    const run = tail.then(() => {
      queued = null
      const recheck = recheckQueued
      recheckQueued = false
      return rebuild(recheck)
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
    get state() {
      return state
    },
    async close() {
      closed = true
      clearTimeout(retry)
      await tail
    },
  }
}

/** An error as one line: its code and message (ENOSPC: no space left on device, write). */
function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return code === undefined || error.message.startsWith(String(code)) ? error.message : `${String(code)}: ${error.message}`
}

const LISTED = 20

/** A list for a log line: short enough to read when 10,000 files arrive at once. */
function first(names: string[]): string[] {
  return names.length <= LISTED ? names : [...names.slice(0, LISTED), `… ${names.length - LISTED} more`]
}
