import { CoreError } from '../errors.ts'
import type { ReportIndex } from '../index/report-index.ts'
import type { PlaceRef } from '../places/directory.ts'
import { NATIONAL } from '../places/names.ts'
import { indicatorLabel } from '../text/indicators.ts'
import type { Answer, AskOptions, Understood } from '../types.ts'
import { answerClause } from './answer-clause.ts'
import { answerFigure } from './answer-figure.ts'
import { answerPassage } from './answer-passage.ts'
import { refuse, type Outcome, type Place } from './outcome.ts'
import { REASONS } from './reasons.ts'
import { shown, understand, type Question } from './understand.ts'

export { MAX_UNPLACED } from './answer-clause.ts'
export { verify } from './sentence.ts'

export const MAX_QUESTION_LENGTH = 200

/**
 * Question -> the figure, from the report of the place and year asked, with its clause quoted.
 * Refuses (found: false, with a reason) rather than answer from another place, level or year, with
 * a rate for an amount, or with a target when a result was asked. Relative years (去年, 明年) count
 * from `options.today` (default: now).
 */
export function ask(index: ReportIndex, question: string, options: AskOptions = {}): Answer {
  const started = performance.now()
  const text = question.trim()
  if (text === '') throw new CoreError('INVALID_QUESTION', 'the question is empty')
  if (text.length > MAX_QUESTION_LENGTH)
    throw new CoreError('INVALID_QUESTION', `the question is longer than ${MAX_QUESTION_LENGTH} characters`)
  const limit = Math.min(Math.max(options.limit ?? 3, 1), 10)
  const q = understand(text, index.placeDirectory(), referenceDate(options.today))
  const { outcome, understood } = answerQuestion(index, q, limit)
  return { question: text, ...outcome, understood, tookMs: Math.round((performance.now() - started) * 100) / 100 }
}

function referenceDate(today: AskOptions['today']): Date {
  if (today === undefined) return new Date()
  const date = new Date(today)
  if (Number.isNaN(date.getTime())) throw new CoreError('INVALID_QUESTION', `not a date: ${String(today)}`)
  return date
}

function answerQuestion(index: ReportIndex, q: Question, limit: number): { outcome: Outcome; understood: Understood } {
  const resolved = placeOf(index, q)
  if ('reason' in resolved) return { outcome: resolved, understood: shown(q, resolved.asked) }
  const { place, inferred } = resolved
  const understood = shown(q, place?.name ?? null, {
    ...(q.indicator ? { indicator: indicatorLabel(q.indicator, place?.national ?? false) } : {}),
    ...(inferred ? { placeInferred: true } : {}),
  })
  if (q.indicator && !q.passage) {
    const at = place ?? onlyPlaceNaming(index, q)
    if ('reason' in at) return { outcome: at, understood }
    // A narrower question than the indicator (招商引资签约额) is read for its own words.
    const outcome = answerFigure(index, q, at, limit) ?? answerClause(index, q, at, limit)
    return { outcome, understood: { ...understood, place: at.name } }
  }
  if (q.passage && place) return { outcome: answerPassage(index, q, place, limit), understood }
  return { outcome: answerClause(index, q, place, limit), understood }
}

type Resolved = { place: Place | null; inferred: boolean } | (Outcome & { reason: string; asked: string | null })

/**
 * The place a question is about: the one it names, the country when it names none and the index
 * holds the State Council's reports, or null (no place, no national reports): every place may then
 * answer, if only one does.
 */
function placeOf(index: ReportIndex, q: Question): Resolved {
  const directory = index.placeDirectory()
  const refs = distinct(q.places)
  const fail = (reason: string, asked: string | null): Resolved => ({ ...refuse(reason), asked })
  if (refs.length === 0) {
    if (q.unknownPlace) return fail(REASONS.unknownPlace(q.unknownPlace), q.unknownPlace)
    const national = directory.national
    return national
      ? { place: { key: national.key, name: NATIONAL, national: true }, inferred: true }
      : { place: null, inferred: false }
  }
  if (refs.length > 1) return fail(REASONS.onePlace(refs.map(nameOf).join('、')), null)
  const ref = refs[0]!
  switch (ref.kind) {
    case 'national':
      return directory.national
        ? { place: { key: directory.national.key, name: NATIONAL, national: true }, inferred: false }
        : fail(REASONS.noNational(), NATIONAL)
    case 'absent':
      return fail(ref.known ? REASONS.noReports(ref.name) : REASONS.unknownPlace(ref.name), ref.name)
    case 'ambiguous':
      return fail(
        REASONS.ambiguous(
          ref.name,
          ref.options.map((o) => [...o.parents, o.name].join('')),
        ),
        ref.name,
      )
    case 'place':
      return { place: { key: ref.place.key, name: ref.place.name, national: false }, inferred: false }
  }
}

/** The places named, one each: 全国 and 我国 in one question name one place. */
function distinct(refs: PlaceRef[]): PlaceRef[] {
  const seen = new Set<string>()
  return refs.filter((ref) => {
    const key = ref.kind === 'place' ? ref.place.key : ref.kind === 'national' ? NATIONAL : ref.text
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function nameOf(ref: PlaceRef): string {
  return ref.kind === 'place' ? ref.place.name : ref.kind === 'national' ? NATIONAL : ref.name
}

/** With no place named and no national reports: the one place whose reports name the indicator. */
function onlyPlaceNaming(index: ReportIndex, q: Question): Place | (Outcome & { reason: string }) {
  const keys = index.placesNaming(q.indicator!.name, index.reportsOf(null)).filter((key) => key !== '')
  if (keys.length === 1) {
    const name = index.reportsOf(keys[0]!)[0]?.place ?? keys[0]!
    return { key: keys[0]!, name, national: false }
  }
  const names = keys.slice(0, 5).flatMap((key) => index.reportsOf(key)[0]?.place ?? [])
  return keys.length === 0
    ? refuse(REASONS.noData('现有', q.indicator!.name, q.target))
    : refuse(REASONS.tooManyPlaces(keys.length, q.indicator!.name, names.join('、')))
}
