import MiniSearch, { type SearchResult } from 'minisearch'
import { canonicalize, tokenize, tokenizeCanonical } from '../text/segmenter.ts'
import { INDICATOR_NAMES } from '../text/indicators.ts'
import { loadFact, reportFacts, storeFact, type StoredFact } from '../facts/report-facts.ts'
import type { Fact, Paragraph, Report } from '../types.ts'
import { MINISEARCH_OPTIONS, SEPARATOR } from './search-options.ts'

/*
 * A place unit: everything the index holds about one place, as bytes that a question reads a few
 * ranges of. It is a pure function of the place's reports (a changed report rebuilds its place),
 * and the artifact's unit of lazy loading.
 *
 * The search part is MiniSearch's own serialized index (`toJSON`, serialization version 2) of the
 * place's paragraphs, cut apart so that a question parses only the terms it asks for:
 *   u32 LE      byte length H of the head
 *   H bytes     head JSON: document count, average field lengths, the report ids and their
 *               paragraph counts, the byte ranges of the parts below
 *   facts       each indicator's facts (facts/) over the place's reports, a JSON array of arrays
 *               (`StoredFact`), read when a question asks that indicator; next to the head, so that
 *               a figure's question reads one stretch of the unit
 *   lengths     each document's field lengths, u32 LE per field
 *   dictionary  u32 N, N+1 u32 term offsets, N+1 u32 postings offsets, the terms (UTF-8, sorted)
 *   postings    each term's MiniSearch index entry as JSON: {"<fieldId>":{"<docId>":tf}}
 *   reports     each report: n+1 u32 LE offsets, then the JSON array [headings, paragraph 1, …,
 *               paragraph n] (the offsets: where each paragraph starts in it, and one past the last),
 *               so that a citation reads its paragraph alone and a whole report is one parse
 * Document d is paragraph k of report r, d counting the paragraphs of the reports before r, and its
 * MiniSearch id is `r#k`. MiniSearch scores a term from that term's postings, the lengths of the
 * documents in them, the average lengths and the document count alone, so an index loaded with
 * just the question's terms and their documents ranks exactly as the whole one does, and opening a
 * unit parses no per-document JSON (the field lengths are a table read as it is). `buildUnit` writes what
 * MiniSearch's `addAll` + `toJSON` would (place-unit.test.ts checks it) without its radix tree,
 * which made MiniSearch's `add` most of the build's time.
 */

type MiniSearchJs = Parameters<typeof MiniSearch.loadJS>[0]
/** One term's entry of MiniSearch's serialized index: field id -> document id -> term frequency. */
type Postings = MiniSearchJs['index'][number][1]

/** What a unit stores of a report beyond its metadata (`ReportInfo`, kept in the catalog). */
export type ReportText = Pick<Report, 'sections' | 'paragraphs'>

interface Head {
  documentCount: number
  averageFieldLength: number[]
  reportIds: string[]
  /** Paragraphs (documents) of each report. */
  paragraphs: number[]
  /** [offset, length] after the head: of each report's text, of the field lengths, of the dictionary; the postings' offset. */
  reports: [number, number][]
  /** [offset, length] after the head of each indicator's facts. */
  facts: Record<string, [number, number]>
  lengths: [number, number]
  dictionary: [number, number]
  postings: number
}

/** What remembering that a place lacks a term costs, counted against the open units' budget. */
const ABSENT_TERM_BYTES = 64

/** MiniSearch's fields (text, section) and their ids. */
const FIELDS = MINISEARCH_OPTIONS.fields
const FIELD_IDS = Object.fromEntries(FIELDS.map((field, i) => [field, i]))

