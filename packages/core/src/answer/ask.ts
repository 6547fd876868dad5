import { CoreError } from '../errors.ts'
import type { ReportIndex } from '../index/report-index.ts'
import { NATIONAL } from '../places/names.ts'
import { indicatorLabel } from '../text/indicators.ts'
import type { Answer, AskContext, AskOptions, Understood } from '../types.ts'
import { answerClause } from './answer-clause.ts'
import { answerFigure } from './answer-figure.ts'
import { answerPassage } from './answer-passage.ts'
import { answerSeries } from './answer-series.ts'
import { refuse, reportsAsked, type Outcome, type Place } from './outcome.ts'
import { REASONS, yearList } from './reasons.ts'
import { contextOf, shown, understand, type Question } from './understand.ts'

export { MAX_UNPLACED } from './answer-clause.ts'
export { verify } from './sentence.ts'

export const MAX_QUESTION_LENGTH = 200

/**
 * Question -> the figure, from the report of the place and year asked, with its clause quoted.
 * Refuses (found: false, with a reason) rather than answer from another place, level or year, with
 * a rate for an amount, or with a target when a result was asked. Relative years (去年, 明年) count
 * from `options.today` (default: now); with `options.context` (the previous answer's), the question
 * is a follow-up. Several years or places asked give a series, a figure and a citation each.
 */
export function ask(index: ReportIndex, question: string, options: AskOptions = {}): Answer {
  const started = performance.now()
  const text = question.trim()
  if (text === '') throw new CoreError('INVALID_QUESTION', 'the question is empty')
  if (text.length > MAX_QUESTION_LENGTH)
    throw new CoreError('INVALID_QUESTION', `the question is longer than ${MAX_QUESTION_LENGTH} characters`)
  const limit = Math.min(Math.max(options.limit ?? 3, 1), 10)
  const q = understand(text, index.placeDirectory(), referenceDate(options.today), validContext(options.context))
  const { outcome, understood, places } = answerQuestion(index, q, limit)
  const { measure, ...answered } = outcome
  // What was answered is what a follow-up carries on (增速 kept, the level given: 总量 next).
  const asked = measure ? { ...q, measure } : q
  return {
    question: text,
    ...answered,
    understood: measure ? { ...understood, measure } : understood,
    context: contextOf(asked, places),
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  }
}

function referenceDate(today: AskOptions['today']): Date {
  if (today === undefined) return new Date()
  const date = new Date(today)
  if (Number.isNaN(date.getTime())) throw new CoreError('INVALID_QUESTION', `not a date: ${String(today)}`)
  return date
}

/** A context a client sent back, checked for shape: one that is not ours is an error, not a guess. */
function validContext(context: unknown): AskContext | undefined {
  if (context === undefined || context === null) return undefined
  const c = context as AskContext
  const ok =
    typeof c === 'object' &&
    c.v === 1 &&
    Array.isArray(c.places) &&
    c.places.every((p) => typeof p?.key === 'string' && typeof p?.name === 'string') &&
    Array.isArray(c.years) &&
    c.years.every((y) => Number.isInteger(y)) &&
    typeof c.target === 'boolean' &&
    typeof c.measure === 'string' &&
    (c.qualifiers === undefined || (Array.isArray(c.qualifiers) && c.qualifiers.every((w) => typeof w === 'string'))) &&
    (c.measureSoft === undefined || typeof c.measureSoft === 'boolean')
  if (!ok) throw new CoreError('INVALID_QUESTION', 'the context is not one an answer gave')
  return c
}

interface Answered {
  outcome: Outcome
  understood: Understood
  /** The places answered for, for the context a follow-up keeps. */
  places: { key: string; name: string }[]
}

/** A day rather than a year or a period (明天天气怎么样): no report is about one. */
const DAY = /明天|后天|昨天|前天|明日|昨日|下周|上周|本周|这周|今晚|明早/

