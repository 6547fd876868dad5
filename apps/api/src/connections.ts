import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { encodeRequestLine } from './raw-utf8-urls.ts'

export interface ConnectionLimits {
  /** A connection must send a whole request head within this long of opening (and each later one within this of starting it). */
  headersTimeoutMs: number
  /** A whole request, body included, within this long. */
  requestTimeoutMs: number
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: number
  /** Open connections at most; more are closed as they come. */
  maxConnections: number
  /** Open connections from one address at most (0: no such limit; behind a proxy every client has its address). */
  maxPerClient: number
}

export const CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  maxPerClient: 100,
}

const JSON_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'HEADERS_TOO_LARGE',
    'the request line and headers are over 16 KB; send a long question with POST /ask',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'TIMEOUT', 'the request was not received in time'],
}

/**
 * Sets an HTTP server up to face the open internet (call before it listens):
 * - a connection that has not sent a complete request head within `headersTimeoutMs` of opening is
 *   closed (Node's own headersTimeout counts from the first byte of each request; this counts from
 *   the connection, so a socket that sends nothing, or half a head, goes too);
 * - idle kept-alive connections close after `keepAliveTimeoutMs`; at most `maxConnections` are open,
 *   and `maxPerClient` from one address;
 * - raw UTF-8 in a connection's first request line (curl 'localhost:3000/ask?q=牛塘镇…') is
 *   percent-encoded before Node's parser, which refuses it, sees it;
 * - a request Node's parser refuses gets a JSON error, not an empty body: 431 for headers over 16 KB
 *   (a 2,000-character GET question), 408, 400.
 */
export function guardConnections(http: HttpServer, limits: ConnectionLimits = CONNECTION_LIMITS): void {
  http.headersTimeout = limits.headersTimeoutMs
  http.requestTimeout = limits.requestTimeoutMs
  http.keepAliveTimeout = limits.keepAliveTimeoutMs
  http.maxConnections = limits.maxConnections

  const perClient = new Map<string, number>()
  const waiting = new WeakMap<Socket, NodeJS.Timeout>()
  // Node's own handler of new connections (it sets up the HTTP parser): a connection reaches it once
  // its first request line is read and encoded.
  const [parse] = http.listeners('connection') as ((socket: Socket) => void)[]
  if (!parse) throw new Error('the HTTP server has no connection listener')
  http.removeListener('connection', parse)
  http.on('connection', (socket: Socket) => {
    const client = socket.remoteAddress ?? ''
    const open = (perClient.get(client) ?? 0) + 1
    if (limits.maxPerClient > 0 && open > limits.maxPerClient) return void socket.destroy()
    perClient.set(client, open)
    socket.once('close', () => {
      const left = (perClient.get(client) ?? 1) - 1
      if (left > 0) perClient.set(client, left)
      else perClient.delete(client)
    })
    waiting.set(socket, setTimeout(() => socket.destroy(), limits.headersTimeoutMs).unref())
    socket.on('error', () => socket.destroy())
    readRequestLine(socket, (head) => {
      socket.unshift(encodeRequestLine(head))
      parse.call(http, socket)
      socket.resume()
    })
  })
  // The first request's head is complete: from here Node's own timeouts apply.
  http.on('request', (req: IncomingMessage) => clearTimeout(waiting.get(req.socket)))
  http.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) return void socket.destroy()
    const [status, code, message] = JSON_ERRORS[error.code ?? ''] ?? [400, 'INVALID_REQUEST', 'the request could not be read']
    const body = JSON.stringify({ error: { code, message } })
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    )
  })
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }

/** Waits for the first request line (or 8 KB of it), then hands over what was read, the socket paused. */
function readRequestLine(socket: Socket, done: (head: Buffer) => void): void {
  let head: Buffer = Buffer.alloc(0)
  // The client hung up before a request line: close our side too (an HTTP server's sockets allow half-open).
  const onEnd = () => socket.destroy()
  const onData = (chunk: Buffer) => {
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk])
    if (head.indexOf('\r\n') < 0 && head.length < 8192) return
    socket.off('data', onData).off('end', onEnd)
    socket.pause()
    done(head)
  }
  socket.on('data', onData).once('end', onEnd)
}
