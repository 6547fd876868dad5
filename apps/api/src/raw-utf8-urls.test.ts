import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import type { Server } from 'node:http'
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { encodeRequestLine, listenEncodingRawUrls } from './raw-utf8-urls.ts'

/** Sends raw bytes, as curl does with an unencoded URL, and returns the raw response. */
function rawRequest(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes))
    let out = ''
    socket.on('data', (chunk) => (out += chunk.toString('utf8')))
    socket.on('end', () => resolve(out))
    socket.on('error', reject)
  })
}

describe('encodeRequestLine', () => {
  it('percent-encodes raw UTF-8 in the request line only', () => {
    const request = Buffer.from('GET /ask?q=牛塘镇 HTTP/1.1\r\nX-Note: 牛\r\n\r\n')
    expect(encodeRequestLine(request).toString('utf8')).toBe('GET /ask?q=%E7%89%9B%E5%A1%98%E9%95%87 HTTP/1.1\r\nX-Note: 牛\r\n\r\n')
  })

  it('leaves an ASCII request untouched', () => {
    const request = Buffer.from('GET /healthz HTTP/1.1\r\n\r\n')
    expect(encodeRequestLine(request)).toBe(request)
  })
})

describe('listenEncodingRawUrls', () => {
  it('answers a request whose URL holds raw UTF-8, as curl sends it', async () => {
    const app = new Hono().get('/ask', (c) => c.text(`q=${c.req.query('q')}`))
    const http = createAdaptorServer({ fetch: app.fetch }) as Server
    let front: net.Server | undefined
    const port = await new Promise<number>((resolve) => (front = listenEncodingRawUrls(http, 0, resolve)))
    try {
      const response = await rawRequest(port, Buffer.from('GET /ask?q=牛塘镇上半年 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))
      expect(response).toMatch(/^HTTP\/1\.1 200/)
      expect(response).toContain('q=牛塘镇上半年')
    } finally {
      front?.close()
    }
  })
})