function answerQuestion(index: ReportIndex, q: Question, limit: number): Answered {
  const day = DAY.exec(q.said)?.[0]
  if (day) return { outcome: refuse(REASONS.aDay(day)), understood: shown(q, null), places: [] }
  const resolved = placesOf(index, q)
  if ('reason' in resolved) return { outcome: resolved, understood: shown(q, resolved.asked), places: [] }
  const { places, absent, inferred } = resolved
  const place = places[0] ?? null
  const keyed = places.map(({ key, name }) => ({ key, name }))
  const understood = shown(q, q.series ? places.map((p) => p.name).join('、') || null : (place?.name ?? null), {
    ...(q.indicator ? { indicator: indicatorLabel(q.indicator, place?.national ?? false) } : {}),
    ...(inferred ? { placeInferred: true } : {}),
    ...(q.series ? { places: places.map((p) => p.name), years: q.time.years } : {}),
  })
  if (q.indicator && !q.passage && q.series && places.length > 0)
    return { outcome: answerSeries(index, q, places, absent, q.level !== null), understood, places: keyed }
  if (absent.length > 0)
    return { outcome: refuse(REASONS.noReports(absent[0]!)), understood: { ...understood, place: absent[0]! }, places: keyed }
  const delivered = q.time.delivered
  if (place && delivered !== null && reportsAsked(index, q, place.key).length === 0) {
    const held = index.reportsOf(place.key).flatMap((report) => report.year ?? [])
    return {
      outcome: refuse(REASONS.noYear(place.name, delivered, false, `（现有${yearList(held)}）`)),
      understood,
      places: keyed,
    }
  }
  if (q.indicator && !q.passage) {
    const at = place ?? onlyPlaceNaming(index, q)
    if ('reason' in at) return { outcome: at, understood, places: keyed }
    // A narrower question than the indicator (招商引资签约额) is read for its own words.
    const outcome = answerFigure(index, q, at, limit) ?? answerClause(index, q, at, limit)
    return { outcome, understood: { ...understood, place: at.name }, places: [{ key: at.key, name: at.name }] }
  }
  if (q.passage && place) return { outcome: answerPassage(index, q, place, limit), understood, places: keyed }
  return { outcome: answerClause(index, q, place, limit), understood, places: keyed }
}

type Resolved = { places: Place[]; absent: string[]; inferred: boolean } | (Outcome & { reason: string; asked: string | null })

/**
 * The places a question is about: the ones it names (absent ones set apart: a series lists them as
 * missing), every indexed place of the level it names (各省), the country when it names none and the
 * index holds the State Council's reports, or none (no national reports): every place may then
 * answer, if only one does.
 */
function placesOf(index: ReportIndex, q: Question): Resolved {
  const directory = index.placeDirectory()
  const fail = (reason: string, asked: string | null): Resolved => ({ ...refuse(reason), asked })
  const national = directory.national ? { key: directory.national.key, name: NATIONAL, national: true } : null
  if (q.level) {
    const level = directory.places.filter((p) => p.level === q.level).map((p) => ({ key: p.key, name: p.name, national: false }))
    return level.length > 0 ? { places: level, absent: [], inferred: false } : fail(REASONS.noLevel(q.level), null)
  }
  if (q.places.length === 0) {
    if (q.unknownPlace) return fail(REASONS.unknownPlace(q.unknownPlace), q.unknownPlace)
    return { places: national ? [national] : [], absent: [], inferred: national !== null }
  }
  const places: Place[] = []
  const absent: string[] = []
  for (const ref of q.places) {
    switch (ref.kind) {
      case 'national':
        if (!national) return fail(REASONS.noNational(), NATIONAL)
        places.push(national)
        break
      case 'absent':
        if (!q.series || !ref.known)
          return fail(ref.known ? REASONS.noReports(ref.name) : REASONS.unknownPlace(ref.name), ref.name)
        absent.push(ref.name)
        break
      case 'ambiguous':
        return fail(
          REASONS.ambiguous(
            ref.name,
            ref.options.map((o) => [...o.parents, o.name].join('')),
          ),
          ref.name,
        )
      case 'place':
        places.push({ key: ref.place.key, name: ref.place.name, national: false })
    }
  }
  if (places.length > 1 && !q.series) return fail(REASONS.onePlace(places.map((p) => p.name).join('、')), null)
  return { places, absent, inferred: false }
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
