import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { CoreError } from '../errors.ts'
import { cleanText } from './clean.ts'
import { decodeText } from './decode.ts'
import { docxToText } from './docx.ts'

/** File types core reads, by extension (lower case, with the dot). */
export const REPORT_EXTENSIONS = ['.txt', '.docx', '.pdf', '.html', '.htm'] as const

/**
 * Largest report file read, in bytes: a report is at most a few MB even as a PDF with pictures (the
 * largest in ../shared/corpus, a bulletin's PDF, is 0.8 MB); a file past this is refused
 * (REPORT_TOO_LARGE) before its bytes are parsed.
 */
export const MAX_REPORT_BYTES = 32 * 2 ** 20

export function isReportFile(file: string): boolean {
  const base = path.basename(file)
  if (base.startsWith('.') || base.startsWith('~$')) return false // hidden, editor lock files
  return (REPORT_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase())
}

/** Bytes of a report file -> clean text. `name` is used in error messages. */
export async function bytesToText(bytes: Uint8Array, name: string): Promise<string> {
  if (bytes.length > MAX_REPORT_BYTES) {
    throw new CoreError(
      'REPORT_TOO_LARGE',
      `${name}: ${(bytes.length / 2 ** 20).toFixed(1)} MB is over the ${MAX_REPORT_BYTES / 2 ** 20} MB a report file may be`,
    )
  }
  const text = cleanText(await rawText(bytes, name))
  if (!hasHan(text, 200)) throw new CoreError('REPORT_UNREADABLE', `${name}: holds no report (too little Chinese text)`)
  return text
}

/**
 * The text of a file as its format holds it; page breaks of a PDF kept as \f. The PDF and web-page
 * readers are loaded when first needed: pdf.js and linkedom take about a second to load, which a
 * process or parse thread that reads only .txt and .docx files need not pay.
 */
async function rawText(bytes: Uint8Array, name: string): Promise<string> {
  switch (path.extname(name).toLowerCase()) {
    case '.txt':
      return decodeText(bytes, name)
    case '.docx':
      return docxToText(bytes, name)
    case '.pdf':
      return (await import('./pdf.ts')).pdfToText(bytes, name)
    case '.html':
    case '.htm':
      return (await import('./html.ts')).htmlToText(bytes, name)
    default:
      throw new CoreError('REPORT_UNREADABLE', `${name}: unsupported file type (use ${REPORT_EXTENSIONS.join(', ')})`)
  }
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
