import type { Fact, Paragraph, ReportInfo } from '../types.ts'
import { extractFacts } from './extract-facts.ts'

/** The year a report answers for: the one its review covers, or for a target, the year planned. */
export function answersFor(report: ReportInfo, target: boolean): number | null {
  return target ? report.planYear : (report.period?.year ?? report.year)
}

/** A paragraph or section that looks back over several years: 过去五年, “十三五”时期, 换届以来. */
const MULTI_YEAR =
  /过去五年|五年来|这五年|近五年|五年间|十[一二三四五六]五”?(?:时期|期间|以来)|[一二三四五六七八九十]五期间|换届以来|届政府以来|历年来|这些年/

/** Facts of paragraphs read lately, by text and context: the same paragraphs come back question after question. */
const read = new Map<string, Fact[]>()
const CACHE = 4096

/** The facts of paragraph `index` of `report` (see `extractFacts`). */
export function paragraphFacts(report: ReportInfo, paragraph: Paragraph, index: number): Fact[] {
  const year = report.period?.year ?? report.year
  const multiYear = MULTI_YEAR.test(paragraph.text.slice(0, 60))
  const key = `${paragraph.part}|${year}|${report.planYear}|${multiYear}|${report.place}|${paragraph.text}`
  let facts = read.get(key)
  if (!facts) {
    facts = extractFacts(paragraph.text, {
      part: paragraph.part,
      year,
      planYear: report.planYear,
      multiYear,
      place: report.place,
    }).map((fact) => ({ ...fact, paragraph: index }))
    if (read.size >= CACHE) read.clear()
    read.set(key, facts)
  }
  return facts.map((fact) => (fact.paragraph === index ? fact : { ...fact, paragraph: index }))
}