/** A place's reports as a unit's bytes, and the indicators they name (known without reading it). */
export function buildUnit(reports: Report[]): { bytes: Uint8Array; indicators: string[] } {
  const named = new Set<string>()
  const fieldLength: number[] = []
  const averageFieldLength: number[] = FIELDS.map(() => 0)
  // term -> per field, flat [docId, tf, docId, tf, …] in document order
  const postings = new Map<string, number[][]>()
  let count = 0
  /** Adds a field's tokens to the postings; returns MiniSearch's field length (distinct tokens). */
  const add = (tokens: string[], field: number, doc: number): number => {
    // The value MiniSearch splits is tokens.join(SEPARATOR): no tokens is one empty token.
    let distinct = tokens.length === 0 ? 1 : 0
    let empty = 0
    for (const term of tokens) {
      if (!term) {
        empty = 1 // counted, but not indexed: MINISEARCH_OPTIONS.processTerm drops it
        continue
      }
      let fields = postings.get(term)
      if (!fields) postings.set(term, (fields = [[], []])) // text, section
      const list = fields[field]!
      if (list[list.length - 2] === doc) list[list.length - 1]!++
      else {
        list.push(doc, 1)
        distinct++
      }
    }
    return distinct + empty
  }
  for (const report of reports) {
    // Paragraphs share their heading path: cut each path once.
    const sections = new Map<string, string[]>()
    for (const p of report.paragraphs) {
      const canonical = canonicalize(p.text)
      for (const indicator of INDICATOR_NAMES) if (canonical.includes(indicator)) named.add(indicator)
      const key = p.sectionPath.join('\n')
      let section = sections.get(key)
      if (!section) sections.set(key, (section = tokenize(p.sectionPath.join(' '))))
      const doc = count
      const lengths = [add(tokenizeCanonical(canonical), 0, doc), add(section, 1, doc)]
      fieldLength.push(...lengths)
      // As MiniSearch's addFieldLength computes it, so that scores match to the last bit.
      lengths.forEach(
        (length, field) => (averageFieldLength[field] = (averageFieldLength[field]! * count + length) / (count + 1)),
      )
      count++
    }
  }

  const terms = [...postings.keys()].sort()
  const termBytes = Buffer.from(terms.join(''))
  // Plain numbers: u32le refuses one past 4 GiB, where a Uint32Array would wrap it silently.
  const termOffsets: number[] = []
  const postingOffsets: number[] = []
  const postingParts: string[] = []
  let termOffset = 0
  let postingOffset = 0
  for (const term of terms) {
    termOffsets.push(termOffset)
    termOffset += Buffer.byteLength(term)
    postingOffsets.push(postingOffset)
    const json = postingJson(postings.get(term)!)
    postingParts.push(json)
    postingOffset += Buffer.byteLength(json)
  }
  termOffsets.push(termOffset)
  postingOffsets.push(postingOffset)

  const dictionary = Buffer.alloc(4 + 8 * (terms.length + 1) + termBytes.length)
  dictionary.writeUInt32LE(terms.length, 0)
  u32le(termOffsets).copy(dictionary, 4)
  u32le(postingOffsets).copy(dictionary, 4 + 4 * (terms.length + 1))
  termBytes.copy(dictionary, 4 + 8 * (terms.length + 1))
  const postingBytes = Buffer.from(postingParts.join(''))
  const reportBytes = reports.map(textBytes)
  const factBytes = [...factsByIndicator(reports)].map(([indicator, rows]) => ({
    indicator,
    bytes: Buffer.from(JSON.stringify(rows)),
  }))

  const lengthBytes = u32le(fieldLength)
  // The head's ranges are relative to the end of the head; its own length is not known until written.
  let at = 0
  const next = (bytes: Uint8Array): [number, number] => [(at += bytes.length) - bytes.length, bytes.length]
  const facts = Object.fromEntries(factBytes.map(({ indicator, bytes }) => [indicator, next(bytes)]))
  const lengths = next(lengthBytes)
  const dictionaryRange = next(dictionary)
  const postingsAt = next(postingBytes)[0]
  const head: Head = {
    documentCount: count,
    averageFieldLength,
    reportIds: reports.map((report) => report.id),
    paragraphs: reports.map((report) => report.paragraphs.length),
    reports: reportBytes.map(next),
    facts,
    lengths,
    dictionary: dictionaryRange,
    postings: postingsAt,
  }
  const headBytes = Buffer.from(JSON.stringify(head))
  const prefix = Buffer.alloc(4)
  prefix.writeUInt32LE(headBytes.length, 0)
  return {
    bytes: Buffer.concat([
      prefix,
      headBytes,
      ...factBytes.map((f) => f.bytes),
      lengthBytes,
      dictionary,
      postingBytes,
      ...reportBytes,
    ]),
    indicators: INDICATOR_NAMES.filter((indicator) => named.has(indicator)),
  }
}

