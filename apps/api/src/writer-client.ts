import http from 'node:http'
import type { ReindexReply, Report, WriterStatus } from '@report-qa/core'

/** What the writer said of an upload it stored. */
export interface StoredUpload {
  source: string
  hash: string
  replaced: boolean
  reports: Report[]
}

/** An answer of the writer that is not a success: its status and `{"error"}` body. */
export class WriterError extends Error {
  override readonly name = 'WriterError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The writer (the worker) could not be reached. */
export class WriterUnavailableError extends Error {
  override readonly name = 'WriterUnavailableError'
}

export interface WriterClient {
  /** The writer's last status and when it was read; null until one was. Polled in the background. */
  readonly lastStatus: { status: WriterStatus; at: number } | null
  reindex(): Promise<ReindexReply>
  upload(name: string, bytes: Uint8Array): Promise<StoredUpload>
  /** Asks for a repair of damaged places, at most once every few seconds; never waits or throws. */
  repair(): void
  close(): void
}

/**
 * The API's side of "one writer": asks the worker, over its local socket, to store uploads,
 * reindex and repair, and polls its status every `pollMs` so that /healthz never waits on it.
 */
export function createWriterClient(options: { socketPath: string; pollMs?: number; timeoutMs?: number }): WriterClient {
  const { socketPath, pollMs = 1000, timeoutMs = 120_000 } = options
  let lastStatus: WriterClient['lastStatus'] = null
  let lastRepair = 0

  const call = <T>(method: string, path: string, body?: Uint8Array, timeout = timeoutMs): Promise<T> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { socketPath, method, path, timeout, headers: body ? { 'content-length': body.length } : {} },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            let parsed: unknown
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
            } catch {
              return reject(new WriterUnavailableError('the index worker answered something that is not JSON'))
            }
            const status = res.statusCode ?? 500
            if (status < 300) return resolve(parsed as T)
            const error = (parsed as { error?: { code?: string; message?: string } }).error
            reject(new WriterError(status, error?.code ?? 'INTERNAL', error?.message ?? 'the index worker failed'))
          })
          res.on('error', reject)
        },
      )
      req.on('timeout', () => req.destroy(new WriterUnavailableError('the index worker did not answer in time')))
      req.on('error', (error) =>
        reject(
          error instanceof WriterUnavailableError
            ? error
            : new WriterUnavailableError(
                `the index worker is not running (${(error as NodeJS.ErrnoException).code ?? error.message})`,
              ),
        ),
      )
      req.end(body)
    })

  const poll = async () => {
    try {
      lastStatus = { status: await call<WriterStatus>('GET', '/status', undefined, 5000), at: Date.now() }
    } catch {
      // /healthz says so once the last status is old
    }
  }
  void poll()
  const timer = setInterval(() => void poll(), pollMs)
  timer.unref()

  return {
    get lastStatus() {
      return lastStatus
    },
    reindex: () => call<ReindexReply>('POST', '/reindex'),
    upload: (name, bytes) => call<StoredUpload>('PUT', `/reports?name=${encodeURIComponent(name)}`, bytes),
    repair() {
      if (Date.now() - lastRepair < 5000) return
      lastRepair = Date.now()
      call('POST', '/repair', undefined, 5000).catch(() => {})
    },
    close: () => clearInterval(timer),
  }
}
