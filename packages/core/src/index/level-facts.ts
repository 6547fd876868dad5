import { loadFact, storeFact, type StoredFact } from '../facts/report-facts.ts'
import type { Fact, PlaceLevel } from '../types.ts'
import { OpenUnit } from './place-unit.ts'
import { unitChecksum, verifyUnit } from './unit-checksum.ts'

/*
 * The facts of a whole level by indicator and year (2024年各县地区生产总值), kept by the artifact beside
 * the place units and written from them at each save: a series over every county of the index reads
 * one range of it, and then only the paragraphs it cites, instead of opening the unit of each of
 * ~1,600 places (which cost ~100 µs a place, first its head and facts, then a block check). The
 * facts are the units' own, in their order, so an answer is the same either way; a place changed
 * since the save is not in the table, and is read from its unit.
 *
 * The paragraphs the rows cite are copied beside them, each once, ordered by level, year, indicator
 * and place: the ~400 paragraphs a series over a level cites then lie together and are read in a few
 * reads, not one each from ~400 units (a read the OS has not cached costs ~60 µs here).
 *
 * In the artifact: the cited paragraphs (their JSON in UTF-16LE, back to back), then one line of JSON arrays, one
 * per indicator, level and year, each an array of `LevelRow`; the catalog's `levelFacts` maps
 * `indicator\tlevel\tyear` to the range and checksum of each (unit-checksum.ts).
 */

/**
 * A fact of a place, with where its cited paragraph lies in the artifact (its JSON in UTF-16LE) and
 * the checksum of those bytes: a citation reads and checks them alone.
 */
export type LevelRow = [key: string, paragraphAt: number, paragraphLength: number, paragraphChecksum: string, fact: StoredFact]

/** Ranges of the artifact holding each indicator, level and year's rows: [offset, length, checksum]. */
export type LevelRanges = Record<string, [number, number, string]>

/** The facts a question weighs: results or targets, of one measure. */
export interface Kind {
  target: boolean
  measure: Fact['measure']
}

/** Bytes of rows kept parsed between questions (the most recently asked ranges). */
const KEPT_BYTES = 16 * 2 ** 20

function rangeKey(indicator: string, level: PlaceLevel, year: number): string {
  return `${indicator}\t${level}\t${year}`
}

/** A paragraph a row cites, copied from its unit, and where its copy goes (the least of its rows' orders). */
interface Cited {
  bytes: Buffer
  checksum: string
  order: string
  at: number
}

/** The rows of every place's facts of a year, by indicator, level and year, as a save collects them. */
export class LevelRows {
  private readonly rows = new Map<string, [string, Cited, StoredFact][]>()
  private readonly cited: Cited[] = []

  /** Adds the facts of a place's unit (its bytes, as saved). */
  add(key: string, level: PlaceLevel | null, bytes: Uint8Array): void {
    if (level === null || level === 'national') return
    const unit = OpenUnit.open((offset, length) => bytes.subarray(offset, offset + length))
    // Each paragraph copied and checksummed once however many facts it states.
    const paragraphs = new Map<string, Cited | null>()
    const located = (report: number, paragraph: number): Cited | null => {
      const id = `${report}#${paragraph}`
      let found = paragraphs.get(id)
      if (found === undefined) {
        const range = unit.paragraphRange(report, paragraph)
        // As UTF-16: read back as a memory copy, where UTF-8 is decoded a character at a time (~4 µs a
        // paragraph here), and smaller for Chinese (2 bytes a character, not 3).
        const copy = range
          ? Buffer.from(Buffer.from(bytes.buffer, bytes.byteOffset + range[0], range[1]).toString('utf8'), 'utf16le')
          : null
        found = copy ? { bytes: copy, checksum: unitChecksum(copy), order: '\uffff', at: 0 } : null
        if (found) this.cited.push(found)
        paragraphs.set(id, found)
      }
      return found
    }
    for (const indicator of unit.factIndicators()) {
      for (const { report, seq, fact } of unit.facts(indicator)) {
        if (fact.year === null) continue
        const paragraph = located(report, fact.paragraph)
        if (!paragraph) continue
        const order = `${level}\t${fact.year}\t${indicator}\t${key}`
        if (order < paragraph.order) paragraph.order = order
        const at = rangeKey(indicator, level, fact.year)
        let list = this.rows.get(at)
        if (!list) this.rows.set(at, (list = []))
        list.push([key, paragraph, storeFact(fact, report, seq)])
      }
    }
  }

  /**
   * The cited paragraphs and the rows as the artifact writes them from offset `at`: the paragraphs
   * in order, then one range of rows each, in key order; and the catalog's ranges.
   */
  write(at: number): { parts: Buffer[]; ranges: LevelRanges } {
    const parts: Buffer[] = []
    for (const paragraph of this.cited.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))) {
      paragraph.at = at
      parts.push(paragraph.bytes)
      at += paragraph.bytes.length
    }
    const ranges: LevelRanges = {}
    for (const key of [...this.rows.keys()].sort()) {
      const rows: LevelRow[] = this.rows
        .get(key)!
        .map(([place, paragraph, stored]) => [place, paragraph.at, paragraph.bytes.length, paragraph.checksum, stored])
      const bytes = Buffer.from(JSON.stringify(rows))
      ranges[key] = [at, bytes.length, unitChecksum(bytes)]
      parts.push(bytes)
      at += bytes.length
    }
    return { parts, ranges }
  }
}

/** The level facts of a saved artifact, read a range at a time (checked against its checksum once). */
export class LevelFacts {
  private readonly kept = new Map<string, { rows: LevelRow[]; bytes: number }>()
  private keptBytes = 0

  constructor(
    private readonly read: (offset: number, length: number) => Uint8Array,
    private readonly ranges: LevelRanges,
  ) {}

  /** Every row of an indicator, level and year: facts of the places saved with the table. */
  rows(
    indicator: string,
    level: PlaceLevel,
    year: number,
    kind: Kind,
  ): { key: string; at: number; length: number; checksum: string; report: number; seq: number; fact: Fact }[] {
    const key = rangeKey(indicator, level, year)
    const range = this.ranges[key]
    if (!range) return []
    let kept = this.kept.get(key)
    if (kept) this.kept.delete(key)
    else {
      const bytes = this.read(range[0], range[1])
      verifyUnit(`${level} facts of ${indicator} ${year}`, bytes, range[2])
      kept = {
        rows: JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as LevelRow[],
        bytes: range[1],
      }
      this.keptBytes += kept.bytes
    }
    this.kept.set(key, kept)
    for (const [oldest, entry] of this.kept) {
      if (this.keptBytes <= KEPT_BYTES || oldest === key) break
      this.kept.delete(oldest)
      this.keptBytes -= entry.bytes
    }
    return kept.rows
      .filter(([, , , , stored]) => stored[5] === (kind.target ? 1 : 0) && stored[4] === kind.measure)
      .map(([place, at, length, checksum, stored]) => ({
        key: place,
        at,
        length,
        checksum,
        report: stored[0],
        seq: stored[1],
        fact: loadFact(indicator, stored),
      }))
  }
}
