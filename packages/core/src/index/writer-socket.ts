import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { SyncResult } from './sync.ts'

/*
 * One writer: the worker is the only process that writes the artifact. Readers (the API, the bot)
 * ask it for what needs writing (an upload, a reindex, a repair) and for its health, over HTTP on a
 * local socket that both find from the artifact's path alone.
 */

/** The writer's socket: beside the artifact, or under the temp folder when that path is too long for a socket. */
export function writerSocketPath(indexPath: string): string {
  const hash = createHash('sha256').update(path.resolve(indexPath)).digest('hex').slice(0, 16)
  if (process.platform === 'win32') return `\\\\.\\pipe\\report-qa-${hash}`
  const beside = `${path.resolve(indexPath)}.sock`
  return Buffer.byteLength(beside) <= 100 ? beside : path.join(tmpdir(), `report-qa-${hash}.sock`)
}

/** The outcome of the writer's last rebuild (a sync, and a save when anything changed). */
export interface RebuildState {
  ok: boolean
  /** ISO time it ended. */
  at: string
  /** Why it failed, in one line (ENOSPC: no space left on device, write). */
  error?: string
  /** Changes not yet in the artifact (a failed save is tried again). */
  unsaved: boolean
}

/** What `GET /status` of the writer answers. */
export interface WriterStatus {
  pid: number
  startedAt: string
  /** The service's version (package.json), so that readers can tell a writer of another release. */
  version: string
  /** Null until the first rebuild ends. */
  lastRebuild: RebuildState | null
  /** Files that hold no readable report, with the reason (`ReportIndex.failures`). */
  failed: { source: string; reason: string }[]
}

/** What `POST /reindex` answers: the sync, whether the artifact was written, and the index after it. */
export interface ReindexReply extends SyncResult {
  saved: boolean
  /** Places found damaged and read again from their sources (`ReportIndex.placeLabel`: name and code). */
  repaired: string[]
  reports: number
  paragraphs: number
}
