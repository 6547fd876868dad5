import { describe, expect, it } from 'vitest'
import { encodeRequestLine } from './raw-utf8-urls.ts'

describe('encodeRequestLine', () => {
  it('percent-encodes raw UTF-8 in the request line only', () => {
    const request = Buffer.from('GET /ask?q=牛塘镇 HTTP/1.1\r\nX-Note: 牛\r\n\r\n')
    expect(encodeRequestLine(request).toString('utf8')).toBe(
      'GET /ask?q=%E7%89%9B%E5%A1%98%E9%95%87 HTTP/1.1\r\nX-Note: 牛\r\n\r\n',
    )
  })

  it('leaves an ASCII request untouched', () => {
    const request = Buffer.from('GET /healthz HTTP/1.1\r\n\r\n')
    expect(encodeRequestLine(request)).toBe(request)
  })
})
