import type { Server as HttpServer } from 'node:http'
import net from 'node:net'

/**
 * Node's HTTP parser answers 400 to a request line with raw UTF-8 bytes, which is what
 * `curl 'localhost:3000/ask?q=牛塘镇上半年固定资产投资多少'` sends. This listener sits in front of the
 * HTTP server and percent-encodes such bytes in a connection's first request line before handing
 * the socket over; nothing else about the request changes. (Later requests on a kept-alive
 * connection are not rewritten; browsers and HTTP clients encode URLs themselves.)
 */
export function listenEncodingRawUrls(http: HttpServer, port: number, onListening: (port: number) => void): net.Server {
  const front = net.createServer((socket) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause()
      socket.unshift(encodeRequestLine(chunk))
      http.emit('connection', socket)
      socket.resume()
    })
    socket.on('error', () => socket.destroy())
  })
  front.on('close', () => http.close())
  front.listen(port, () => onListening((front.address() as net.AddressInfo).port))
  return front
}

/** `GET /ask?q=牛… HTTP/1.1` -> `GET /ask?q=%E7%89%9B… HTTP/1.1`; other bytes are left alone. */
export function encodeRequestLine(chunk: Buffer): Buffer {
  const end = chunk.indexOf('\r\n')
  const line = end < 0 ? chunk : chunk.subarray(0, end)
  if (!line.some((byte) => byte >= 0x80)) return chunk
  let encoded = ''
  for (const byte of line) encoded += byte >= 0x80 ? `%${byte.toString(16).toUpperCase()}` : String.fromCharCode(byte)
  return Buffer.concat([Buffer.from(encoded, 'latin1'), end < 0 ? Buffer.alloc(0) : chunk.subarray(end)])
}
