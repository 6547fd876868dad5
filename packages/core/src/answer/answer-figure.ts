import type { Hit, ReportIndex } from '../index/report-index.ts'
import { answersFor } from '../facts/report-facts.ts'
import { clausesAfter, splitClauses } from '../parse/clauses.ts'
import { indicatorLabel, indicatorMentions } from '../text/indicators.ts'
import { canonicalize, normalize } from '../text/segmenter.ts'
import type { Citation, Fact, ReportInfo } from '../types.ts'
import { cite } from './cite.ts'
import { extendQuote } from './pick-clause.ts'
import { MEASURE_NAMES, REASONS, yearList } from './reasons.ts'
import { answerSentence, verify } from './sentence.ts'
import type { Question } from './understand.ts'
import { refuse, reportsAsked, type Outcome, type Place } from './outcome.ts'

/** A fact with the hit (report and paragraph) it was read from. */
export interface Found {
  hit: Hit
  fact: Fact
}

/** Facts of `q.indicator` in `reports` of `place` (of the period asked, when one is). */
export function factsOf(index: ReportIndex, q: Question, place: Place, reports: ReportInfo[]): Found[] {
  const ids = new Set(reports.map((report) => report.id))
  return index.factsOf(place.key, indicatorsAsked(q), (report) => ids.has(report.id))
}

/** The indicator asked and those it accepts (特别国债: 超长期特别国债). */
export function indicatorsAsked(q: Question): string[] {
  return [q.indicator!.name, ...(q.indicator!.accepts ?? [])]
}

/**
 * The figure of an indicator for a place and year, read from the facts of its reports: the result
 * or the target asked, the level or the growth asked, of the year asked (the latest when none is).
 * A fact from the report that reviews that year comes before one a later report restates; the
 * indicator in its own words before a looser one (财政收入); the first statement in a report before
 * later ones. When no fact fits, the reason says what the reports do give.
 */
