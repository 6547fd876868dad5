import { addWords } from '../text/segmenter.ts'
import { gazetteer, shortForms } from '../places/gazetteer.ts'
import { PlaceDirectory, type IndexedPlace } from '../places/directory.ts'
import type { Fact, IndexStats, Paragraph, PlaceLevel, Report, ReportInfo, ReportSummary } from '../types.ts'
import { LevelFacts, type Kind, type LevelRanges } from './level-facts.ts'
import { buildUnit, OpenUnit, type ReadRange, type ReportText } from './place-unit.ts'
import { rankByBm25, SEPARATOR } from './search-options.ts'
import { CheckedUnit, unitIntact, verifyUnit } from './unit-checksum.ts'
import type { UnitPool } from './unit-pool.ts'

export const FORMAT_VERSION = 11

/** Bytes that open place units hold, as stored (head, lengths, dictionary, postings and reports read), before the least recently used are closed. */
export const DEFAULT_LOADED_BYTES = 96 * 2 ** 20

export interface SourceEntry {
  /** sha256 of the file's bytes. */
  hash: string
  reportIds: string[]
  /** Why the file holds no report, when it could not be read. */
  error?: string
}

export interface Hit {
  report: ReportInfo
  paragraph: Paragraph
  index: number
  score: number
}

/** Where a place's units are read from after a load or a save: a range of the artifact file. */
export interface UnitReader {
  /** The bytes at `offset`; read into `into` (and a view of it returned) when it is given and large enough. */
  read(offset: number, length: number, into?: Buffer): Uint8Array
}

interface Stored {
  offset: number
  length: number
  /** Of the bytes as written (see unit-checksum.ts); absent in artifacts written before checksums. */
  checksum?: string | undefined
  /** Checked against the checksum since this index read the file. */
  verified?: boolean
  /** Its ranges as questions read them, each block checked once. */
  checked?: CheckedUnit
  /** Its facts are in the artifact's level facts (it has not changed since the save that wrote them). */
  inTable?: boolean
}

interface PlaceEntry {
  reportIds: string[]
  /** The indicators its reports name (see `buildUnit`); null until a changed place is built. */
  indicators: string[] | null
  /** The unit's bytes: a range of the artifact, or bytes not yet saved. Null while changed. */
  bytes: Stored | Uint8Array | null
  /** The unit opened for questions on first use (evictable). */
  unit: OpenUnit | null
  /** The reports of a changed place whose unit is not built yet. */
  pending: Report[] | null
}

/** Key of the reports whose place the parser could not tell. */
const NO_PLACE = ''

/**
 * All indexed reports, one unit per place: a question that names a place reads and searches only
 * that place's paragraphs, so its cost does not grow with the number of other places. In memory
 * stay the reports' metadata and the units most recently used, up to `maxLoadedBytes`; the rest
 * stay in the artifact until asked for.
 */
export class ReportIndex {
  readonly reports = new Map<string, ReportInfo>()
  readonly sources = new Map<string, SourceEntry>()
  private readonly places = new Map<string, PlaceEntry>()
  /** Places changed and not yet handed to a pool, the one changed longest ago first (see `buildAhead`). */
  private readonly changed = new Set<string>()
  private changedLast: string | null = null
  /** Places a pool builds while a sync still reads files, until their units come back. */
  private readonly ahead = new Map<PlaceEntry, Promise<void>>()
  /** Open units, least recently used first; `loadedBytes` is the sum of their `size()`. */
  private readonly loaded = new Map<string, OpenUnit>()
  private loadedBytes = 0
  private reader: UnitReader | null = null
  /** Where `readCited` reads its runs of paragraphs. */
  private citedRun = Buffer.alloc(0)
  private directory: PlaceDirectory | null = null
  private levelFacts: LevelFacts | null = null
  private paragraphs: number | null = null
  builtAt = new Date().toISOString()

  constructor(readonly maxLoadedBytes = DEFAULT_LOADED_BYTES) {}

