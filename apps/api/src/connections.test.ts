import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { CONNECTION_LIMITS, guardConnections, type ConnectionLimits } from './connections.ts'

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A guarded server on 127.0.0.1: GET /ask echoes its q. */
async function serve(limits: Partial<ConnectionLimits> = {}): Promise<number> {
  const app = new Hono().get('/ask', (c) => c.text(`q=${c.req.query('q')}`))
  const http = createAdaptorServer({ fetch: app.fetch }) as Server
  guardConnections(http, { ...CONNECTION_LIMITS, ...limits })
  servers.push(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return (http.address() as AddressInfo).port
}

/** Opens a connection, sends `bytes`, and resolves with what came back once the server closed it. */
function exchange(port: number, bytes: string | Buffer = ''): Promise<{ response: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1', () => bytes.length && socket.write(bytes))
    let response = ''
    socket.on('data', (chunk) => (response += chunk.toString('utf8')))
    socket.on('close', () => resolve({ response, closedAfterMs: Date.now() - started }))
    socket.on('error', reject)
  })
}

describe('guardConnections', () => {
  it('answers a request whose URL holds raw UTF-8, as curl sends it, even split over packets', async () => {
    const port = await serve()
    const head = Buffer.from('GET /ask?q=牛塘镇上半年 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    const { response } = await exchange(port, head)
    expect(response).toMatch(/^HTTP\/1\.1 200/)
    expect(response).toContain('q=牛塘镇上半年')

    const split = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(head.subarray(0, 12)) // in the middle of 牛
        setTimeout(() => socket.write(head.subarray(12)), 50)
      })
      let out = ''
      socket.on('data', (chunk) => (out += chunk.toString('utf8')))
      socket.on('close', () => resolve(out))
    })
    expect(split).toContain('q=牛塘镇上半年')
  })

  // F2: a socket that sent half a request head stayed open for good; 20,000 of them locked everyone out.
  it('closes a connection that sends half a request head, or nothing, once the head timeout passes', async () => {
    const port = await serve({ headersTimeoutMs: 300 })
    const [half, silent] = await Promise.all([exchange(port, 'GET /ask?q=1 HTTP/1.1\r\nHost: x\r\n'), exchange(port)])
    for (const { closedAfterMs } of [half, silent]) {
      expect(closedAfterMs).toBeGreaterThanOrEqual(250)
      expect(closedAfterMs).toBeLessThan(5000)
    }
  })

  it('closes a connection that trickles a head past the timeout, and an idle kept-alive one', async () => {
    const port = await serve({ headersTimeoutMs: 400, keepAliveTimeoutMs: 200 })
    const trickled = await new Promise<number>((resolve) => {
      const started = Date.now()
      const socket = net.connect(port, '127.0.0.1')
      const timer = setInterval(() => socket.write('X'), 50)
      socket.write('GET /ask?q=1 HTTP/1.1\r\nX-Slow: ')
      socket.on('error', () => {})
      socket.on('close', () => (clearInterval(timer), resolve(Date.now() - started)))
    })
    expect(trickled).toBeLessThan(5000)
    const idle = await exchange(port, 'GET /ask?q=1 HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(idle.response).toMatch(/^HTTP\/1\.1 200/)
    expect(idle.closedAfterMs).toBeLessThan(5000)
  })

  it('answers headers over 16 KB (a 2,000-character GET question) with 431 and the JSON error', async () => {
    const port = await serve()
    const q = encodeURIComponent('牛'.repeat(2000))
    const { response } = await exchange(port, `GET /ask?q=${q} HTTP/1.1\r\nHost: x\r\n\r\n`)
    const [head, body] = response.split('\r\n\r\n') as [string, string]
    expect(head).toMatch(/^HTTP\/1\.1 431 /)
    expect(head).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/)
    expect(head).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/)
    expect(JSON.parse(body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('POST /ask') } })
  })

  it('closes connections from one address past its share, while others still get in', async () => {
    const port = await serve({ maxPerClient: 3, headersTimeoutMs: 2000 })
    const held = Array.from({ length: 3 }, () => net.connect(port, '127.0.0.1'))
    await Promise.all(held.map((socket) => new Promise((resolve) => socket.once('connect', resolve))))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const refused = await exchange(port, 'GET /ask?q=1 HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(refused.response).toBe('')
    for (const socket of held) socket.destroy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const { response } = await exchange(port, 'GET /ask?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(response).toMatch(/^HTTP\/1\.1 200/)
  })
})
