import { rm } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import { isCoreError, type Logger, type ReindexReply } from '@report-qa/core'
import type { Worker } from './worker.ts'

/** Largest upload the writer takes (the API refuses larger bodies first, with 413). */
const MAX_UPLOAD_BYTES = 21 * 2 ** 20

export interface Control {
  readonly socketPath: string
  close(): Promise<void>
}

export class SocketInUseError extends Error {
  override readonly name = 'SocketInUseError'
}

/**
 * Serves the writer's control API on a local socket: what readers ask of the one process that
 * writes the artifact.
 *   GET  /status             health: the last rebuild's outcome, files that failed (WriterStatus)
 *   POST /reindex            check every place, sync with the folder, save; answers when done (ReindexReply)
 *   POST /repair             the same, without waiting: a reader found a damaged place (202)
 *   PUT  /reports?name=<n>   store an upload once it reads as a report, then rebuild (StoredReport)
 * Errors are `{"error": {"code", "message"}}`. A socket another live writer answers on means that
 * writer owns the artifact: SocketInUseError. A stale one (its writer is gone) is replaced.
 */
export async function serveControl(options: { socketPath: string; worker: Worker; logger: Logger }): Promise<Control> {
  const { socketPath, worker, logger } = options
  const server = http.createServer((req, res) => {
    void route(req, res, worker).catch((error: unknown) => {
      logger.error('a control request failed', { path: req.url, error })
      reply(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } })
    })
  })
  if (process.platform !== 'win32') {
    if (await answers(socketPath)) throw new SocketInUseError(`another worker writes this artifact (it answers on ${socketPath})`)
    await rm(socketPath, { force: true })
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => resolve())
  })
  return {
    socketPath,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
    },
  }
}

async function route(req: http.IncomingMessage, res: http.ServerResponse, worker: Worker): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://writer')
  const at = `${req.method} ${url.pathname}`
  if (at === 'GET /status') return reply(res, 200, worker.status())
  if (at === 'POST /reindex') {
    const outcome = await worker.rebuilder.request({ recheck: true })
    if (!outcome.ok)
      return reply(res, 500, {
        error: { code: 'REINDEX_FAILED', message: worker.rebuilder.state?.error ?? 'the rebuild failed' },
      })
    const { reports, paragraphs } = worker.index.stats()
    return reply(res, 200, {
      ...outcome.sync,
      saved: outcome.saved,
      repaired: outcome.repaired,
      reports,
      paragraphs,
    } satisfies ReindexReply)
  }
  if (at === 'POST /repair') {
    void worker.rebuilder.request({ recheck: true })
    return reply(res, 202, { status: 'repairing' })
  }
  if (at === 'PUT /reports') {
    const name = url.searchParams.get('name') ?? ''
    const bytes = await readBody(req, MAX_UPLOAD_BYTES)
    if (!bytes) return reply(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'the upload is too large' } })
    try {
      return reply(res, 200, await worker.store(name, bytes))
    } catch (error) {
      if (!isCoreError(error)) throw error
      return reply(res, error.code === 'REPORT_TOO_LARGE' ? 413 : 422, { error: { code: error.code, message: error.message } })
    }
  }
  reply(res, 404, { error: { code: 'NOT_FOUND', message: `no control route ${at}` } })
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body)
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) })
    .end(json)
}

/** The body, or null once it passes `max` bytes. */
async function readBody(req: http.IncomingMessage, max: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > max) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, size)
}

/** Whether a live process listens on the socket. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}
