import { openIndex, type Logger, type SyncResult } from '@report-qa/core'
import type { IndexHandle } from './context.ts'

export type Reindex = () => Promise<SyncResult>

/**
 * Syncs the artifact with the reports folder and has the live index load it. Works on a fresh copy
 * loaded from the artifact (the index serving requests is never changed in place), saves it
 * atomically, then reloads. Runs are serialized: one that starts while another runs waits for it,
 * and callers waiting together share the next run.
 */
export function createReindex(options: { index: IndexHandle; reportsDir: string; indexPath: string; logger: Logger }): Reindex {
  const { index, reportsDir, indexPath, logger } = options
  let running: Promise<SyncResult> | null = null
  let queued: Promise<SyncResult> | null = null
  const run = async (): Promise<SyncResult> => {
    const { sync } = await openIndex({ reportsDir, indexPath, logger })
    await index.reload()
    return sync
  }
  const start = (): Promise<SyncResult> => {
    running = run().finally(() => (running = null))
    return running
  }
  return () => {
    if (!running) return start()
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null
        return start()
      })
    return queued
  }
}
