import type { Fact, Report, ReportInfo } from '../types.ts'
import { extractFacts } from './extract-facts.ts'

/** The year a report answers for: the one its review covers, or for a target, the year planned. */
export function answersFor(report: ReportInfo, target: boolean): number | null {
  return target ? report.planYear : (report.period?.year ?? report.year)
}

/** A paragraph that looks back over several years: 过去五年, “十三五”时期, 换届以来. */
const MULTI_YEAR =
  /过去五年|五年来|这五年|近五年|五年间|十[一二三四五六]五”?(?:时期|期间|以来)|[一二三四五六七八九十]五期间|换届以来|届政府以来|历年来|这些年/

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
      multiYear: MULTI_YEAR.test(paragraph.text.slice(0, 60)),
      place: report.place,
      early: report.period?.kind === 'year' && report.planYear !== null && report.planYear > report.period.year,
    }).map((fact) => ({ ...fact, paragraph: index })),
  )
}

/** Facts as a unit stores them: one array per fact, in the order of `FACT_FIELDS`. */
export type StoredFact = [
  number,
  string,
  Fact['measure'],
  0 | 1,
  number | null,
  string,
  number,
  string,
  number,
  number,
  number,
  number,
  0 | 1,
]

export function storeFact(f: Fact): StoredFact {
  return [
    f.paragraph,
    f.indicator,
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

export function loadFact([
  paragraph,
  indicator,
  measure,
  target,
  year,
  figure,
  value,
  unit,
  start,
  end,
  qs,
  qe,
  exact,
]: StoredFact): Fact {
  return {
    paragraph,
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