  /** Replaces everything indexed from `source` with `reports` (an empty list for a bad file). */
  upsertSource(source: string, entry: Omit<SourceEntry, 'reportIds'>, reports: Report[]): void {
    const previous = this.sources.get(source)?.reportIds ?? []
    const touched = new Set([...previous.flatMap((id) => this.reports.get(id) ?? []), ...reports].map(placeKey))
    for (const key of touched) {
      const kept = this.placeReports(key).filter((report) => report.source !== source)
      this.setPlace(key, [...kept, ...reports.filter((report) => placeKey(report) === key)])
    }
    for (const id of previous) this.reports.delete(id)
    for (const report of reports) this.reports.set(report.id, info(report))
    addWords(
      reports.flatMap((report) =>
        report.place
          ? [report.place, ...shortForms(report.place, report.level === 'national' || !report.level ? 'county' : report.level)]
          : [],
      ),
    )
    this.sources.set(source, { ...entry, reportIds: reports.map((report) => report.id) })
    this.touch()
  }

  removeSource(source: string): void {
    if (!this.sources.has(source)) return
    this.upsertSource(source, { hash: '' }, [])
    this.sources.delete(source)
  }

  /** The whole report, text included (reads its place's unit). */
  report(id: string): Report | null {
    const meta = this.reports.get(id)
    if (!meta) return null
    const key = placeKey(meta)
    const pending = this.places.get(key)?.pending
    if (pending) return pending.find((report) => report.id === id) ?? null
    const unit = this.unit(key)
    const r = unit.reportIds.indexOf(id)
    return r < 0 ? null : fullReport(meta, unit.text(r))
  }

  /** The indexed places as questions name them (see `PlaceDirectory`). */
  placeDirectory(): PlaceDirectory {
    if (!this.directory) {
      const g = gazetteer()
      const places: IndexedPlace[] = []
      for (const key of this.places.keys()) {
        if (key === NO_PLACE) continue
        const reports = this.reportsOf(key).sort((a, b) => (b.year ?? 0) - (a.year ?? 0))
        const latest = reports[0]
        if (!latest?.place) continue
        const division = latest.placeCode ? g.get(latest.placeCode) : undefined
        places.push({
          key,
          name: latest.place,
          names: [...new Set(reports.flatMap((report) => report.place ?? []))],
          level: latest.level,
          parents: reports.find((report) => report.parents.length > 0)?.parents ?? [],
          divisions: division ? [division] : g.named(latest.place),
        })
      }
      this.directory = new PlaceDirectory(places)
    }
    return this.directory
  }

  /** The reports of a place, by its key (see `IndexedPlace.key`) or its name; every report for null. */
  reportsOf(place: string | null): ReportInfo[] {
    if (place === null) return [...this.reports.values()]
    const key = this.places.has(place) ? place : (this.placeDirectory().places.find((p) => p.names.includes(place))?.key ?? place)
    return (this.places.get(key)?.reportIds ?? []).flatMap((id) => this.reports.get(id) ?? [])
  }

  /**
   * The places of `reports` whose reports name `indicator` (any place when null), known without
   * reading them, in code point order (a collator would cost milliseconds over thousands of places).
   */
  placesNaming(indicator: string | null, reports: ReportInfo[]): string[] {
    const keys = new Set(reports.map(placeKey))
    return [...keys].filter((key) => indicator === null || this.indicatorsOf(key).includes(indicator)).sort()
  }

  /**
   * The facts of `indicator` (every indicator for null) in the reports of a place that `accept` lets through, each with its
   * report and paragraph. A paragraph is read from the place's unit when it is first looked at, so that a question reads
   * the text of the reports its answer cites, not of every report stating the indicator.
   */
  factsOf(
    key: string,
    indicator: string | string[] | null,
    accept: (report: ReportInfo) => boolean = () => true,
  ): { hit: Hit; fact: Fact }[] {
    if (!this.places.has(key)) return []
    const unit = this.unit(key)
    const names = indicator === null ? unit.factIndicators() : Array.isArray(indicator) ? indicator : [indicator]
    const rows = names.flatMap((name) => unit.facts(name))
    // In the order the reports state them, whichever indicator: ties between equal facts go to the first.
    if (names.length > 1) rows.sort((a, b) => a.report - b.report || a.seq - b.seq)
    const accepted = new Map<number, ReportInfo | null>()
    const out: { hit: Hit; fact: Fact }[] = []
    for (const { report: r, fact } of rows) {
      let report = accepted.get(r)
      if (report === undefined) {
        const meta = this.reports.get(unit.reportIds[r] ?? '')
        accepted.set(r, (report = meta && accept(meta) ? meta : null))
      }
      if (!report) continue
      // A unit closed meanwhile still reads from the artifact; it no longer counts against the budget.
      out.push({ hit: new FactHit(report, fact.paragraph, () => unit.paragraph(r, fact.paragraph)!), fact })
    }
    return out
  }

