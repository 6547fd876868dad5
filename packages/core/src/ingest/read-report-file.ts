import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { CoreError } from '../errors.ts'
import { cleanText } from './clean.ts'
import { decodeText } from './decode.ts'
import { docxToText } from './docx.ts'

/** File types core reads, by extension (lower case, with the dot). */
export const REPORT_EXTENSIONS = ['.txt', '.docx'] as const

export function isReportFile(file: string): boolean {
  const base = path.basename(file)
  if (base.startsWith('.') || base.startsWith('~$')) return false // hidden, editor lock files
  return (REPORT_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase())
}

/** Largest report file read, .txt or .docx (a national report is about 100 KB of text). */
export const MAX_REPORT_BYTES = 32 * 2 ** 20

/** Bytes of a report file -> clean text. `name` is used in error messages. */
export async function bytesToText(bytes: Uint8Array, name: string): Promise<string> {
  if (bytes.length > MAX_REPORT_BYTES) {
    throw new CoreError('REPORT_TOO_LARGE', `${name}: ${(bytes.length / 2 ** 20).toFixed(1)} MB is over the ${MAX_REPORT_BYTES / 2 ** 20} MB a report file may be`)
  }
  const ext = path.extname(name).toLowerCase()
  let raw: string
  if (ext === '.docx') raw = await docxToText(bytes, name)
  else if (ext === '.txt') raw = decodeText(bytes, name)
  else throw new CoreError('REPORT_UNREADABLE', `${name}: unsupported file type (use .txt or .docx)`)
  const text = cleanText(raw)
  if (!hasHan(text, 200)) throw new CoreError('REPORT_UNREADABLE', `${name}: holds no report (too little Chinese text)`)
  return text
}

export async function readReportFile(file: string, name = path.basename(file)): Promise<string> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (cause) {
    throw new CoreError('REPORT_UNREADABLE', `${name}: cannot be read`, { cause })
  }
  return bytesToText(bytes, name)
}

/** Whether `text` holds at least `count` Han characters (counted up to there, not through the whole text). */
function hasHan(text: string, count: number): boolean {
  const han = /\p{Script=Han}/gu
  let seen = 0
  while (seen < count && han.exec(text)) seen++
  return seen >= count
}
