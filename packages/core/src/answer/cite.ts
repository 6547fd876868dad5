import type { Span } from '../parse/clauses.ts'
import type { Hit, ReportIndex } from '../index/report-index.ts'
import { pageAt } from '../parse/pages.ts'
import type { Citation } from '../types.ts'

/** A citation of a hit, quoting `span` of its paragraph; a PDF's names the page the quote starts on. */
export function cite(hit: Hit, span: Span, score: number): Citation {
  const { report, paragraph } = hit
  const page = pageAt(paragraph, span.start)
  return {
    reportId: report.id,
    source: report.source,
    place: report.place,
    title: report.title,
    date: report.date,
    period: report.period?.label ?? null,
    section: paragraph.sectionPath.at(-1) ?? null,
    sectionPath: paragraph.sectionPath,
    part: paragraph.part,
    paragraph: paragraph.ordinal,
    ...(page === null ? {} : { page }),
    text: paragraph.text,
    quote: { text: paragraph.text.slice(span.start, span.end), start: span.start, end: span.end },
    score: Math.round(score * 1000) / 1000,
  }
}

/** A citation of a whole paragraph (search results, related paragraphs): the quote is its first sentence. */
export function citeParagraph(hit: Hit, score: number): Citation {
  const text = hit.paragraph.text
  const stop = text.search(/[。！？!?]/)
  return cite(hit, { start: 0, end: stop > 0 ? stop : text.length }, score)
}

/**
 * The citation of paragraph `ordinal` of a report, quoting `span` (or its first sentence); null when
 * the report or paragraph is gone or the span no longer fits it (a link kept from an older index).
 */
export function citeAt(index: ReportIndex, reportId: string, ordinal: number, span: Span | null = null): Citation | null {
  const report = index.report(reportId)
  const at = report?.paragraphs.findIndex((p) => p.ordinal === ordinal) ?? -1
  if (!report || at < 0) return null
  const hit: Hit = {
    report: { ...report, paragraphCount: report.paragraphs.length },
    paragraph: report.paragraphs[at]!,
    index: at,
    score: 0,
  }
  const fits = span !== null && span.start < span.end && span.end <= hit.paragraph.text.length
  return fits ? cite(hit, span, 0) : citeParagraph(hit, 0)
}