export function answerFigure(index: ReportIndex, q: Question, place: Place, limit: number): Outcome | null {
  // A span of years asked for one figure (2018到2022年年均增长, 十三五期间): the figure stated at its end.
  const year = q.time.years[0] ?? q.time.range?.to ?? null
  const all = reportsAsked(index, q, place.key)
  const period = q.time.period
  const reports = period && !q.target ? all.filter((report) => report.period?.throughMonth === period.throughMonth) : all
  if (reports.length === 0) return refuse(REASONS.noPeriod(place.name, period!.label, heldPeriods(all)))
  // A budget figure (赤字, 专项债券) asked without 目标 or 实际 is the one set in the plan, or else the result.
  const either = q.indicator?.budget === true && !/目标|计划|预算|拟|实际|完成/.test(q.said)
  // A result of a year is stated by a report of that year or later: earlier ones are not read (全国's 2015 figure: 11 of 70).
  const readable = year !== null && !q.target && !either ? reports.filter((r) => r.year === null || r.year >= year) : reports
  const found = factsOf(index, q, place, readable)
  const subject = indicatorLabel(q.indicator!, place.national)
  const forYear = found.filter(({ fact }) => fact.year !== null && (year === null || fact.year === year))
  const wantedOf = (list: Found[]): Found[] =>
    either ? [...wantedFacts(list, { ...q, target: true }), ...wantedFacts(list, { ...q, target: false })] : wantedFacts(list, q)
  // The indicator named as asked (特别国债) before one it accepts (超长期特别国债).
  const named = wantedOf(forYear.filter(({ fact }) => fact.indicator === q.indicator!.name))
  const wanted = named.length > 0 ? named : wantedOf(forYear)
  // Words that narrow it, or a change the facts do not state (多少农村贫困人口脱贫): read for its own words.
  if ((q.qualifiers.length > 0 || q.measure === 'change') && wanted.length === 0) return null
  // A measure kept across a change of indicator (增速 before, 粮食产量呢 now): the level, when the rate is not given.
  if (wanted.length === 0 && q.kept.includes('measure?'))
    return answered(
      answerFigure(index, { ...q, measure: 'value', kept: q.kept.filter((k) => k !== 'measure?') }, place, limit),
      'value',
    )
  // 控制在多少 asks what a figure was held to, or is to be held to: the result, else the target.
  if (wanted.length === 0 && !q.target && /控制在/.test(q.said) && !/实际/.test(q.said))
    return answerFigure(index, { ...q, target: true }, place, limit)
  // GDP预期目标, asking no amount: a target set only as growth is the answer (GDP目标是多少 asks the amount).
  const growth = { ...q, measure: 'growth' as const }
  if (
    wanted.length === 0 &&
    q.target &&
    q.measure === 'value' &&
    !/多少|几|总量|总额|规模|多大|达到|突破/.test(q.said) &&
    wantedFacts(forYear, growth).length > 0
  )
    return answered(answerFigure(index, growth, place, limit), 'growth')
  const best = pick(wanted, year, q.target || either)
  if (best) {
    const citations = [
      citeFact(best, q.qualifiers.length > 0),
      ...others(wanted, best)
        .slice(0, limit - 1)
        .map((found) => citeFact(found)),
    ]
    const when = best.fact.target
      ? `${best.fact.year}年目标`
      : best.fact.year === best.hit.report.period?.year
        ? best.hit.report.period.label
        : `${best.fact.year}年`
    const answer = answerSentence(best.hit.report.place ?? place.name, when, citations[0]!.quote.text)
    if (verify(answer, citations[0]!)) return { found: true, answer, citations }
  }
  const yearText = year === null ? '' : `${year}年`
  const related = (list: Found[]): Citation[] => list.slice(0, 3).map((found) => citeFact(found))
  const other = pick(
    forYear.filter(
      ({ fact }) =>
        fact.target === q.target && fact.measure !== q.measure && (fact.measure === 'value' || fact.measure === 'growth'),
    ),
    year,
    q.target,
  )
  if (other) {
    const quote = citeFact(other).quote.text
    return refuse(
      REASONS.otherMeasure(
        place.name,
        `${year ?? other.fact.year}年${subject}`,
        `${MEASURE_NAMES[other.fact.measure]}（${quote}）`,
        MEASURE_NAMES[q.measure],
      ),
      related([other]),
    )
  }
  const otherKind = pick(
    forYear.filter(({ fact }) => fact.target !== q.target && fact.measure === q.measure),
    year,
    !q.target,
  )
  if (otherKind)
    return refuse(
      q.target
        ? REASONS.onlyResult(place.name, `${yearText}${subject}`)
        : REASONS.onlyTarget(place.name, `${yearText}${subject}`),
      related([otherKind]),
    )
  // 2013年提出到2021年…: the report of 2013 is there, without that figure.
  if (q.time.delivered !== null)
    return refuse(REASONS.noData(`${place.name}${q.time.delivered}年`, `${yearText}${subject}`, q.target), related(found))
  if (year !== null && !all.some((report) => answersFor(report, q.target) === year)) {
    const held = all.flatMap((report) => answersFor(report, q.target) ?? [])
    return refuse(REASONS.noYear(place.name, year, q.target, held.length > 0 ? `（现有${yearList(held)}）` : ''))
  }
  return refuse(
    REASONS.noData(`${place.name}${yearText}`, subject, q.target),
    related(found.filter(({ fact }) => fact.measure === q.measure)),
  )
}

/** An outcome of another measure than the one asked, marked so when found. */
function answered(outcome: Outcome | null, measure: Question['measure']): Outcome | null {
  return outcome?.found ? { measure, ...outcome } : outcome
}

/**
 * The facts that answer what `q` asks of them: result or target, the measure asked, and every word
 * that narrows the indicator (脱贫地区农村居民收入: the country's figure does not answer for it).
 */
