import type MiniSearch from 'minisearch'
import { addWords, tokenize } from '../text/segmenter.ts'
import { placeAliases } from '../parse/places.ts'
import type { IndexStats, Paragraph, Report, ReportSummary } from '../types.ts'
import { createShard, loadShard, SEPARATOR, type PassageDoc } from './search-options.ts'

export const FORMAT_VERSION = 2

export interface SourceEntry {
  /** sha256 of the file's bytes. */
  hash: string
  reportIds: string[]
  /** Why the file holds no report, when it could not be read. */
  error?: string
}

export interface Hit {
  report: Report
  paragraph: Paragraph
  index: number
  score: number
}

/** A shard holds one place's paragraphs; it is parsed from the artifact only when first searched. */
interface Shard {
  search?: MiniSearch<PassageDoc>
  /** The shard's MiniSearch JSON as read from the artifact, until first searched. */
  json?: Uint8Array
}

const NO_PLACE = ''

/**
 * All indexed reports, one MiniSearch shard per place: a question that names a place searches only
 * that place's paragraphs, so its cost does not grow with the number of other places.
 */
export class ReportIndex {
  readonly reports = new Map<string, Report>()
  readonly sources = new Map<string, SourceEntry>()
  private readonly shards = new Map<string, Shard>()
  private aliases: Map<string, string> | null = null
  builtAt = new Date().toISOString()

  /** Replaces everything indexed from `source` with `reports` (an empty list for a bad file). */
  upsertSource(source: string, entry: Omit<SourceEntry, 'reportIds'>, reports: Report[]): void {
    this.removeSource(source)
    addWords(reports.flatMap((report) => (report.place ? placeAliases(report.place) : [])))
    for (const report of reports) {
      this.reports.set(report.id, report)
      // Paragraphs share their heading path: cut each path once.
      const sections = new Map<string, string>()
      const sectionTokens = (path: string[]): string => {
        const key = path.join('\n')
        let tokens = sections.get(key)
        if (tokens === undefined) sections.set(key, (tokens = tokenize(path.join(' ')).join(SEPARATOR)))
        return tokens
      }
      const docs = report.paragraphs.map((p, k) => ({ id: `${report.id}#${k}`, text: tokenize(p.text).join(SEPARATOR), section: sectionTokens(p.sectionPath) }))
      this.shardSearch(report.place ?? NO_PLACE).addAll(docs)
    }
    this.sources.set(source, { ...entry, reportIds: reports.map((report) => report.id) })
    this.touch()
  }

  removeSource(source: string): void {
    const entry = this.sources.get(source)
    if (!entry) return
    for (const id of entry.reportIds) {
      const report = this.reports.get(id)
      if (!report) continue
      this.shardSearch(report.place ?? NO_PLACE).discardAll(report.paragraphs.map((_, k) => `${id}#${k}`))
      this.reports.delete(id)
    }
    this.sources.delete(source)
    this.touch()
  }

  /** Canonical place names with the short forms people type (牛塘 -> 牛塘镇), longest first. */
  placeAliases(): Map<string, string> {
    if (!this.aliases) {
      const pairs: [string, string][] = []
      for (const report of this.reports.values()) {
        if (report.place) for (const alias of placeAliases(report.place)) pairs.push([alias, report.place])
      }
      pairs.sort((a, b) => b[0].length - a[0].length)
      this.aliases = new Map(pairs)
    }
    return this.aliases
  }

  reportsOf(place: string | null): Report[] {
    return [...this.reports.values()].filter((report) => place === null || report.place === place)
  }

  /** Ranked paragraphs for pre-cut query tokens, within `places` (all when null), passing `accept`. */
  searchPassages(tokens: string[], places: string[] | null, accept: (hit: Hit) => boolean, limit: number): Hit[] {
    if (tokens.length === 0) return []
    const keys = places ?? [...this.shards.keys()]
    const hits: Hit[] = []
    const query = tokens.join(SEPARATOR)
    for (const key of keys) {
      if (!this.shards.has(key)) continue
      // Results come best first: a shard contributes at most `limit` accepted hits to the merge.
      let taken = 0
      for (const result of this.shardSearch(key).search(query)) {
        const hit = this.hit(String(result.id), result.score)
        if (!hit || !accept(hit)) continue
        hits.push(hit)
        if (++taken >= limit) break
      }
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit)
  }

  summaries(): ReportSummary[] {
    return [...this.reports.values()]
      .map(summarize)
      .sort((a, b) => (a.place ?? '').localeCompare(b.place ?? '', 'zh') || (a.year ?? 0) - (b.year ?? 0))
  }

  stats(): IndexStats {
    let paragraphs = 0
    for (const report of this.reports.values()) paragraphs += report.paragraphs.length
    return { reports: this.reports.size, paragraphs, sources: this.sources.size, version: FORMAT_VERSION, builtAt: this.builtAt }
  }

  /** The artifact's parts; `saveIndex` writes them one line each, never as one string. */
  toArtifact(): Artifact {
    const shards = [...this.shards].map(([key, shard]) => ({
      key,
      json: (): string | Uint8Array => shard.json ?? JSON.stringify(shard.search),
    }))
    return {
      header: { format: FORMAT_VERSION, builtAt: this.builtAt, sources: Object.fromEntries(this.sources) },
      reports: [...this.reports.values()],
      shards,
    }
  }

  static fromArtifact(header: ArtifactHeader, reports: Report[], shards: [string, Uint8Array][]): ReportIndex {
    const index = new ReportIndex()
    index.builtAt = header.builtAt
    for (const [source, entry] of Object.entries(header.sources)) index.sources.set(source, entry)
    for (const report of reports) index.reports.set(report.id, report)
    for (const [key, json] of shards) index.shards.set(key, { json })
    addWords([...index.placeAliases().keys()])
    return index
  }

  private hit(docId: string, score: number): Hit | null {
    const hash = docId.lastIndexOf('#')
    const report = this.reports.get(docId.slice(0, hash))
    const index = Number(docId.slice(hash + 1))
    const paragraph = report?.paragraphs[index]
    return report && paragraph ? { report, paragraph, index, score } : null
  }

  private shardSearch(key: string): MiniSearch<PassageDoc> {
    let shard = this.shards.get(key)
    if (!shard) this.shards.set(key, (shard = {}))
    if (!shard.search) {
      shard.search = shard.json ? loadShard(Buffer.from(shard.json).toString('utf8')) : createShard()
      shard.json = undefined
    }
    return shard.search
  }

  private touch(): void {
    this.aliases = null
    this.builtAt = new Date().toISOString()
  }
}

export interface ArtifactHeader {
  format: number
  builtAt: string
  sources: Record<string, SourceEntry>
}

export interface Artifact {
  header: ArtifactHeader
  reports: Report[]
  /** Place -> that place's MiniSearch index as JSON (parsed lazily after a load). */
  shards: { key: string; json: () => string | Uint8Array }[]
}

export function summarize(report: Report): ReportSummary {
  return {
    id: report.id,
    source: report.source,
    place: report.place,
    level: report.level,
    year: report.year,
    date: report.date,
    period: report.period?.label ?? null,
    title: report.title,
    paragraphs: report.paragraphs.length,
  }
}
