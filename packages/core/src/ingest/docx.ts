import mammoth from 'mammoth'
import { CoreError } from '../errors.ts'
import { checkDocx } from './docx-limits.ts'

/** Bytes of a .docx file -> its text, one paragraph a line. */
export async function docxToText(bytes: Uint8Array, name: string): Promise<string> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
  if (!isZip) throw new CoreError('REPORT_UNREADABLE', `${name}: not a .docx file (not a zip archive)`)
  await checkDocx(bytes, name)
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) })
    return value
  } catch (cause) {
    throw new CoreError('REPORT_UNREADABLE', `${name}: the .docx could not be read`, { cause })
  }
}
