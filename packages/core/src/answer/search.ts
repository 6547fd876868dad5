import type { ReportIndex } from '../index/report-index.ts'
import type { Citation } from '../types.ts'
import { cite, citeParagraph } from './cite.ts'
import { pickClause } from './pick-clause.ts'
import { MAX_UNPLACED } from './ask.ts'
import { understand } from './understand.ts'

/** Ranked paragraphs for a query, within the place it names; each quotes its best clause. */
export function search(index: ReportIndex, query: string, limit = 10): Citation[] {
  const q = understand(query.trim(), index.placeAliases())
  if (q.unknownPlace) return []
  // Naming no place: the places whose reports name the indicator, the first few by name.
  const places = q.place ? [q.place] : index.placesNaming(q.indicator, index.reportsOf(null)).slice(0, MAX_UNPLACED)
  const hits = index.searchPassages(q.terms, places, (report) => q.year === null || report.period?.year === q.year, limit)
  return hits.map((hit) => {
    const pick = pickClause(hit.paragraph.text, q.terms, q.indicator)
    return pick ? cite(hit, pick.span, hit.score) : citeParagraph(hit, hit.score)
  })
}
