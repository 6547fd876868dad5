import { CoreError } from '../errors.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true })
const gb18030 = new TextDecoder('gb18030', { fatal: true })

/**
 * Bytes of a .txt report -> string. UTF-8 (with or without BOM) first, then GB18030, a superset of
 * GBK and GB2312. Binary content (NUL bytes, control characters) is refused with REPORT_UNREADABLE.
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw new CoreError('REPORT_UNREADABLE', `${name}: the file is empty`)
  if (looksBinary(bytes)) throw new CoreError('REPORT_UNREADABLE', `${name}: binary content, not a text report`)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
  for (const decoder of [utf8, gb18030]) {
    try {
      return decoder.decode(bytes)
    } catch {
      // try the next encoding
    }
  }
  throw new CoreError('REPORT_UNREADABLE', `${name}: neither UTF-8 nor GBK text`)
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  let control = 0
  for (const byte of sample) {
    if (byte === 0) return true
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++
  }
  return control > sample.length * 0.01
}
