import type { Fact, Report, ReportInfo } from '../types.ts'
import { planPeriodsIn } from '../text/time.ts'
import { extractFacts } from './extract-facts.ts'

/** The year a report answers for: the one its review covers, or for a target, the year planned. */
export function answersFor(report: ReportInfo, target: boolean): number | null {
  return target ? report.planYear : (report.period?.year ?? report.year)
}

/** A paragraph that looks back over several years: 过去五年, “十三五”时期, 换届以来. */
const MULTI_YEAR = /过去五年|五年来|这五年|近五年|五年间|换届以来|届政府以来|历年来|这些年/

/** An opening that looks back over several years: 过去五年, or a five-year plan already over (“十三五”时期, in 2021). */
function looksBack(opening: string, planYear: number | null): boolean {
  const five = MULTI_YEAR.exec(opening)
  // 一、过去五年工作回顾刚刚过去的2016年，…: a heading of five years over a paragraph of one.
  if (five && /刚刚过去的|过去的一年|过去一年|一年来/.test(opening.slice(five.index + five[0].length))) return false
  return five !== null || (/时期|期间|以来/.test(opening) && namesPlanOver(opening, planYear))
}

/**
 * A heading on what a five-year plan already over achieved (一、“十二五”重大成就及“十三五”主要目标),
 * and on no single year (not 一、2020年和“十三五”工作回顾).
 */
function reviewsPlan(heading: string, planYear: number | null): boolean {
  return /成就|回顾|成绩/.test(heading) && !/(?:19|20)\d{2}年/.test(heading) && namesPlanOver(heading, planYear)
}

/** Whether a text names a five-year plan over before the report's plan year. */
function namesPlanOver(text: string, planYear: number | null): boolean {
  return planYear !== null && planPeriodsIn(text).some((p) => p.to < planYear)
}

/**
 * Every fact of a report (see `extractFacts`), its paragraphs read against the report: the year
 * its review covers, the year its plan is for, its place. Built with the report's place unit and
 * kept in it, so that a question, a series and /facts read the same facts.
 */
export function reportFacts(report: Report): Fact[] {
  const year = report.period?.year ?? report.year
  return report.paragraphs.flatMap((paragraph, index) =>
    extractFacts(paragraph.text, {
      part: paragraph.part,
      year,
      planYear: report.planYear,
      multiYear:
        looksBack(paragraph.text.slice(0, 60), report.planYear) ||
        (paragraph.part === 'review' && reviewsPlan(paragraph.sectionPath.at(-1) ?? '', report.planYear)),
      aboveCounty: report.level === 'city' || report.level === 'province' || report.level === 'national',
      place: report.place,
      early: report.period?.kind === 'year' && report.planYear !== null && report.planYear > report.period.year,
      // Under “十四五”时期主要目标, a target is for 2025: the five-year plan the heading opens that is still ahead.
      periodEnd: periodAhead(paragraph.sectionPath, report.planYear),
    }).map((fact) => ({ ...fact, paragraph: index, part: paragraph.part })),
  )
}

/** The last year of the five-year plan a heading sets out that is still ahead (not one it names a year of: 2021年重点工作). */
function periodAhead(headings: string[], planYear: number | null): number | null {
  if (planYear === null) return null
  for (const heading of [...headings].reverse()) {
    if (/(?:19|20)\d{2}年/.test(heading)) return null
    const ahead = /时期|期间|规划/.test(heading) ? planPeriodsIn(heading).find((p) => p.to > planYear) : undefined
    if (ahead) return ahead.to
  }
  return null
}

/**
 * A fact as a unit stores it, under its indicator: one array, with the position of its report among
 * the place's and its own among the report's facts (the order `reportFacts` gave).
 */
export type StoredFact = [
  report: number,
  seq: number,
  paragraph: number,
  part: Fact['part'],
  measure: Fact['measure'],
  target: 0 | 1,
  year: number | null,
  figure: string,
  value: number,
  unit: string,
  start: number,
  end: number,
  quoteStart: number,
  quoteEnd: number,
  exact: 0 | 1,
]

export function storeFact(f: Fact, report: number, seq: number): StoredFact {
  return [
    report,
    seq,
    f.paragraph,
    f.part,
    f.measure,
    f.target ? 1 : 0,
    f.year,
    f.figure,
    f.value,
    f.unit,
    f.start,
    f.end,
    f.quote.start,
    f.quote.end,
    f.exact ? 1 : 0,
  ]
}

export function loadFact(
  indicator: string,
  [, , paragraph, part, measure, target, year, figure, value, unit, start, end, qs, qe, exact]: StoredFact,
): Fact {
  return {
    paragraph,
    part,
    indicator,
    measure,
    target: target === 1,
    year,
    figure,
    value,
    unit,
    start,
    end,
    quote: { start: qs, end: qe },
    exact: exact === 1,
  }
}
