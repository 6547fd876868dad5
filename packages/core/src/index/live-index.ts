import { watch, type FSWatcher } from 'node:fs'
import path from 'node:path'
import type { Logger } from '../types.ts'
import { loadIndex } from './artifact.ts'
import type { ReportIndex } from './report-index.ts'

export interface LiveIndex {
  /** The index to answer from now; requests keep the reference they started with. */
  readonly current: ReportIndex
  /** Loads the artifact again now (also done by itself when the file changes). */
  reload(): Promise<void>
  close(): void
}

/**
 * Follows an artifact file: when the worker renames a new one into place, it is loaded and swapped
 * in. A load that fails keeps the index in use.
 */
export function watchIndex(
  file: string,
  initial: ReportIndex,
  options: { logger?: Logger; onReload?: (index: ReportIndex) => void } = {},
): LiveIndex {
  let current = initial
  let timer: NodeJS.Timeout | undefined
  let loading: Promise<void> | null = null
  let again = false
  const reload = async (): Promise<void> => {
    if (loading) {
      again = true
      return loading
    }
    loading = (async () => {
      do {
        again = false
        try {
          current = await loadIndex(file)
          options.onReload?.(current)
          options.logger?.info('index reloaded', { reports: current.stats().reports })
        } catch (error) {
          options.logger?.warn('kept the index in use: the new artifact did not load', { error: (error as Error).message })
        }
      } while (again)
    })().finally(() => (loading = null))
    return loading
  }
  // Watch the folder: the artifact is replaced by rename, which a watch on the file itself misses.
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(path.dirname(file), (_event, name) => {
      if (name !== path.basename(file)) return
      clearTimeout(timer)
      timer = setTimeout(() => void reload(), 50)
    })
  } catch (error) {
    options.logger?.warn('cannot watch the index folder; reload on request only', { error: (error as Error).message })
  }
  return {
    get current() {
      return current
    },
    reload,
    close() {
      clearTimeout(timer)
      watcher?.close()
    },
  }
}
