import type { PlaceLevel } from '../types.ts'
import { gazetteer, shortForms, type Division } from './gazetteer.ts'
import { GENERIC, isPlaceName, levelOfName, placeUnits } from './names.ts'
import { scanLongest } from './scan.ts'

/** Where a report comes from: the unit that delivered it, and the units above it. */
export interface ReportPlace {
  /** As the report names itself when the gazetteer knows that name (徐水县 before it became 徐水区). */
  place: string
  /** The gazetteer's code; null when the name is unknown or several places bear it (88 城关镇). */
  code: string | null
  level: PlaceLevel
  /** The units above, outermost first: [河北省, 保定市] for 满城区. */
  parents: string[]
}

interface Mention {
  text: string
  end: number
  divisions: Division[]
}

/**
 * The place of a report from the strings that may name it, best first (dateline, 我代表X人民政府,
 * speaker, file name, title): the innermost unit of the first that names one, so 保定市满城区's
 * report is 满城区's. A name several places bear (东明镇) is told apart by the units above it that
 * `body` names (奈曼, 通辽) and by the party committees it answers to (旗委: a banner's township).
 */
export function resolveReportPlace(candidates: (string | null | undefined)[], body: string): ReportPlace | null {
  for (const candidate of candidates) {
    if (!candidate) continue
    const place = placeIn(candidate, body)
    if (place) return place
  }
  return null
}

function placeIn(text: string, body: string): ReportPlace | null {
  const g = gazetteer()
  const mentions: Mention[] = scanLongest(text, (form) => {
    if (GENERIC.has(form)) return undefined
    const divisions = g.named(form)
    if (divisions.length > 0) return divisions
    const short = g.shortNamed(form).filter((d) => d.level === 'province' || d.level === 'city')
    return short.length > 0 ? short : undefined
  }).map(({ text, end, value }) => ({ text, end, divisions: value }))
  const last = mentions.at(-1)
  // A unit the gazetteer does not know after the last it knows (XX新区, a township renamed since).
  const unknown = placeUnits(text.slice(last?.end ?? 0))
    .filter(isPlaceName)
    .at(-1)
  if (unknown)
    return { place: unknown, code: null, level: levelOfName(unknown), parents: mentions.map((m) => m.divisions[0]!.name) }
  if (!last) return null
  const outer = mentions.slice(0, -1)
  let divisions = last.divisions.filter((d) => outer.every((m) => m.divisions.some((o) => isAncestor(o, d))))
  if (divisions.length === 0) divisions = last.divisions
  const division = divisions.length === 1 ? divisions[0]! : bestAttested(divisions, body)
  const known = g.named(last.text).length > 0 && last.text
  if (!division) return { place: known || last.divisions[0]!.name, code: null, level: divisions[0]!.level, parents: [] }
  return placeOf(division, known || division.name)
}

/** A division as a report's place, under the name the report gives it. */
function placeOf(division: Division, name = division.name): ReportPlace {
  const parents = gazetteer().chain(division).slice(0, -1)
  return { place: name, code: division.code, level: division.level, parents: parents.map((d) => d.name) }
}

function isAncestor(ancestor: Division, division: Division): boolean {
  for (let d = division.parent; d; d = d.parent) if (d === ancestor) return true
  return false
}

/**
 * Of places bearing one name, the one whose parents the report names most (by name or short form,
 * and by the committee of the level right above: 旗委, 县委, 区委, 市委); null on a tie or no clue.
 */
function bestAttested(divisions: Division[], body: string): Division | null {
  const text = body.slice(0, 20_000)
  const scored = divisions.map((division) => {
    let score = 0
    for (let d = division.parent; d; d = d.parent) {
      for (const form of [d.name, ...shortForms(d.name, d.level)]) score += occurrences(text, form)
    }
    const suffix = division.parent?.name.at(-1)
    if (suffix && division.parent?.level === 'county') score += occurrences(text, `${suffix}委`)
    return { division, score }
  })
  scored.sort((a, b) => b.score - a.score)
  const [first, second] = scored
  return first && first.score > 0 && first.score > (second?.score ?? 0) ? first.division : null
}

function occurrences(text: string, word: string): number {
  let count = 0
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) count++
  return count
}

/**
 * A county-level place under the name of the level the report speaks as (县 in 我代表县政府): the
 * name it had then (清苑县, now 清苑区), when the gazetteer knows it as that place's.
 */
export function asItCallsItself(place: ReportPlace, self: string): ReportPlace {
  if (place.level !== 'county' || place.code === null || place.place.endsWith(self) || !/^[县区市旗]$/.test(self)) return place
  const name = place.place.replace(/(?:县|区|市|旗)$/, self)
  return gazetteer()
    .named(name)
    .some((d) => d.code === place.code)
    ? { ...place, place: name }
    : place
}

/**
 * Last resort for a report that never names itself in its opening lines (我代表县人民政府): the
 * unit of the level it speaks for that its body names most, at least three times (新安 in
 * 新安县's report); null when none stands out.
 */
export function mostNamedPlace(body: string, level: PlaceLevel | null): ReportPlace | null {
  const g = gazetteer()
  const counts = new Map<Division, number>()
  const unknown = new Map<string, number>()
  const found = scanLongest(body.slice(0, 6000), (form) => {
    if (GENERIC.has(form)) return undefined
    const divisions = [...g.named(form), ...g.shortNamed(form)]
    return divisions.length > 0 ? divisions : undefined
  })
  for (const { value } of found) {
    const atLevel = value.filter((d) => level === null || d.level === level)
    if (atLevel.length === 1) counts.set(atLevel[0]!, (counts.get(atLevel[0]!) ?? 0) + 1)
  }
  // Names the gazetteer lacks, in full (XX镇 reports name their town only in the text).
  for (const unit of placeUnits(body.slice(0, 6000))) {
    if (isPlaceName(unit) && g.named(unit).length === 0 && (level === null || levelOfName(unit) === level))
      unknown.set(unit, (unknown.get(unit) ?? 0) + 1)
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1])
  const [best, next] = ranked
  const bestUnknown = [...unknown].sort((a, b) => b[1] - a[1])[0]
  if (best && best[1] >= 3 && best[1] > (next?.[1] ?? 0) && best[1] >= (bestUnknown?.[1] ?? 0)) return placeOf(best[0])
  if (bestUnknown && bestUnknown[1] >= 3)
    return { place: bestUnknown[0], code: null, level: levelOfName(bestUnknown[0]), parents: [] }
  return null
}

/**
 * The place a text ends with, by full name or a province's, prefecture's or county's short form
 * (襄阳、宜昌 -> 宜昌): the unit a following indicator is about. Null when none.
 */
export function placeEndingAt(text: string): string | null {
  const g = gazetteer()
  for (let length = Math.min(8, text.length); length >= 2; length--) {
    const form = text.slice(-length)
    if (GENERIC.has(form)) continue
    if (g.named(form).length > 0 || g.shortNamed(form).some((d) => d.level !== 'township')) return form
  }
  return null
}
