import { PAGE_BREAK } from '../ingest/pdf-layout.ts'
import type { Paragraph } from '../types.ts'

/** Where a line lies in its document's pages: the page it starts on, and where later pages begin inside it. */
export interface LinePages {
  page: number
  /** Offsets in the line (page breaks taken out) at which the next pages begin. */
  breaks: number[]
}

/**
 * Text with page breaks (\f, from a PDF) -> the text without them, and each line's pages; `pages`
 * is null for text that has no page breaks (.txt, .docx, web pages).
 */
export function splitPages(text: string): { text: string; pages: LinePages[] | null } {
  if (!text.includes(PAGE_BREAK)) return { text, pages: null }
  let page = 1
  const pages: LinePages[] = []
  const lines = text.split('\n').map((line) => {
    const leading = /^\f*/.exec(line)![0].length // breaks before its first character: it starts on a later page
    page += leading
    const parts = line.slice(leading).split(PAGE_BREAK)
    const breaks: number[] = []
    let offset = 0
    for (const part of parts.slice(0, -1)) breaks.push((offset += part.length))
    pages.push({ page, breaks })
    page += breaks.length
    return parts.join('')
  })
  return { text: lines.join('\n'), pages }
}

/** The page of a PDF paragraph on which the text at `offset` lies; null for a paragraph of no PDF. */
export function pageAt(paragraph: Paragraph, offset: number): number | null {
  if (paragraph.page === undefined) return null
  return paragraph.page + (paragraph.pageBreaks ?? []).filter((start) => start <= offset).length
}
