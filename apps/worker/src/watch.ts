import { stat } from 'node:fs/promises'
import path from 'node:path'
import { isReportFile, REPORT_EXTENSIONS, type Logger } from '@report-qa/core'
import { watch } from 'chokidar'

export interface WatchReportsOptions {
  reportsDir: string
  logger: Logger
  /** Quiet time after the last event before the batch is checked and reported. */
  debounceMs: number
  /** How long the batch's files must keep their size and mtime before they count as written. */
  stableMs?: number
  /**
   * How long a batch waits while one of its files is still empty (created, content not yet
   * written by a busy writer) before the empty file is taken as it is. Default 2 s.
   */
  emptyGraceMs?: number
  /** Called with the report files (relative to reportsDir) added, changed or removed in one settled batch. */
  onSettled: (files: string[]) => void
}

export interface ReportsWatcher {
  /** Resolves once the folder is being watched. */
  readonly ready: Promise<void>
  close(): Promise<void>
}

/**
 * Watches a reports folder recursively. Events are batched: the batch settles after `debounceMs`
 * without events and once every file in it has stopped changing (a copy still in progress is not
 * read half-way), so 100 files copied at once make one batch, not 100. Files that are not reports
 * are ignored with one log line each (hidden and lock files without one).
 */
export function watchReports(options: WatchReportsOptions): ReportsWatcher {
  const { reportsDir, logger, debounceMs, onSettled } = options
  const stableMs = options.stableMs ?? Math.max(50, debounceMs)
  const emptyGraceMs = options.emptyGraceMs ?? 2000
  const pending = new Map<string, 'add' | 'change' | 'unlink'>()
  const ignored = new Set<string>()
  let events = 0
  let batchStarted = 0
  let timer: NodeJS.Timeout | undefined
  let closed = false

  const schedule = () => {
    clearTimeout(timer)
    if (!closed) timer = setTimeout(() => void settle(), debounceMs)
  }

  const settle = async () => {
    const seen = events
    const written = [...pending].filter(([, event]) => event !== 'unlink').map(([file]) => file)
    const before = await fingerprints(written)
    await sleep(stableMs)
    if (closed || seen !== events) return // newer events have scheduled another settle
    const after = await fingerprints(written)
    if (after.key !== before.key) return schedule() // still being written
    if (after.empty && Date.now() - batchStarted < emptyGraceMs) return schedule() // created, not yet written
    if (seen !== events) return
    const batch = [...pending.keys()].map((file) => relative(reportsDir, file))
    pending.clear()
    onSettled(batch)
  }

  const note = (file: string, event: 'add' | 'change' | 'unlink') => {
    if (pending.size === 0) batchStarted = Date.now()
    pending.set(file, event)
    events++
    schedule()
  }

  const onFile = (event: 'add' | 'change' | 'unlink') => (file: string) => {
    if (isReportFile(file)) return note(file, event)
    const name = relative(reportsDir, file)
    if (event !== 'unlink' && !ignored.has(name) && !isScratch(file)) {
      ignored.add(name)
      logger.info(`ignored a file that is not a report (${REPORT_EXTENSIONS.join(', ')})`, { file: name })
    }
  }

  const watcher = watch(reportsDir, { ignoreInitial: true, persistent: true })
    .on('add', onFile('add'))
    .on('change', onFile('change'))
    .on('unlink', onFile('unlink'))
    .on('unlinkDir', (dir) => note(dir, 'unlink')) // a removed folder: its reports go too
    .on('error', (error) => logger.error('watching the reports folder failed', { error }))
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))

  return {
    ready,
    async close() {
      closed = true
      clearTimeout(timer)
      await watcher.close()
    },
  }
}

/** Size and mtime of each file as one comparable key (a missing file counts as missing), and whether one is empty. */
async function fingerprints(files: string[]): Promise<{ key: string; empty: boolean }> {
  const stats = await Promise.all(files.map((file) => stat(file).catch(() => null)))
  return {
    key: stats.map((entry) => (entry ? `${entry.size}:${entry.mtimeMs}` : '-')).join('|'),
    empty: stats.some((entry) => entry?.size === 0),
  }
}

/** Hidden files and editor lock files: copy tools' and editors' temporaries, ignored without a word. */
function isScratch(file: string): boolean {
  const base = path.basename(file)
  return base.startsWith('.') || base.startsWith('~$')
}

function relative(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/')
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
