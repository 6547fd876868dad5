import type { Logger, ReportIndex } from '@report-qa/core'
import type { RequestIdVariables } from 'hono/request-id'

/** What the app needs of a LiveIndex: the index to answer from now, and a way to load it again. */
export interface IndexHandle {
  readonly current: ReportIndex
  reload(): Promise<void>
}

export interface AppDeps {
  index: IndexHandle
  /** Folder the reports are read from; uploads are stored here. */
  reportsDir: string
  /** Artifact file that /admin/reindex and uploads rewrite (the LiveIndex follows it). */
  indexPath: string
  /** Unset: the admin routes answer 403. */
  adminToken?: string | undefined
  logger: Logger
  /** How long an upload waits for its report to become answerable before answering 202. Default 10 s. */
  uploadWaitMs?: number
  /** Longest a request may take. Default 15 s; uploads and reindexing get `adminTimeoutMs` (120 s). */
  requestTimeoutMs?: number
  adminTimeoutMs?: number
  /** Most facts GET /facts answers with. Default 50,000 (`MAX_FACTS`). */
  maxFacts?: number
}

export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Length of the question asked, logged instead of its text. */
    questionLength?: number
  }
}