/**
 * One term's entry of MiniSearch's serialized index: {"0":{"3":1,"7":2},"1":{"3":1}}. Written as
 * one string rather than joined from arrays of parts, which every term of a unit (some 25,000 for
 * a province) paid for: about a fifth less time serializing postings.
 */
function postingJson(fields: number[][]): string {
  let json = '{'
  fields.forEach((list, field) => {
    if (list.length === 0) return
    json += `${json.length > 1 ? ',' : ''}"${field}":{`
    for (let i = 0; i < list.length; i += 2) json += `${i > 0 ? ',' : ''}"${list[i]}":${list[i + 1]}`
    json += '}'
  })
  return `${json}}`
}

/** A report's text as a unit stores it: the offsets of its paragraphs, then [headings, …paragraphs] as JSON. */
function textBytes(report: Report): Buffer {
  const parts = [JSON.stringify(report.sections), ...report.paragraphs.map((p) => JSON.stringify(p))]
  const json = `[${parts.join(',')}]`
  const offsets: number[] = []
  let at = 1 + Buffer.byteLength(parts[0]!) + 1
  for (const part of parts.slice(1)) {
    offsets.push(at)
    at += Buffer.byteLength(part) + 1
  }
  offsets.push(at)
  return Buffer.concat([u32le(offsets), Buffer.from(json)])
}

/** The place's facts by indicator, each with its report's position and its own among the report's facts. */
function factsByIndicator(reports: Report[]): Map<string, StoredFact[]> {
  const out = new Map<string, StoredFact[]>()
  reports.forEach((report, r) =>
    reportFacts(report).forEach((fact, seq) => {
      let rows = out.get(fact.indicator)
      if (!rows) out.set(fact.indicator, (rows = []))
      rows.push(storeFact(fact, r, seq))
    }),
  )
  return out
}

/** Reads `length` bytes at `offset` of a unit. */
export type ReadRange = (offset: number, length: number) => Uint8Array

/** A place unit opened for questions: the head and dictionary in memory, the rest read on demand. */
export class OpenUnit {
  readonly reportIds: string[]
  private readonly head: Head
  /** Field lengths and dictionary, read when a search first needs them (a figure answered from facts does not). */
  private lengthsRead: Buffer | null = null
  private dictionaryRead: Buffer | null = null
  private readonly base: number
  /** The first document of each report, and one past the last. */
  private readonly firstDoc: number[]
  private readonly parsed: (ReportText | undefined)[]
  /** Paragraphs read one by one (by report, then paragraph) while their report is not parsed whole. */
  private readonly paragraphsRead = new Map<number, Paragraph>()
  private readonly facted = new Map<string, { report: number; seq: number; fact: Fact }[]>()
  /** Bytes of the head; `parsedBytes`, of the lengths, dictionary, postings, reports and facts read since. */
  private readonly headBytes: number
  private parsedBytes = 0
  /** The postings of every term asked so far (null: not in this place), the documents in them, and the index loaded with them. */
  private readonly asked = new Map<string, Postings | null>()
  private readonly docs = new Set<number>()
  private loaded: MiniSearch | null = null

  private constructor(
    private readonly read: ReadRange,
    headLength: number,
    private readonly onGrow: (bytes: number) => void,
  ) {
    this.head = JSON.parse(toBuffer(read(4, headLength)).toString('utf8')) as Head
    this.base = 4 + headLength
    this.reportIds = this.head.reportIds
    this.firstDoc = [0]
    for (const count of this.head.paragraphs) this.firstDoc.push(this.firstDoc.at(-1)! + count)
    this.parsed = new Array(this.reportIds.length)
    this.headBytes = this.base
  }