  /**
   * The facts of `indicators` of `kind` for years `years` of the places `keys`, all of `level` (a series over
   * the level, 各县): from the artifact's level facts for the places saved with them, else from each
   * place's unit. In each place's order, as `factsOf` gives them.
   */
  levelFactsOf(
    keys: string[],
    indicators: string[],
    level: PlaceLevel,
    years: number[],
    kind: Kind,
  ): Map<string, { hit: Hit; fact: Fact }[]> {
    const out = new Map<string, { hit: Hit; fact: Fact }[]>()
    const table = this.levelFacts
    // The places saved with the table and unchanged since: their facts are its rows.
    const inTable = new Set<string>()
    for (const key of keys) {
      const bytes = this.places.get(key)?.bytes
      if (table && bytes && !(bytes instanceof Uint8Array) && bytes.inTable) {
        inTable.add(key)
        out.set(key, [])
      } else
        out.set(
          key,
          this.factsOf(key, indicators).filter(
            ({ fact }) =>
              fact.year !== null && years.includes(fact.year) && fact.target === kind.target && fact.measure === kind.measure,
          ),
        )
    }
    if (!table) return out
    const rows = years.flatMap((year) => indicators.flatMap((indicator) => table.rows(indicator, level, year, kind)))
    const byPlace = new Map<string, typeof rows>()
    for (const row of rows) {
      const list = byPlace.get(row.key)
      if (list) list.push(row)
      else byPlace.set(row.key, [row])
    }
    for (const [key, list] of byPlace) {
      const found = out.get(key)
      const entry = this.places.get(key)
      if (!inTable.has(key) || !found || !entry) continue
      list.sort((a, b) => a.report - b.report || a.seq - b.seq)
      for (const { at, length, checksum, report: r, fact } of list) {
        const report = this.reports.get(entry.reportIds[r] ?? '')
        if (!report) continue
        const cited = { at, length, checksum, key }
        const read = (): Paragraph => this.citedParagraph(cited, this.reader!.read(at, length))
        found.push({ hit: new FactHit(report, fact.paragraph, read, cited), fact })
      }
    }
    return out
  }

  /**
   * Reads the paragraphs of the level facts among `hits` that are not read yet, in as few reads as
   * their places in the artifact allow: those of one level and year lie side by side (level-facts.ts).
   */
  readCited(hits: Hit[]): void {
    const pending = hits
      .filter((hit): hit is FactHit => hit instanceof FactHit && hit.pending !== null)
      .sort((a, b) => a.pending!.at - b.pending!.at)
    for (let k = 0; k < pending.length;) {
      const start = pending[k]!.pending!.at
      let end = start
      let j = k
      for (; j < pending.length; j++) {
        const { at, length } = pending[j]!.pending!
        if (at - end > CITED_GAP || at + length - start > CITED_RUN) break
        end = Math.max(end, at + length)
      }
      // Into one buffer kept for it: a fresh megabyte a question is memory outside the heap, and
      // enough of it makes V8 collect its whole heap mid-question.
      if (this.citedRun.length < end - start) this.citedRun = Buffer.allocUnsafe(Math.max(end - start, 2 * this.citedRun.length))
      const run = this.reader!.read(start, end - start, this.citedRun)
      for (const hit of pending.slice(k, j)) {
        const cited = hit.pending!
        hit.fill(this.citedParagraph(cited, run.subarray(cited.at - start, cited.at - start + cited.length)))
      }
      k = j
    }
  }

