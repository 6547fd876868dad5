import type { Logger, ReportIndex } from '@report-qa/core'
import type { RequestIdVariables } from 'hono/request-id'
import type { RateLimit } from './middleware/rate-limit.ts'
import type { WriterClient } from './writer-client.ts'

/** What the app needs of a LiveIndex: the index to answer from now, and a way to load it again. */
export interface IndexHandle {
  readonly current: ReportIndex
  reload(): Promise<void>
}

export interface AppDeps {
  index: IndexHandle
  /** Folder the reports are read from; uploads are stored here. */
  reportsDir: string
  /** Artifact file the worker writes (the LiveIndex follows it). */
  indexPath: string
  /**
   * The artifact's one writer (the worker), which uploads and /admin/reindex ask to write and
   * whose health /healthz reports. Unset: those routes answer 503 and /healthz looks at the index only.
   */
  writer?: WriterClient | undefined
  /** Whether an artifact has been loaded (false: the API serves an empty index until the worker writes one). Default: true. */
  artifactLoaded?: () => boolean
  /** The service's version (package.json), in /healthz and /openapi.json. */
  version?: string
  /** Requests a client may make to /ask and /search; unset: no limit. */
  rateLimit?: RateLimit | undefined
  /** Take the client's address from X-Forwarded-For (behind a reverse proxy); otherwise the socket's. */
  trustProxy?: boolean
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
