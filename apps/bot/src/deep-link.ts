import type { Citation, ReportIndex } from '@report-qa/core'
import type { ParagraphView } from './format.ts'

/** What `/start p_<report>_<paragraph>[_<start>_<end>]` opens: a paragraph, and the clause to bold. */
export interface ParagraphLink {
  reportId: string
  /** The paragraph's ordinal in its report (第N段, as citations count it). */
  paragraph: number
  quote: { start: number; end: number } | null
}

/** Report ids are `<hash>-<n>`: no `_`, so the parts of the parameter split unambiguously. */
const REPORT_ID = /^[A-Za-z0-9-]+$/
const PAYLOAD = /^p_([A-Za-z0-9-]+)_(\d+)(?:_(\d+)_(\d+))?$/
/** Telegram's limit on a start parameter. */
const MAX_PAYLOAD = 64

/**
 * `p_<report>_<paragraph>`, with `_<start>_<end>` of the quote when it fits: the start parameter
 * of a link that opens the cited paragraph in a private chat with the bot. Null for a report id
 * a start parameter cannot carry.
 */
export function paragraphPayload(citation: Pick<Citation, 'reportId' | 'paragraph' | 'quote'>): string | null {
  if (!REPORT_ID.test(citation.reportId)) return null
  const base = `p_${citation.reportId}_${citation.paragraph}`
  const withQuote = `${base}_${citation.quote.start}_${citation.quote.end}`
  if (withQuote.length <= MAX_PAYLOAD) return withQuote
  return base.length <= MAX_PAYLOAD ? base : null
}

/** The t.me link that sends `/start <payload>` to the bot. */
export function startLink(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`
}

export function parseParagraphPayload(payload: string): ParagraphLink | null {
  const match = PAYLOAD.exec(payload)
  if (!match) return null
  const [, reportId = '', paragraph, start, end] = match
  const quote = start !== undefined && end !== undefined ? { start: Number(start), end: Number(end) } : null
  return { reportId, paragraph: Number(paragraph), quote: quote && quote.end > quote.start ? quote : null }
}

/**
 * The paragraph a link names, as 原文 shows it: with its report's title, date and period, and the
 * quote in bold when the link has one that still fits the paragraph; null when the report or
 * paragraph is gone.
 */
export function openParagraph(index: ReportIndex, link: ParagraphLink): ParagraphView | null {
  const report = index.report(link.reportId)
  const paragraph = report?.paragraphs.find((p) => p.ordinal === link.paragraph)
  if (!report || !paragraph) return null
  const quote = link.quote && link.quote.end <= paragraph.text.length ? link.quote : null
  // A PDF paragraph may run over pages: name the one the quote starts on.
  const page =
    paragraph.page === undefined
      ? undefined
      : paragraph.page + (paragraph.pageBreaks ?? []).filter((at) => quote !== null && at <= quote.start).length
  return {
    place: report.place,
    title: report.title,
    date: report.date,
    period: report.period?.label ?? null,
    section: paragraph.sectionPath.at(-1) ?? null,
    paragraph: paragraph.ordinal,
    ...(page !== undefined ? { page } : {}),
    text: paragraph.text,
    ...(quote ? { quote: { text: paragraph.text.slice(quote.start, quote.end), ...quote } } : {}),
  }
}