  /** A paragraph the level facts cite, from its bytes (JSON in UTF-16LE, see level-facts.ts). */
  private citedParagraph(cited: Cited, bytes: Uint8Array): Paragraph {
    verifyUnit(() => this.placeLabel(cited.key), bytes, cited.checksum)
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le')) as Paragraph
  }

  /** Ranked paragraphs for pre-cut query tokens within `places`, of the reports `accept` lets through. */
  searchPassages(tokens: string[], places: string[], accept: (report: ReportInfo) => boolean, limit: number): Hit[] {
    if (tokens.length === 0) return []
    const hits: Hit[] = []
    const query = tokens.join(SEPARATOR)
    for (const key of places) {
      if (!this.places.has(key)) continue
      const unit = this.unit(key)
      // Results come best first: a place contributes at most `limit` accepted hits to the merge.
      let taken = 0
      for (const result of rankByBm25(unit.search(query))) {
        const hit = this.hit(unit, String(result.id), result.score, accept)
        if (!hit) continue
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

  /** The files that hold no readable report, with why (the reader's message less the file's name). */
  failures(): { source: string; reason: string }[] {
    return [...this.sources]
      .filter(([, entry]) => entry.error !== undefined)
      .map(([source, entry]) => ({
        source,
        reason: entry.error!.startsWith(`${source}: `) ? entry.error!.slice(source.length + 2) : entry.error!,
      }))
      .sort((a, b) => (a.source < b.source ? -1 : 1))
  }

  stats(): IndexStats {
    // /healthz asks for these on every request: count the paragraphs once per change.
    if (this.paragraphs === null) {
      this.paragraphs = 0
      for (const report of this.reports.values()) this.paragraphs += report.paragraphCount
    }
    return {
      reports: this.reports.size,
      paragraphs: this.paragraphs,
      sources: this.sources.size,
      version: FORMAT_VERSION,
      builtAt: this.builtAt,
    }
  }

  /**
   * Builds the unit of every changed place and keeps its bytes until the next save: in this thread,
   * and with `pool`, in its worker threads too. Largest places first, each taken by whichever
   * thread is free, so that no large place is left for last while the others idle.
   */
  async settle(pool?: UnitPool): Promise<void> {
    if (pool) {
      const queue = [...this.places]
        .filter(([, entry]) => entry.pending !== null && !this.ahead.has(entry))
        .map(([key, entry]) => ({ key, entry, chars: textLength(entry.pending!) }))
        .sort((a, b) => b.chars - a.chars)
      const next = (): (typeof queue)[number] | null => {
        for (let place = queue.shift(); place; place = queue.shift())
          if (place.entry.pending && this.places.get(place.key) === place.entry) return place
        return null
      }
      const inPool = async (): Promise<void> => {
        for (let place = next(); place; place = next()) await this.buildInPool(place.key, place.entry, pool)
      }
      const inThread = async (): Promise<void> => {
        for (let place = next(); place; place = next()) {
          build(place.entry)
          // Let the pool's replies in, so that its threads get their next place.
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
      // A thread that fails (or cannot start) leaves its place pending: it is built below, in this thread.
      await Promise.allSettled([...this.ahead.values(), ...Array.from({ length: pool.capacity }, inPool), inThread()])
    }
    this.settleInThread()
    this.changed.clear()
  }

  /**
   * Hands changed places to the pool's free threads while a sync still reads files, so that the
   * threads build instead of waiting for `settle`: the place changed longest ago first, never the one
   * changed last (the next file may add to it). A place that changes again before its unit comes
   * back is built again.
   */
  buildAhead(pool: UnitPool): void {
    for (const key of this.changed) {
      if (pool.idle === 0 || key === this.changedLast) return
      this.changed.delete(key)
      const entry = this.places.get(key)
      if (!entry?.pending || this.ahead.has(entry)) continue
      const built = this.buildInPool(key, entry, pool)
        .catch(() => {}) // a thread that fails leaves the place pending: `settle` builds it here
        .finally(() => this.ahead.delete(entry))
      this.ahead.set(entry, built)
    }
  }

  /** Builds a changed place in the pool; keeps the unit if the place has not changed meanwhile. */
  private async buildInPool(key: string, entry: PlaceEntry, pool: UnitPool): Promise<void> {
    const reports = entry.pending!
    const built = await pool.build(reports)
    if (this.places.get(key) !== entry || entry.pending !== reports) return // changed meanwhile
    entry.bytes = built.bytes
    entry.indicators = built.indicators
    entry.pending = null
  }

  private settleInThread(): void {
    for (const entry of this.places.values()) if (entry.pending) build(entry)
  }

  /**
   * The artifact's parts, as of now: changed places are serialized first, later changes do not
   * reach this save. `saveIndex` writes them one line each, never as one string.
   */
  toArtifact(): Artifact {
    this.settleInThread()
    const reader = this.reader
    const places = [...this.places].map(([key, entry]) => {
      const bytes = entry.bytes!
      return {
        key,
        entry,
        reportIds: entry.reportIds,
        indicators: entry.indicators ?? [],
        bytes: (): Uint8Array => (bytes instanceof Uint8Array ? bytes : reader!.read(bytes.offset, bytes.length)),
        /** The checksum stored bytes must still have (copied from the previous artifact), and whether they were checked since. */
        checksum: bytes instanceof Uint8Array ? undefined : bytes.checksum,
        verified: bytes instanceof Uint8Array || bytes.verified === true,
      }
    })
    const sources = Object.fromEntries(this.sources)
    const levels = new Map(this.placeDirectory().places.map((place) => [place.key, place.level]))
    return {
      catalog: { format: FORMAT_VERSION, builtAt: this.builtAt, sources, reports: [...this.reports.values()] },
      places,
      levels,
    }
  }

  /**
   * After a save: the places saved read their units from the new artifact from now on (unless
   * they changed while it was written).
   */
  attach(
    reader: UnitReader,
    saved: { key: string; entry: object; offset: number; length: number; checksum: string }[],
    levelFacts: LevelRanges,
  ): void {
    this.reader = reader
    this.levelFacts = new LevelFacts((offset, length) => reader.read(offset, length), levelFacts)
    for (const { key, entry, offset, length, checksum } of saved) {
      const current = this.places.get(key)
      if (current !== entry || current.bytes === null) continue
      current.bytes = { offset, length, checksum, verified: true, inTable: true }
      // An open unit reads the bytes in memory: open it again from the file, so that they can go.
      this.forget(key)
      current.unit = null
    }
  }

  static fromArtifact(catalog: Catalog, places: CatalogPlace[], reader: UnitReader, maxLoadedBytes?: number): ReportIndex {
    const index = new ReportIndex(maxLoadedBytes)
    index.builtAt = catalog.builtAt
    index.reader = reader
    index.levelFacts = catalog.levelFacts
      ? new LevelFacts((offset, length) => reader.read(offset, length), catalog.levelFacts)
      : null
    for (const [source, entry] of Object.entries(catalog.sources)) index.sources.set(source, entry)
    for (const report of catalog.reports) index.reports.set(report.id, report)
    for (const place of places) {
      index.places.set(place.key, {
        reportIds: place.reportIds,
        indicators: place.indicators,
        bytes: {
          offset: place.offset,
          length: place.length,
          checksum: place.checksum,
          inTable: catalog.levelFacts !== undefined,
        },
        unit: null,
        pending: null,
      })
    }
    addWords(index.placeDirectory().words())
    return index
  }

  /** A place's name as its reports give it, with its key when that is a gazetteer code (牛塘镇 320412102): for messages. */
  placeLabel(key: string): string {
    const name = this.reports.get(this.places.get(key)?.reportIds[0] ?? '')?.place
    return !name || name === key ? key : `${name} ${key}`
  }

  /**
   * Checks every place read from the artifact and not yet checked against its checksum (with
   * `recheck`, every one: damage may come later), reading each once; returns the places whose units
   * are damaged. The writer drops them (`dropPlace`) and syncs, which reads their sources again.
   */
  damagedPlaces(recheck = false): string[] {
    const damaged: string[] = []
    for (const [key, entry] of this.places) {
      const bytes = entry.bytes
      if (!bytes || bytes instanceof Uint8Array || (bytes.verified && !recheck)) continue
      if (this.readsIntact(bytes)) bytes.verified = true
      else damaged.push(key)
    }
    return damaged
  }

  /** Whether a stored unit reads whole and has its checksum (an artifact cut short reads as damaged too). */
  private readsIntact(bytes: Stored): boolean {
    try {
      return unitIntact(this.reader!.read(bytes.offset, bytes.length), bytes.checksum)
    } catch {
      return false
    }
  }

  /**
   * Forgets a place whose unit cannot be trusted, without reading it: its reports go, and every
   * source that held one is marked to be read again by the next sync (its other places stay).
   */
  dropPlace(key: string): void {
    const entry = this.places.get(key)
    if (!entry) return
    const ids = new Set(entry.reportIds)
    this.forget(key)
    this.places.delete(key)
    for (const [source, sourceEntry] of this.sources) {
      if (sourceEntry.reportIds.some((id) => ids.has(id))) this.sources.set(source, { ...sourceEntry, hash: '' })
    }
    for (const id of ids) this.reports.delete(id)
    this.touch()
  }

  private setPlace(key: string, reports: Report[]): void {
    this.forget(key)
    this.changed.delete(key)
    if (reports.length === 0) {
      this.places.delete(key)
      return
    }
    this.changed.add(key)
    this.changedLast = key
    this.places.set(key, {
      reportIds: reports.map((report) => report.id),
      indicators: null,
      bytes: null,
      unit: null,
      pending: reports,
    })
  }

  /** The full reports of a place (a changed place's without building its unit). */
  private placeReports(key: string): Report[] {
    const entry = this.places.get(key)
    if (!entry) return []
    if (entry.pending) return entry.pending
    const unit = this.unit(key)
    return unit.reportIds.flatMap((id, r) => {
      const meta = this.reports.get(id)
      return meta ? [fullReport(meta, unit.text(r))] : []
    })
  }

  private indicatorsOf(key: string): string[] {
    const entry = this.places.get(key)
    if (!entry) return []
    if (entry.indicators === null) this.unit(key)
    return entry.indicators ?? []
  }

  /** The place's unit, opened (and built first, if the place changed); the most recently used now. */
  private unit(key: string): OpenUnit {
    const entry = this.places.get(key)!
    if (entry.pending) build(entry)
    if (entry.unit) {
      this.loaded.delete(key)
      this.loaded.set(key, entry.unit)
      this.closeBeyondBudget(key)
      return entry.unit
    }
    const bytes = entry.bytes!
    const read: ReadRange =
      bytes instanceof Uint8Array
        ? (offset, length) => bytes.subarray(offset, offset + length)
        : (offset, length) => this.checkedOf(key, bytes).read(offset, length)
    const unit = OpenUnit.open(
      read,
      // What it reads for questions and citations counts as it is read (a closed unit no longer counts).
      (grown) => {
        if (this.loaded.get(key) !== unit) return
        this.loadedBytes += grown
        this.closeBeyondBudget(key)
      },
    )
    entry.unit = unit
    this.loaded.set(key, unit)
    this.loadedBytes += unit.size()
    this.closeBeyondBudget(key)
    return unit
  }

  /** A stored unit's ranges, each block checked the first time it is read. */
  private checkedOf(key: string, bytes: Stored): CheckedUnit {
    const reader = this.reader
    if (!reader) throw new Error(`place ${key} is stored in an artifact this index has no reader for`)
    return (bytes.checked ??= new CheckedUnit(
      this.placeLabel(key),
      (offset, length) => reader.read(bytes.offset + offset, length),
      bytes.length,
      bytes.verified ? undefined : bytes.checksum,
    ))
  }

  /** Closes the least recently used units while they hold more than the budget, never `keep`. */
  private closeBeyondBudget(keep: string): void {
    for (const oldest of this.loaded.keys()) {
      if (this.loadedBytes <= this.maxLoadedBytes || oldest === keep) break
      this.forget(oldest)
      const closed = this.places.get(oldest)
      if (closed) closed.unit = null
    }
  }

  private forget(key: string): void {
    const unit = this.loaded.get(key)
    if (!unit) return
    this.loaded.delete(key)
    this.loadedBytes -= unit.size()
  }

  /** The hit a search result names, if its report is accepted (a report not accepted is not read). */
  private hit(unit: OpenUnit, docId: string, score: number, accept: (report: ReportInfo) => boolean): Hit | null {
    const { report: r, paragraph: index } = OpenUnit.locate(docId)
    const report = this.reports.get(unit.reportIds[r] ?? '')
    if (!report || !accept(report)) return null
    const paragraph = unit.paragraph(r, index)
    return paragraph ? { report, paragraph, index, score } : null
  }

  private touch(): void {
    this.directory = null
    this.paragraphs = null
    this.builtAt = new Date().toISOString()
  }
}

/** Where a level fact's paragraph lies in the artifact, its checksum, and its place's key. */
interface Cited {
  at: number
  length: number
  checksum: string
  key: string
}

/** Bytes between two cited paragraphs read over rather than read apart, and the most read at once. */
const CITED_GAP = 64 * 1024
const CITED_RUN = 8 * 2 ** 20

/** The hit of a fact: its paragraph is read when first looked at (a question cites a few of the facts it weighs). */
class FactHit implements Hit {
  readonly score = 1
  private read: (() => Paragraph) | null
  private text: Paragraph | null = null

  constructor(
    readonly report: ReportInfo,
    readonly index: number,
    read: () => Paragraph,
    /** Where its paragraph lies, while it is not read, for a level fact (read together by `readCited`). */
    public pending: Cited | null = null,
  ) {
    this.read = read
  }

  get paragraph(): Paragraph {
    if (!this.text) this.fill(this.read!())
    return this.text!
  }

  fill(paragraph: Paragraph): void {
    this.text = paragraph
    this.read = null
    this.pending = null
  }
}

/** A report's place in the index: its division code, or its name when the gazetteer cannot tell which place it is. */
export function placeKey(report: { place: string | null; placeCode: string | null }): string {
  return report.placeCode ?? report.place ?? NO_PLACE
}

/** Characters of the reports' paragraphs. */
export function textLength(reports: Report[]): number {
  let chars = 0
  for (const report of reports) for (const p of report.paragraphs) chars += p.text.length
  return chars
}

/** Builds a changed place's unit from its pending reports. */
function build(entry: PlaceEntry): void {
  const built = buildUnit(entry.pending!)
  entry.bytes = built.bytes
  entry.indicators = built.indicators
  entry.pending = null
  entry.unit = null
}

function fullReport(meta: ReportInfo, text: ReportText): Report {
  const { paragraphCount: _count, ...rest } = meta
  return { ...rest, ...text }
}

function info(report: Report): ReportInfo {
  const { paragraphs, sections: _sections, ...rest } = report
  return { ...rest, paragraphCount: paragraphs.length }
}

/** The artifact's last JSON line but one: everything but the places' units. */
export interface Catalog {
  format: number
  builtAt: string
  sources: Record<string, SourceEntry>
  reports: ReportInfo[]
  /** Where the level facts lie (level-facts.ts); absent before the first save. */
  levelFacts?: LevelRanges
}

export interface CatalogPlace {
  key: string
  reportIds: string[]
  indicators: string[]
  offset: number
  length: number
  /** sha256 of the unit's bytes (unit-checksum.ts). */
  checksum?: string
}

export interface Artifact {
  catalog: Catalog
  /** Each place's level as questions see it (`placeDirectory`): the level facts are filed under it. */
  levels: Map<string, PlaceLevel | null>
  /** `entry` identifies the place's state as saved, for `attach`. */
  places: {
    key: string
    entry: object
    reportIds: string[]
    indicators: string[]
    bytes: () => Uint8Array
    checksum: string | undefined
    verified: boolean
  }[]
}

export function summarize(report: ReportInfo): ReportSummary {
  return {
    id: report.id,
    source: report.source,
    kind: report.kind,
    place: report.place,
    level: report.level,
    year: report.year,
    date: report.date,
    period: report.period?.label ?? null,
    title: report.title,
    paragraphs: report.paragraphCount,
  }
}