  private get lengths(): Buffer {
    return (this.lengthsRead ??= this.readPart(this.head.lengths))
  }

  private get dictionary(): Buffer {
    return (this.dictionaryRead ??= this.readPart(this.head.dictionary))
  }

  private get terms(): number {
    return this.dictionary.readUInt32LE(0)
  }

  private readPart([offset, length]: [number, number]): Buffer {
    const bytes = toBuffer(this.read(this.base + offset, length))
    this.grow(length)
    return bytes
  }

  /** Opens the unit `read` reads; `onGrow` hears of every byte it holds beyond what `size()` said at opening. */
  static open(read: ReadRange, onGrow: (bytes: number) => void = () => {}): OpenUnit {
    return new OpenUnit(read, toBuffer(read(0, 4)).readUInt32LE(0), onGrow)
  }

  /** Bytes this unit holds in memory, as stored: the head, and the lengths, dictionary, postings, reports and facts read so far. */
  size(): number {
    return this.headBytes + this.parsedBytes
  }

  /**
   * MiniSearch's results for pre-cut query tokens (joined by SEPARATOR), as the whole index gives
   * them. The index is loaded with the postings of every term asked of this unit so far: loaded again
   * when a question brings a new term, reused as it is when it brings none.
   */
  search(query: string): SearchResult[] {
    let fresh = false
    for (const term of query.split(SEPARATOR)) if (term && !this.asked.has(term) && this.lookup(term)) fresh = true
    if (fresh || !this.loaded) this.loaded = MiniSearch.loadJS(this.toJs([...this.asked.keys()]), MINISEARCH_OPTIONS)
    return this.loaded.search(query)
  }

  /**
   * MiniSearch's serialized index of this unit with the given terms only (read here if not yet), and
   * the documents their postings hold: what `loadJS` needs to score those terms.
   */
  toJs(terms: string[]): MiniSearchJs {
    const index: MiniSearchJs['index'] = []
    for (const term of terms) {
      const postings = this.asked.has(term) ? this.asked.get(term)! : this.lookup(term)
      if (postings) index.push([term, postings])
    }
    const documentIds: Record<number, string> = {}
    const fieldLength: Record<number, number[]> = {}
    const fields = this.head.averageFieldLength.length
    for (const doc of this.docs) {
      documentIds[doc] = this.idOf(doc)
      fieldLength[doc] = Array.from({ length: fields }, (_, field) => this.lengths.readUInt32LE(4 * (doc * fields + field)))
    }
    return {
      documentCount: this.head.documentCount,
      nextId: this.head.documentCount,
      documentIds,
      fieldIds: FIELD_IDS,
      fieldLength,
      averageFieldLength: this.head.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index,
      serializationVersion: 2,
    }
  }

  /** Which report (by position in `reportIds`) and paragraph a search result's id names. */
  static locate(docId: string): { report: number; paragraph: number } {
    const hash = docId.indexOf('#')
    return { report: Number(docId.slice(0, hash)), paragraph: Number(docId.slice(hash + 1)) }
  }

  /** The text of the report at position `r`: its headings and paragraphs. */
  text(r: number): ReportText {
    let text = this.parsed[r]
    if (!text) {
      const [offset, length] = this.head.reports[r]!
      const table = 4 * (this.head.paragraphs[r]! + 1)
      const [sections, ...paragraphs] = JSON.parse(
        toBuffer(this.read(this.base + offset + table, length - table)).toString('utf8'),
      ) as [ReportText['sections'], ...Paragraph[]]
      text = { sections, paragraphs }
      this.parsed[r] = text
      this.grow(length)
    }
    return text
  }

  /** Paragraph `k` of the report at position `r`, read alone unless the report is read already. */
  paragraph(r: number, k: number): Paragraph | undefined {
    const whole = this.parsed[r]
    if (whole) return whole.paragraphs[k]
    const doc = this.firstDoc[r]! + k
    let paragraph = this.paragraphsRead.get(doc)
    if (!paragraph) {
      const range = this.paragraphRange(r, k)
      if (!range) return undefined
      const bytes = toBuffer(this.read(...range))
      paragraph = JSON.parse(bytes.toString('utf8')) as Paragraph
      this.paragraphsRead.set(doc, paragraph)
      this.grow(bytes.length + 8)
    }
    return paragraph
  }

