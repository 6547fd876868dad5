import { createHash } from 'node:crypto'
import { splitReports } from '../ingest/split-reports.ts'
import type { Paragraph, Part, Report } from '../types.ts'
import { bulletinHeading, bulletinPeriod, isTableRow, reportKind, TABLE_LEVEL } from './bulletin.ts'
import { headingPart, parseHeading, type Heading } from './headings.ts'
import { parseMetadata } from './metadata.ts'
import { splitPages, type LinePages } from './pages.ts'
import { findPeriod } from './periods.ts'

/**
 * Clean text of one file -> the reports it holds. `source` is the file's path under the reports
 * folder. The text of a PDF carries page breaks (\f): its paragraphs then know their pages.
 */
export function parseReports(text: string, source: string): Report[] {
  const prefix = createHash('sha1').update(source).digest('hex').slice(0, 10)
  const paged = splitPages(text)
  let line = 0
  return splitReports(paged.text).map((part, k) => {
    const count = part.split('\n').length
    const pages = paged.pages?.slice(line, (line += count)) ?? null
    return parseReport(part, source, `${prefix}-${k + 1}`, pages)
  })
}

/** `pages`: each line's pages, for the text of a PDF. */
export function parseReport(text: string, source: string, id: string, pages: LinePages[] | null = null): Report {
  const lines = text.split('\n')
  const meta = parseMetadata(lines, source)
  const kind = reportKind(meta.title)
  const bulletin = kind === 'statistical-bulletin'
  const sections: string[] = []
  const paragraphs: Paragraph[] = []
  const stack: Heading[] = []
  // A bulletin states results only: no plan part, no targets.
  let part: Part = bulletin ? 'review' : 'other'
  let reviewHeading: string | null = null
  let planHeading: string | null = null
  /** The first heading of the plan that names its year (三、2012年工作安排, after 二、今后五年…). */
  let planYearHeading: string | null = null
  let reviewText = ''

  for (let i = meta.headerLines; i < lines.length; i++) {
    const line = lines[i]!
    const heading = (bulletin ? bulletinHeading(line) : null) ?? parseHeading(line)
    // A bulletin's table ends at the first line that is not one of its rows.
    if (bulletin && !heading && stack.at(-1)?.level === TABLE_LEVEL && !isTableRow(line)) stack.pop()
    if (heading) {
      while (stack.length > 0 && stack.at(-1)!.level >= heading.level) stack.pop()
      stack.push(heading)
      sections.push(heading.text)
      // After the review, a bare year heading (二、2020年工作) opens the plan.
      const opens = bulletin
        ? null
        : heading.level <= 1
          ? (partOf(heading, meta.year) ?? (reviewHeading !== null && YEAR_WORK.test(heading.text) ? 'plan' : null))
          : null
      if (opens) {
        part = opens
        if (opens === 'review' && reviewHeading === null) reviewHeading = heading.text
        if (opens === 'plan' && planHeading === null) planHeading = heading.text
        if (opens === 'plan' && planYearHeading === null && startYear(heading.text) !== null) planYearHeading = heading.text
      }
      if (heading.whole) continue
    }
    if (line.length < 8 && !/\d/.test(line)) continue // 各位代表：, stray fragments
    if (part !== 'plan') reviewText += line + '\n'
    paragraphs.push({ ordinal: i + 1, text: line, sectionPath: stack.map((h) => h.text), part, ...onPages(pages?.[i]) })
  }

  const month = meta.date && meta.date.length >= 7 ? Number(meta.date.slice(5, 7)) : null
  const planned = startYear(planYearHeading ?? '')
  const period = bulletin
    ? bulletinPeriod(meta.title, meta.year)
    : findPeriod({ heading: reviewHeading, review: reviewText, year: meta.year, month, planned })
  return {
    id,
    source,
    kind,
    place: meta.place?.place ?? null,
    placeCode: meta.place?.code ?? null,
    parents: meta.place?.parents ?? [],
    level: meta.place?.level ?? null,
    year: bulletin ? (period?.year ?? meta.year) : meta.year,
    date: meta.date,
    period,
    planYear: bulletin ? null : (planned ?? (period ? (period.kind === 'year' ? period.year + 1 : period.year) : null)),
    title: meta.title,
    speaker: meta.speaker,
    sections,
    paragraphs,
  }
}

function onPages(line: LinePages | undefined): Pick<Paragraph, 'page' | 'pageBreaks'> {
  if (!line) return {}
  return line.breaks.length > 0 ? { page: line.page, pageBreaks: line.breaks } : { page: line.page }
}

const YEAR_WORK = /^\S{0,3}[、.．]?\s*(?:关于)?(?:19|20)\d{2}年(?:的)?(?:主要)?工作$/

/** Top-level headings that name a part (2016年工作回顾, 二、2017年工作安排) switch the part. */
function partOf(heading: Heading, delivered: number | null): Part | null {
  const named =
    heading.level === 0 ||
    /回顾|完成情况|以来|过去|安排|计划|任务|目标|打算|下半年|今后|明年|重点工作|工作重点|总体要求|总体部署|工作部署|政策取向|展望|主要工作|建议/.test(
      heading.text,
    )
  return named ? headingPart(heading.text, delivered) : null
}

/** The year a heading is about, not one it counts from (2001年以来). */
function startYear(text: string): number | null {
  const match = /((?:19|20)\d{2})\s*年(?!以来|至|到|-|—|起)/.exec(text)
  return match ? Number(match[1]) : null
}
