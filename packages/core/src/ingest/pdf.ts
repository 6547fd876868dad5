import { createRequire } from 'node:module'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { CoreError } from '../errors.ts'
import { layOutPages, textCharacters, type PdfPage } from './pdf-layout.ts'

/** pdfjs-dist's character maps (CID fonts that are not embedded) and standard font data, as folders. */
const PDFJS = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
const CMAPS = path.join(PDFJS, 'cmaps') + path.sep
const STANDARD_FONTS = path.join(PDFJS, 'standard_fonts') + path.sep

/** Fewer characters than this per page, on average: the pages are images (a scan), not text. */
const MIN_CHARS_PER_PAGE = 10

/** The reason a PDF without a text layer is not indexed, as /reports shows it. */
export const SCANNED_PDF = '扫描件，没有文字层'

/**
 * Bytes of a .pdf file -> its text, one paragraph a line, pages after the first each opened by
 * PAGE_BREAK (see `layOutPages`). Fails with REPORT_UNREADABLE for a file that is not a PDF, is
 * encrypted or damaged, or holds only images of pages (扫描件，没有文字层).
 */
export async function pdfToText(bytes: Uint8Array, name: string): Promise<string> {
  if (!Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) throw new CoreError('REPORT_UNREADABLE', `${name}: not a PDF file`)
  const pages = await readPages(bytes, name)
  if (textCharacters(pages) < MIN_CHARS_PER_PAGE * pages.length)
    throw new CoreError('REPORT_UNREADABLE', `${name}: ${SCANNED_PDF}`)
  return layOutPages(pages)
}

async function readPages(bytes: Uint8Array, name: string): Promise<PdfPage[]> {
  const task = getDocument({
    // pdfjs may transfer the buffer it is given: hand it a copy, the caller keeps its bytes.
    data: new Uint8Array(bytes),
    cMapUrl: CMAPS,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  })
  try {
    const document = await task.promise
    const pages: PdfPage[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const { height } = page.getViewport({ scale: 1 })
      const content = await page.getTextContent()
      pages.push({ height, runs: content.items.filter(isText).flatMap(toRun) })
      page.cleanup()
    }
    return pages
  } catch (cause) {
    const encrypted = (cause as Error).name === 'PasswordException'
    throw new CoreError('REPORT_UNREADABLE', `${name}: ${encrypted ? 'the PDF is encrypted' : 'the PDF could not be read'}`, {
      cause,
    })
  } finally {
    await task.destroy()
  }
}

function isText(item: object): item is TextItem {
  return 'str' in item
}

/** A text item as a run on the page; rotated text (stamps, watermarks, margin notes) is left out. */
function toRun(item: TextItem): PdfPage['runs'] {
  const [a, b, c, d, x, y] = item.transform as number[]
  if (Math.abs(b!) > 1e-3 || Math.abs(c!) > 1e-3 || a! <= 0) return []
  return [{ text: item.str, x: x!, y: y!, width: item.width, size: Math.abs(d!) }]
}