  /** Where paragraph `k` of the report at position `r` lies in the unit: [offset, length] of its JSON. */
  paragraphRange(r: number, k: number): [number, number] | undefined {
    if (k < 0 || k >= (this.head.paragraphs[r] ?? 0)) return undefined
    const at = this.base + this.head.reports[r]![0]
    const table = toBuffer(this.read(at + 4 * k, 8))
    // Offsets in the table count from the JSON array, right after the table's n+1 entries.
    const json = at + 4 * (this.head.paragraphs[r]! + 1)
    return [json + table.readUInt32LE(0), table.readUInt32LE(4) - 1 - table.readUInt32LE(0)]
  }

  /** The indicators this place's reports state facts of. */
  factIndicators(): string[] {
    return Object.keys(this.head.facts)
  }

  /** The facts of `indicator` in this place's reports, with their report's position (read once, then kept while the unit is open). */
  facts(indicator: string): { report: number; seq: number; fact: Fact }[] {
    let facts = this.facted.get(indicator)
    if (!facts) {
      const range = this.head.facts[indicator]
      facts = range
        ? (JSON.parse(toBuffer(this.read(this.base + range[0], range[1])).toString('utf8')) as StoredFact[]).map((row) => ({
            report: row[0],
            seq: row[1],
            fact: loadFact(indicator, row),
          }))
        : []
      this.facted.set(indicator, facts)
      this.grow(range?.[1] ?? ABSENT_TERM_BYTES)
    }
    return facts
  }

  /** MiniSearch's id of document `doc`: `r#k`, paragraph k of report r. */
  private idOf(doc: number): string {
    let lo = 0
    let hi = this.firstDoc.length - 2
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (this.firstDoc[mid]! <= doc) lo = mid
      else hi = mid - 1
    }
    return `${lo}#${doc - this.firstDoc[lo]!}`
  }

  /** A term's postings, read once and remembered with its documents; null when the place lacks the term. */
  private lookup(term: string): Postings | null {
    const i = this.find(term)
    if (i < 0) {
      // Remembered too, and counted, so that questions full of made-up words cannot grow an open
      // unit past the budget that closes it.
      this.asked.set(term, null)
      this.grow(ABSENT_TERM_BYTES + term.length)
      return null
    }
    const offsets = 4 + 4 * (this.terms + 1)
    const start = this.dictionary.readUInt32LE(offsets + 4 * i)
    const end = this.dictionary.readUInt32LE(offsets + 4 * (i + 1))
    const bytes = toBuffer(this.read(this.base + this.head.postings + start, end - start))
    const postings = JSON.parse(bytes.toString('utf8')) as Postings
    for (const docs of Object.values(postings)) for (const doc of Object.keys(docs)) this.docs.add(Number(doc))
    this.asked.set(term, postings)
    this.grow(bytes.length)
    return postings
  }

  private grow(bytes: number): void {
    this.parsedBytes += bytes
    this.onGrow(bytes)
  }

  /** Binary search of the sorted dictionary (UTF-16 order, as `Array.prototype.sort` left it). */
  private find(term: string): number {
    const termsAt = 4 + 8 * (this.terms + 1)
    let lo = 0
    let hi = this.terms - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const start = this.dictionary.readUInt32LE(4 + 4 * mid)
      const end = this.dictionary.readUInt32LE(4 + 4 * (mid + 1))
      const probe = this.dictionary.toString('utf8', termsAt + start, termsAt + end)
      if (probe === term) return mid
      if (probe < term) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }
}

/** Unsigned 32-bit little-endian integers, whatever the machine's byte order. */
function u32le(values: ArrayLike<number>): Buffer {
  const bytes = Buffer.alloc(4 * values.length)
  for (let i = 0; i < values.length; i++) bytes.writeUInt32LE(values[i]!, 4 * i)
  return bytes
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
