import type { ReportIndex } from '../index/report-index.ts'
import type { Citation } from '../types.ts'
import { MAX_UNPLACED } from './answer-clause.ts'
import { cite, citeParagraph } from './cite.ts'
import { pickClause } from './pick-clause.ts'
import { understand } from './understand.ts'

/** Ranked paragraphs for a query, within the place it names; each quotes its best clause. */
export function search(index: ReportIndex, query: string, limit = 10): Citation[] {
  const q = understand(query.trim(), index.placeDirectory(), new Date())
  if (q.unknownPlace || q.places.some((ref) => ref.kind === 'absent' || ref.kind === 'ambiguous')) return []
  const named = q.places.flatMap((ref) =>
    ref.kind === 'place' ? [ref.place.key] : ref.kind === 'national' ? [index.placeDirectory().national?.key ?? []].flat() : [],
  )
  // Naming no place: the places whose reports name the indicator, the first few by name.
  const places =
    named.length > 0 ? named : index.placesNaming(q.indicator?.name ?? null, index.reportsOf(null)).slice(0, MAX_UNPLACED)
  const year = q.time.years[0] ?? null
  const hits = index.searchPassages(q.terms, places, (report) => year === null || report.period?.year === year, limit)
  return hits.map((hit) => {
    const pick = pickClause(hit.paragraph.text, q.terms, q.indicator?.name ?? null)
    return pick ? cite(hit, pick.span, hit.score) : citeParagraph(hit, hit.score)
  })
}
