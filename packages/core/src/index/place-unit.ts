import MiniSearch from 'minisearch'
import { canonicalize, tokenize } from '../text/segmenter.ts'
import { INDICATORS } from '../text/vocabulary.ts'
import type { Report } from '../types.ts'
import { MINISEARCH_OPTIONS, SEPARATOR, type PassageDoc } from './search-options.ts'

/**
 * Everything the index holds about one place: its reports with their text and a MiniSearch index
 * of their paragraphs. It is a pure function of the reports, so a change to any of them rebuilds
 * the unit (a place has a handful of reports), and it is the artifact's unit of lazy loading.
 */
export interface PlaceUnit {
  reports: Report[]
  search: MiniSearch<PassageDoc>
}

export function buildUnit(reports: Report[]): PlaceUnit {
  const search = new MiniSearch(MINISEARCH_OPTIONS)
  for (const report of reports) {
    // Paragraphs share their heading path: cut each path once.
    const sections = new Map<string, string>()
    const sectionTokens = (path: string[]): string => {
      const key = path.join('\n')
      let tokens = sections.get(key)
      if (tokens === undefined) sections.set(key, (tokens = tokenize(path.join(' ')).join(SEPARATOR)))
      return tokens
    }
    search.addAll(
      report.paragraphs.map((p, k) => ({ id: `${report.id}#${k}`, text: tokenize(p.text).join(SEPARATOR), section: sectionTokens(p.sectionPath) })),
    )
  }
  return { reports, search }
}

/** The indicators a place's reports name, so that a question naming no place knows where to look. */
export function indicatorsIn(reports: Report[]): string[] {
  const text = canonicalize(reports.flatMap((report) => report.paragraphs.map((p) => p.text)).join('\n'))
  return INDICATORS.filter((indicator) => text.includes(indicator))
}

/** One line of the artifact (JSON never holds a raw newline). */
export function serializeUnit(unit: PlaceUnit): Buffer {
  return Buffer.from(`{"reports":${JSON.stringify(unit.reports)},"index":${JSON.stringify(unit.search)}}`)
}

export function parseUnit(bytes: Uint8Array): PlaceUnit {
  const { reports, index } = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as {
    reports: Report[]
    index: Parameters<typeof MiniSearch.loadJS>[0]
  }
  return { reports, search: MiniSearch.loadJS(index, MINISEARCH_OPTIONS) as MiniSearch<PassageDoc> }
}
