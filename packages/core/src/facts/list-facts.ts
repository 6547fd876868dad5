import type { ReportIndex } from '../index/report-index.ts'
import { pageAt } from '../parse/pages.ts'
import type { Fact, PlaceLevel } from '../types.ts'

/** One row of the facts dataset (GET /facts, pnpm facts): a figure, where it is for and where it is from. */
export interface FactRow {
  place: string
  /** The unit above the place (保定市 for 满城区), when known. */
  parent: string | null
  level: PlaceLevel | null
  year: number | null
  period: string | null
  indicator: string
  /** What the figure is: a target, a rate (%), a count (人, 户) or an amount. */
  kind: 'amount' | 'rate' | 'count' | 'target'
  measure: Fact['measure']
  figure: string
  value: number
  unit: string
  source: string
  reportId: string
  /** 1-based page of a PDF, else null. */
  page: number | null
  paragraph: number
  quote: string
}

export interface FactFilter {
  /** A place's name or short form (海拉尔区, 海拉尔), or its index key. */
  place?: string
  indicator?: string
  from?: number
  to?: number
  level?: PlaceLevel
}

/** Every fact of the index that the filter lets through, by place, year and paragraph. */
export function listFacts(index: ReportIndex, filter: FactFilter = {}): FactRow[] {
  const directory = index.placeDirectory()
  const wanted = directory.places.concat(directory.national ? [directory.national] : []).filter((place) => {
    if (filter.level && place.level !== filter.level) return false
    return (
      !filter.place || place.key === filter.place || place.names.includes(filter.place) || place.name.startsWith(filter.place)
    )
  })
  const rows: FactRow[] = []
  for (const place of wanted) {
    for (const { hit, fact } of index.factsOf(place.key, filter.indicator ?? null)) {
      if (
        fact.year !== null &&
        ((filter.from !== undefined && fact.year < filter.from) || (filter.to !== undefined && fact.year > filter.to))
      )
        continue
      if ((filter.from !== undefined || filter.to !== undefined) && fact.year === null) continue
      const { report, paragraph } = hit
      rows.push({
        place: report.place ?? place.name,
        parent: report.parents.at(-1) ?? null,
        level: report.level,
        year: fact.year,
        period: fact.year === report.period?.year ? report.period.label : fact.year === null ? null : `${fact.year}年`,
        indicator: fact.indicator,
        kind: fact.target
          ? 'target'
          : fact.unit === '%' || fact.unit === '％' || fact.unit === '‰'
            ? 'rate'
            : /人|户|个|家|件|次|所|座|项/.test(fact.unit)
              ? 'count'
              : 'amount',
        measure: fact.measure,
        figure: fact.figure,
        value: fact.value,
        unit: fact.unit,
        source: report.source,
        reportId: report.id,
        page: pageAt(paragraph, fact.start),
        paragraph: paragraph.ordinal,
        quote: paragraph.text.slice(fact.quote.start, fact.quote.end),
      })
    }
  }
  return rows.sort((a, b) => a.place.localeCompare(b.place, 'zh') || (a.year ?? 0) - (b.year ?? 0) || a.paragraph - b.paragraph)
}
