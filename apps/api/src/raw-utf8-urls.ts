/*
 * Node's HTTP parser answers 400 to a request line with raw UTF-8 bytes, which is what
 * `curl 'localhost:3000/ask?q=牛塘镇上半年固定资产投资多少'` sends. connections.ts percent-encodes such
 * bytes in a connection's first request line before the parser sees it; nothing else about the
 * request changes. (Later requests on a kept-alive connection are not rewritten; browsers and HTTP
 * clients encode URLs themselves.)
 */

/** `GET /ask?q=牛… HTTP/1.1` -> `GET /ask?q=%E7%89%9B… HTTP/1.1`; other bytes are left alone. */
export function encodeRequestLine(chunk: Buffer): Buffer {
  const end = chunk.indexOf('\r\n')
  const line = end < 0 ? chunk : chunk.subarray(0, end)
  if (!line.some((byte) => byte >= 0x80)) return chunk
  let encoded = ''
  for (const byte of line) encoded += byte >= 0x80 ? `%${byte.toString(16).toUpperCase()}` : String.fromCharCode(byte)
  return Buffer.concat([Buffer.from(encoded, 'latin1'), end < 0 ? Buffer.alloc(0) : chunk.subarray(end)])
}
