import type { PlaceLevel } from '../types.ts'
import { gazetteer, shortForms, type Division } from './gazetteer.ts'
import { GENERIC, NATIONAL_WORDS, REGION_WORDS, REGIONS } from './names.ts'
import { scanLongest, type Match } from './scan.ts'

/** A place the index holds reports of. */
export interface IndexedPlace {
  /** The index's key for it: its division code, or its name when the gazetteer cannot tell which place it is. */
  key: string
  /** As its latest report names it. */
  name: string
  /** Every name its reports use (徐水县 and 徐水区). */
  names: string[]
  level: PlaceLevel | null
  /** The units above it, outermost first, when known. */
  parents: string[]
  /** The divisions it may be: one when resolved, every place of its name when not (城关镇). */
  divisions: Division[]
}

/** What a place named in a question refers to. */
export type PlaceRef =
  | { kind: 'place'; place: IndexedPlace; text: string }
  | { kind: 'national'; text: string }
  /** A place no report is from: `known` when the gazetteer has it (石家庄市), not when made up (abc镇). */
  | { kind: 'absent'; name: string; known: boolean; text: string }
  /** Several indexed places bear the name and the question does not say which. */
  | { kind: 'ambiguous'; name: string; options: IndexedPlace[]; text: string }

export interface QuestionPlaces {
  /** The places named, in order (a list such as 江苏、浙江、广东 gives three). */
  refs: PlaceRef[]
  /** Where the question names them, so that the rest of it can be read without them. */
  spans: { start: number; end: number }[]
}

const LEVEL_RANK: Record<PlaceLevel, number> = { national: 0, province: 1, city: 2, county: 3, township: 4 }

interface Found {
  indexed: IndexedPlace[]
  divisions: Division[]
  /** Found by a full name (海拉尔区, 徐水县), not a short form (海拉尔). */
  full: boolean
  /** Only a county's short form, of a county without reports: a place only where a question names one. */
  weak: boolean
}

/**
 * The places of an index as questions name them: every name and short form of each indexed place,
 * and the gazetteer for places without reports (so that 石家庄市 is refused as a place no report is
 * from, never dropped). The one place questions are read for places.
 */
export class PlaceDirectory {
  private readonly byForm = new Map<string, IndexedPlace[]>()
  private readonly byCode = new Map<string, IndexedPlace[]>()
  readonly national: IndexedPlace | null

  constructor(readonly places: IndexedPlace[]) {
    this.national = places.find((place) => place.level === 'national') ?? null
    for (const place of places) {
      if (place.level === 'national') continue
      for (const form of formsOf(place)) push(this.byForm, form, place)
      for (const division of place.divisions) push(this.byCode, division.code, place)
    }
  }

  /** Words the segmenter keeps whole: the names and short forms of the indexed places. */
  words(): string[] {
    return [...this.byForm.keys()]
  }

