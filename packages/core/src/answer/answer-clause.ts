import type { Hit, ReportIndex } from '../index/report-index.ts'
import { answersFor } from '../facts/report-facts.ts'
import type { Citation, ReportInfo } from '../types.ts'
import { cite, citeParagraph } from './cite.ts'
import { refuse, reportsAsked, type Outcome, type Place } from './outcome.ts'
import { pickClause, type ClausePick } from './pick-clause.ts'
import { unitFits } from '../facts/extract-facts.ts'
import { findFigures } from '../parse/figures.ts'
import { canonicalize, normalize } from '../text/segmenter.ts'
import { REASONS, yearList } from './reasons.ts'
import { answerSentence, verify } from './sentence.ts'
import type { Question } from './understand.ts'

const CANDIDATES = 12
/** Places a question naming none is searched in at most; beyond, the reply asks which place. */
export const MAX_UNPLACED = 8
/** Share of the asked words a clause must hold. */
const MIN_COVERAGE = 0.6

interface Scope {
  reports: ReportInfo[]
  /** Set when no report covers the asked year: a clause must then name that year itself. */
  yearInText: number | null
  /** No report looks back on the asked year, but one plans it: the plan answers, said as a plan. */
  planned: boolean
}

/** A question after what was done (新建了多少, 实际完成): a plan never answers it. */
const DONE = /了|实际|完成|实现|达到/

/**
 * A figure no indicator of the vocabulary names (消防安全检查多少家次, 享受低保政策的有多少户): the
 * paragraphs that hold the question's words, searched within the place, and in each the clause that
 * holds a figure and most of the words. With no place named, a single place must hold it: answering
 * from one of several would be a guess.
 */
export function answerClause(index: ReportIndex, asked: Question, place: Place | null, limit: number): Outcome {
  if (asked.terms.length === 0) return refuse(REASONS.notUnderstood())
  const who = place?.name ?? '现有'
  const subject = asked.subject || asked.terms.join('')
  const all = reportsAsked(index, asked, place?.key ?? null)
  const scope = narrow(all, asked)
  if (typeof scope === 'string') return refuse(REASONS.noPeriod(who, asked.time.period!.label, scope))
  const q = scope.planned ? { ...asked, target: true } : asked
  const allowed = new Set(scope.reports.map((report) => report.id))
  const places = place ? [place.key] : index.placesNaming(null, scope.reports)
  // No place named and many could hold it: reading them all would be slow and the answer a guess.
  if (places.length > MAX_UNPLACED) {
    const count = places.filter((key) => key !== '').length // '': reports whose place is unknown
    return refuse(REASONS.tooManyPlaces(count, null, named(index, places)))
  }
  const hits = index.searchPassages(q.terms, places, (report) => allowed.has(report.id), 60)
  const wanted = hits.filter((hit) => (q.target ? hit.paragraph.part !== 'review' : hit.paragraph.part !== 'plan'))
  const clauseOf = clauseFinder(q, scope.yearInText)

  const best = bestClause(wanted.slice(0, CANDIDATES), clauseOf)
  if (best && !place) {
    const placesWithAnswer = new Set(
      wanted
        .slice(0, CANDIDATES)
        .filter((hit) => clauseOf(hit))
        .map((hit) => hit.report.place),
    )
    if (placesWithAnswer.size > 1) {
      const related = wanted.slice(0, 3).map((hit) => citeParagraph(hit, hit.score))
      return refuse(
        REASONS.severalPlaces(
          [...placesWithAnswer]
            .filter((p) => p)
            .slice(0, 5)
            .join('、'),
          subject,
        ),
        related,
      )
    }
  }
  if (best) {
    const citations = [cite(best.hit, best.pick.span, best.pick.score), ...others(wanted, best.hit, clauseOf, limit - 1)]
    const report = best.hit.report
    const when = q.target
      ? report.planYear !== null
        ? `${report.planYear}年计划`
        : '计划'
      : scope.yearInText !== null
        ? `${report.year ?? ''}年报告`
        : (report.period?.label ?? '')
    const answer = answerSentence(report.place ?? '', when, citations[0]!.quote.text)
    if (verify(answer, citations[0]!)) return { found: true, answer, citations }
  }
  const related = hits.slice(0, 3).map((hit) => citeParagraph(hit, hit.score))
  if (scope.yearInText !== null) {
    const held = all.flatMap((report) => answersFor(report, q.target) ?? [])
    return refuse(REASONS.noYear(who, scope.yearInText, q.target, held.length > 0 ? `（现有${yearList(held)}）` : ''), related)
  }
  const plans = hits.filter((hit) => hit.paragraph.part === 'plan').slice(0, CANDIDATES)
  if (!q.target && bestClause(plans, clauseOf)) return refuse(REASONS.onlyTarget(who, subject), related)
  return refuse(REASONS.noData(who, subject, q.target), related)
}

