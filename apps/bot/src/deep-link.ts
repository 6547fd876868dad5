import type { Citation } from '@report-qa/core'

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
