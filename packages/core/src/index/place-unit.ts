import MiniSearch from 'minisearch'
import { canonicalize, tokenize, tokenizeCanonical } from '../text/segmenter.ts'
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

/**
 * The unit of `reports`, and the indicators they name (so that a question naming no place knows
 * where to look without reading the unit).
 */
export function buildUnit(reports: Report[]): PlaceUnit & { indicators: string[] } {
  const search = new MiniSearch(MINISEARCH_OPTIONS)
  const named = new Set<string>()
  for (const report of reports) {
    // Paragraphs share their heading path: cut each path once.
    const sections = new Map<string, string>()
    const sectionTokens = (path: string[]): string => {
      const key = path.join('\n')
      let tokens = sections.get(key)
      if (tokens === undefined) sections.set(key, (tokens = tokenize(path.join(' ')).join(SEPARATOR)))
      return tokens
    }
    const docs = report.paragraphs.map((p, k) => {
      const canonical = canonicalize(p.text)
      for (const indicator of INDICATORS) if (canonical.includes(indicator)) named.add(indicator)
      return { id: `${report.id}#${k}`, text: tokenizeCanonical(canonical).join(SEPARATOR), section: sectionTokens(p.sectionPath) }
    })
    search.addAll(docs)
  }
  return { reports, search, indicators: INDICATORS.filter((indicator) => named.has(indicator)) }
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