function named(index: ReportIndex, keys: string[]): string {
  const names = keys.flatMap((key) => index.reportsOf(key)[0]?.place ?? [])
  return [...new Set(names)].slice(0, 5).join('、')
}

/** The reports that can answer for the asked year and period, or (as the held periods) why none can. */
function narrow(reports: ReportInfo[], q: Question): Scope | string {
  let yearInText: number | null = null
  const year = q.time.years[0] ?? null
  if (year !== null) {
    const covering = reports.filter((report) => answersFor(report, q.target) === year)
    const planning = reports.filter((report) => answersFor(report, true) === year)
    // No report looks back on the year: the report that plans it answers what it arranges
    // (2025年新增政府债务总规模), and a later one may still state it (由2010年的162.4亿元增加到…).
    if (covering.length > 0) reports = covering
    else if (!q.target && planning.length > 0 && !DONE.test(q.said)) return { reports: planning, yearInText, planned: true }
    else yearInText = year
  }
  const period = q.time.period
  if (period && !q.target) {
    const held = reports
    reports = reports.filter((report) => report.period?.throughMonth === period.throughMonth)
    if (reports.length === 0) {
      const labels = [...new Set(held.map((report) => report.period?.label).filter((l) => l !== undefined))]
      return labels.length > 0 ? `（现有${labels.join('、')}）` : ''
    }
  }
  return { reports, yearInText, planned: false }
}

const TARGET_SENTENCE = /预期目标|主要目标|目标是|目标为|力争|计划(?:完成|实现|达到)/

function acceptable(pick: ClausePick, hit: Hit, q: Question, yearInText: number | null): boolean {
  const text = hit.paragraph.text
  const sentence = text.slice(pick.sentence.start, pick.sentence.end)
  if (yearInText !== null && !sentence.includes(`${yearInText}年`)) return false
  // A target stated inside a review is not a result.
  if (!q.target && TARGET_SENTENCE.test(sentence)) return false
  if (pick.coverage < MIN_COVERAGE) return false
  if (q.indicator !== null) return namesWhatIsAsked(pick, text, q)
  // A table row says nothing but its label: every word asked must be in it or the table's heading
  // (猪肉产量 is not answered by the row 猪牛羊禽肉产量 万吨 19.23).
  if (!TABLE_ROW.test(text)) return true
  const context = canonicalize(`${text} ${hit.paragraph.sectionPath.at(-1) ?? ''}`)
  return q.terms.every((term) => term.length < 2 || context.includes(term))
}

/** A row of a table as documents are read (#猪肉 万吨 13.49 7.4): cells apart, no sentence. */
const TABLE_ROW = /^[^。；;，,]{1,40}\s[^。；;，,]*\d[^。；;，,]*$/

/**
 * A question narrower than its indicator (招商引资签约额, 工业固投) read clause by clause: the clause
 * must name the indicator and every narrowing word, and hold a figure of the kind asked (a rate for
 * 增长多少, the indicator's unit for 多少).
 */
function namesWhatIsAsked(pick: ClausePick, text: string, q: Question): boolean {
  const quote = canonicalize(text.slice(pick.span.start, pick.span.end))
  if (!pick.namesIndicator || !q.qualifiers.every((word) => quote.includes(word))) return false
  const percent = q.measure !== 'value' || q.indicator!.kind === 'ratio'
  return findFigures(normalize(text.slice(pick.span.start, pick.span.end))).some((f) =>
    percent ? f.unit === '%' : unitFits(q.indicator!, f.unit),
  )
}

type ClauseOf = (hit: Hit) => ClausePick | null

/** Each hit's acceptable clause, worked out once per question however often it is asked for. */
function clauseFinder(q: Question, yearInText: number | null): ClauseOf {
  const memo = new Map<Hit, ClausePick | null>()
  return (hit) => {
    let pick = memo.get(hit)
    if (pick === undefined) {
      const found = pickClause(hit.paragraph.text, q.terms, q.indicator?.name ?? null, q.measure !== 'value')
      pick = found && acceptable(found, hit, q, yearInText) ? found : null
      memo.set(hit, pick)
    }
    return pick
  }
}

function bestClause(hits: Hit[], clauseOf: ClauseOf): { hit: Hit; pick: ClausePick } | null {
  const top = hits[0]?.score ?? 1
  let best: { hit: Hit; pick: ClausePick } | null = null
  for (const hit of hits) {
    const pick = clauseOf(hit)
    if (!pick) continue
    const score = pick.score + hit.score / top
    if (!best || score > best.pick.score) best = { hit, pick: { ...pick, score } }
  }
  return best
}

function others(hits: Hit[], first: Hit, clauseOf: ClauseOf, count: number): Citation[] {
  const out: Citation[] = []
  for (const hit of hits) {
    if (out.length >= count) break
    if (hit === first) continue
    const pick = clauseOf(hit)
    if (pick) out.push(cite(hit, pick.span, pick.score))
  }
  return out
}