export function wantedFacts(found: Found[], q: Question): Found[] {
  return found.filter(
    (f) => f.fact.year !== null && f.fact.target === q.target && f.fact.measure === q.measure && bears(f, q.qualifiers),
  )
}

/** Whether a fact's quote (or the words right before it, or its `aside`) bears every word that narrows the question. */
function bears(found: Found, qualifiers: string[]): boolean {
  if (qualifiers.length === 0) return true
  const { quote } = found.fact
  // (The quote to its end: 10.8万农村贫困人口实现稳定脱贫 names what it counts after the figure.)
  const near = canonicalize(found.hit.paragraph.text.slice(Math.max(0, quote.start - 10), Math.max(quote.end, aside(found))))
  // A lone character the segmenter left of the question (去 of 去年去新疆旅游的人) narrows nothing here.
  return qualifiers.every((word) => word.length < 2 || near.includes(word))
}

/**
 * Where what a figure is for ends: the clauses after it that state no other figure or indicator
 * (拟发行特别国债5000亿元，支持国有大型商业银行补充资本).
 */
function aside({ hit, fact }: Found): number {
  const text = hit.paragraph.text
  let end = fact.end
  for (const clause of splitClauses(text)) {
    if (clause.start < fact.end) continue
    const words = text.slice(clause.start, clause.end)
    if (/[。！？]/.test(text.slice(end, clause.start)) || /\d/.test(words) || indicatorMentions(normalize(words)).length > 0)
      break
    end = clause.end
  }
  return end
}

/** The best of `list` (see `answerFigure`); with no year asked, of the latest year stated. */
export function pick(list: Found[], year: number | null, target: boolean): Found | null {
  if (list.length === 0) return null
  const latest = year ?? Math.max(...list.map(({ fact }) => fact.year!))
  const ofYear = list.filter(({ fact }) => fact.year === latest)
  return (
    ofYear.sort(
      (a, b) => rank(a, latest, target) - rank(b, latest, target) || a.hit.index - b.hit.index || a.fact.start - b.fact.start,
    )[0] ?? null
  )
}

function rank({ hit, fact }: Found, year: number, target: boolean): number {
  let rank = 0
  if (answersFor(hit.report, target) !== year) rank += 8 // restated by another year's report
  if (!fact.exact) rank += 4
  if (target ? fact.part !== 'plan' : fact.part !== 'review') rank += 2
  if (/\.docx$/i.test(hit.report.source)) rank += 1 // the same report as text reads as published
  return rank - Math.min(hit.report.paragraphCount, 999) / 1000 // the full report before a digest of it
}

/** Facts of other paragraphs saying the same: the same report indexed twice, or restated later. */
function others(wanted: Found[], best: Found): Found[] {
  const seen = new Set([`${best.hit.report.id}#${best.hit.index}`])
  return wanted.filter(({ hit, fact }) => {
    const key = `${hit.report.id}#${hit.index}`
    if (seen.has(key) || fact.year !== best.fact.year || fact.figure !== best.fact.figure) return false
    seen.add(key)
    return true
  })
}

/** Clauses after a fact's own that may carry its quote on (,同比增长13%，居全省第3位). */
const CARRIED = 6

/** The citation of a fact; asked with words that narrow it, its quote runs on to say what it is for. */
export function citeFact(found: Found, narrowed = false): Citation {
  const { hit, fact } = found
  const text = hit.paragraph.text
  // (Only the few clauses after the quote can carry it on: a series cites hundreds of facts.)
  const quote = extendQuote(text, clausesAfter(text, fact.quote.end, CARRIED), fact.quote)
  return cite(hit, narrowed ? { start: quote.start, end: Math.max(quote.end, aside(found)) } : quote, hit.score)
}

function heldPeriods(reports: ReportInfo[]): string {
  const labels = [...new Set(reports.map((report) => report.period?.label).filter((l) => l !== undefined))]
  return labels.length > 0 ? `（现有${labels.join('、')}）` : ''
}