  /**
   * The places a question names. `tokens` are its words as the segmenter cuts them: a two-character
   * county name or short form (唐县, 正定) counts only as a whole word, not inside another (提高县级).
   */
  find(question: string, tokens: ReadonlySet<string>): QuestionPlaces {
    const spans: { start: number; end: number }[] = []
    const national: { start: number; text: string }[] = []
    let text = question
    for (const match of question.matchAll(NATIONAL_WORDS)) {
      national.push({ start: match.index, text: match[0] })
      spans.push({ start: match.index, end: match.index + match[0].length })
      text = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length)
    }
    // 京津冀: its provinces, in order.
    const regions: { start: number; ref: PlaceRef }[] = []
    for (const match of question.matchAll(REGION_WORDS)) {
      for (const name of REGIONS[match[0]]!) {
        const found = this.lookup(name, tokens)
        if (found)
          regions.push({
            start: match.index,
            ref: this.resolve([{ text: name, start: match.index, end: match.index, value: found }]),
          })
      }
      spans.push({ start: match.index, end: match.index + match[0].length })
      text = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length)
    }
    const matches = scanLongest(text, (form) => this.lookup(form, tokens)).filter(
      (match, i, all) =>
        // 地级及以上城市: 以上 and 以下 are words, whatever place (上城区) follows them.
        !(/^[上下]/.test(match.text) && text[match.start - 1] === '以') &&
        (!match.value.weak || opensQuestion(text, match.start) || within(all[i - 1], match)),
    )
    const refs: { start: number; ref: PlaceRef }[] = [
      ...national.map(({ start, text }) => ({ start, ref: { kind: 'national', text } }) as const),
      ...regions,
    ]
    for (const chain of chains(matches)) {
      refs.push({ start: chain[0]!.start, ref: this.resolve(chain) })
      spans.push({ start: chain[0]!.start, end: chain.at(-1)!.end })
    }
    return { refs: refs.sort((a, b) => a.start - b.start).map(({ ref }) => ref), spans: spans.sort((a, b) => a.start - b.start) }
  }

  private lookup(form: string, tokens: ReadonlySet<string>): Found | undefined {
    const indexed = this.byForm.get(form) ?? []
    if (GENERIC.has(form) && indexed.length === 0) return undefined
    const g = gazetteer()
    const wholeWord = form.length > 2 || tokens.has(form)
    // A former county name (徐水县 for 徐水区) only as a word of its own: 雄安新区 holds no 安新区.
    const named = wholeWord ? g.named(form, tokens.has(form)) : []
    const short = g
      .shortNamed(form)
      .filter((d) => d.level === 'province' || d.level === 'city' || (d.level === 'county' && tokens.has(form)))
    const divisions = named.length > 0 ? named : short
    if (indexed.length === 0 && divisions.length === 0) return undefined
    // A county's short form without reports (正定) is a word too often (新建, 港口): see `find`.
    const weak = indexed.length === 0 && named.length === 0 && short.every((d) => d.level === 'county')
    return { indexed, divisions, full: named.length > 0 || indexed.some((place) => place.names.includes(form)), weak }
  }

  private resolve(chain: Match<Found>[]): PlaceRef {
    const target = chain.at(-1)!
    const outer = chain.slice(0, -1)
    const text = chain.map((m) => m.text).join('')
    const candidates = new Set(target.value.indexed)
    for (const division of target.value.divisions) for (const place of this.byCode.get(division.code) ?? []) candidates.add(place)
    let options = [...candidates].filter((place) => outer.every((m) => isWithin(place, m.value)))
    if (options.length > 1) {
      // 吉林: the province before the city; a place by its own name before one by a short form.
      const exact = options.filter((place) => place.names.includes(target.text))
      if (exact.length > 0) options = exact
      const top = Math.min(...options.map((place) => LEVEL_RANK[place.level ?? 'township']))
      options = options.filter((place) => LEVEL_RANK[place.level ?? 'township'] === top)
    }
    if (options.length === 1) return { kind: 'place', place: options[0]!, text }
    if (options.length > 1) return { kind: 'ambiguous', name: target.text, options, text }
    const [division, ...others] = target.value.divisions
    const name =
      target.value.full || !division || others.length > 0 ? text : [...outer.map((m) => m.text), division.name].join('')
    return { kind: 'absent', name, known: target.value.divisions.length > 0, text }
  }
}

/** Whether a question opens at `start` (请问, 我想知道 aside): where people name the place asked about. */
function opensQuestion(text: string, start: number): boolean {
  return /^[\s\p{P}]*(?:请问|我想知道|想问一下|问一下|查一下|帮我查)?[\s\p{P}]*$/u.test(text.slice(0, start))
}

/** Whether `match` follows right after a place it lies in (河北正定). */
function within(previous: Match<Found> | undefined, match: Match<Found>): boolean {
  if (!previous || previous.end !== match.start) return false
  return match.value.divisions.some((d) => {
    for (let p = d.parent; p; p = p.parent) if (previous.value.divisions.includes(p)) return true
    return false
  })
}

/** Adjacent matches name one place, outermost first: 保定市满城区, 奈曼旗东明镇. */
function chains<T>(matches: Match<T>[]): Match<T>[][] {
  const out: Match<T>[][] = []
  for (const match of matches) {
    const last = out.at(-1)
    if (last && last.at(-1)!.end === match.start) last.push(match)
    else out.push([match])
  }
  return out
}

/**
 * Whether `place` lies within the unit an outer match names, by its parents. A place the gazetteer
 * could not single out (one of 88 城关镇) is within only the parents its report names: that some
 * 城关镇 lies in 平利县 does not make this report 平利县's.
 */
function isWithin(place: IndexedPlace, outer: Found): boolean {
  const names = new Set([...outer.indexed.map((p) => p.name), ...outer.divisions.map((d) => d.name)])
  if (place.parents.some((parent) => names.has(parent))) return true
  const division = place.divisions.length === 1 ? place.divisions[0]! : null
  for (let d = division?.parent ?? null; d; d = d.parent) if (outer.divisions.includes(d)) return true
  return false
}

function formsOf(place: IndexedPlace): Set<string> {
  const forms = new Set<string>()
  const level = place.level === 'national' || place.level === null ? 'county' : place.level
  for (const name of [...place.names, ...place.divisions.slice(0, 1).map((d) => d.name)]) {
    forms.add(name)
    for (const form of shortForms(name, level)) forms.add(form)
  }
  return forms
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (!list) map.set(key, [value])
  else if (!list.includes(value)) list.push(value)
}
