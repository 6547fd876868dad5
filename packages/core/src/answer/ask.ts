import { CoreError } from '../errors.ts'
import type { Hit, ReportIndex } from '../index/report-index.ts'
import { canonicalize } from '../text/segmenter.ts'
import type { Answer, AskOptions, Citation, ReportInfo } from '../types.ts'
import { cite, citeParagraph } from './cite.ts'
import { pickClause, type ClausePick } from './pick-clause.ts'
import { understand, type Question } from './understand.ts'

export const MAX_QUESTION_LENGTH = 200
const CANDIDATES = 12
/** Places a question naming none is searched in at most; beyond, the reply asks which place. */
export const MAX_UNPLACED = 8
/** Share of the asked words a clause must hold when no known indicator was asked. */
const MIN_COVERAGE = 0.6

/**
 * Question -> the figure, from the report of the place and period asked, with its clause quoted.
 * Refuses (found: false, with a reason) rather than answer from another place, year or period, or
 * with a target when a result was asked.
 */
export function ask(index: ReportIndex, question: string, options: AskOptions = {}): Answer {
  const started = performance.now()
  const text = question.trim()
  if (text === '') throw new CoreError('INVALID_QUESTION', 'the question is empty')
  if (text.length > MAX_QUESTION_LENGTH) throw new CoreError('INVALID_QUESTION', `the question is longer than ${MAX_QUESTION_LENGTH} characters`)
  const limit = Math.min(Math.max(options.limit ?? 3, 1), 10)
  const q = understand(text, index.placeAliases())
  const result = answerQuestion(index, q, limit)
  const { unknownPlace: _unknown, throughMonth: _month, rate: _rate, subject: _subject, ...understood } = q
  return { question: text, ...result, understood, tookMs: Math.round((performance.now() - started) * 100) / 100 }
}

type Outcome = Pick<Answer, 'found' | 'answer' | 'reason' | 'citations' | 'related'>

interface Scope {
  reports: ReportInfo[]
  /** Set when no report covers the asked year: a clause must then name that year itself. */
  yearInText: number | null
}

function refuse(reason: string, related: Citation[] = []): Outcome {
  return { found: false, answer: null, reason, citations: [], ...(related.length > 0 ? { related } : {}) }
}

function answerQuestion(index: ReportIndex, q: Question, limit: number): Outcome {
  if (q.unknownPlace) return refuse(`没有${q.unknownPlace}的报告`)
  if (q.terms.length === 0) return refuse('没有看懂要查什么：请写明地点和指标，例如“牛塘镇上半年固定资产投资多少”')
  const who = q.place ?? '现有'
  const subject = q.subject || q.terms.join('')

  const scope = narrow(index.reportsOf(q.place), q)
  if (typeof scope === 'string') return refuse(`${who}${scope}`)
  const allowed = new Set(scope.reports.map((report) => report.id))
  const places = q.place ? [q.place] : index.placesNaming(q.indicator, scope.reports)
  // No place named and many could hold it: reading them all would be slow and the answer a guess.
  if (places.length > MAX_UNPLACED) {
    const count = places.filter((place) => place !== '').length // '': reports whose place is unknown
    return refuse(`请指明地点：${q.indicator ? `${count}个地方的报告都提到${subject}` : `现有${count}个地方的报告`}，例如${named(places)}`)
  }
  const hits = index.searchPassages(q.terms, places, (report) => allowed.has(report.id), 60)
  const wanted = hits.filter((hit) => (q.target ? hit.paragraph.part !== 'review' : hit.paragraph.part !== 'plan'))
  // One finder serves every lookup below; the plan lookup only runs when yearInText is null.
  const clauseOf = clauseFinder(q, scope.yearInText)

  const best = bestClause(wanted.slice(0, CANDIDATES), clauseOf)
  if (best && q.place === null) {
    // No place named: answering from one of several would be a guess.
    const placesWithAnswer = new Set(wanted.slice(0, CANDIDATES).filter((hit) => clauseOf(hit)).map((hit) => hit.report.place))
    if (placesWithAnswer.size > 1) {
      const related = wanted.slice(0, 3).map((hit) => citeParagraph(hit, hit.score))
      return refuse(`请指明地点：${named([...placesWithAnswer])}等的报告中都有${subject}`, related)
    }
  }
  if (best) {
    const citations = [cite(best.hit, best.pick.span, best.pick.score), ...others(wanted, best.hit, clauseOf, limit - 1)]
    const answer = answerSentence(best.hit.report, citations[0]!, q, scope.yearInText)
    if (verify(answer, citations[0]!)) return { found: true, answer, citations }
  }
  const related = hits.slice(0, 3).map((hit) => citeParagraph(hit, hit.score))
  if (scope.yearInText !== null) return refuse(`没有${who}${scope.yearInText}年${q.target ? '的计划' : '的报告'}${heldYears(index.reportsOf(q.place))}`, related)
  const plans = hits.filter((hit) => hit.paragraph.part === 'plan').slice(0, CANDIDATES)
  if (!q.target && bestClause(plans, clauseOf)) return refuse(`${who}的报告中只有${subject}的目标或计划，没有完成情况`, related)
  return refuse(`${who}的报告中没有${subject}${q.target ? '的目标' : '的数据'}`, related)
}

function named(places: (string | null)[]): string {
  return places.filter((place) => place).slice(0, 5).join('、')
}

/** The reports that can answer for the asked year and period, or why none can. */
function narrow(reports: ReportInfo[], q: Question): Scope | string {
  let yearInText: number | null = null
  if (q.year !== null) {
    const covering = reports.filter((report) => answersFor(report, q.target) === q.year)
    // No report covers the year: a later one may still state it (由2010年的162.4亿元增加到…).
    if (covering.length > 0) reports = covering
    else yearInText = q.year
  }
  if (q.throughMonth !== null && !q.target) {
    const held = reports
    reports = reports.filter((report) => report.period?.throughMonth === q.throughMonth)
    if (reports.length === 0) return `的报告没有${q.period}的数据${heldPeriods(held)}`
  }
  return { reports, yearInText }
}

/** The year a report answers for: the one its review covers, or for a target, the year planned. */
function answersFor(report: ReportInfo, target: boolean): number | null {
  return target ? report.planYear : (report.period?.year ?? report.year)
}

function heldYears(reports: ReportInfo[]): string {
  const years = [...new Set(reports.map((report) => report.period?.year).filter((y) => y !== undefined))].sort()
  return years.length > 0 ? `（现有${years.map((y) => `${y}年`).join('、')}）` : ''
}

function heldPeriods(reports: ReportInfo[]): string {
  const labels = [...new Set(reports.map((report) => report.period?.label).filter((l) => l !== undefined))]
  return labels.length > 0 ? `（现有${labels.join('、')}）` : ''
}

const TARGET_SENTENCE = /预期目标|主要目标|目标是|目标为|力争|计划(?:完成|实现|达到)/

function acceptable(pick: ClausePick, text: string, q: Question, yearInText: number | null): boolean {
  const sentence = text.slice(pick.sentence.start, pick.sentence.end)
  if (yearInText !== null && !sentence.includes(`${yearInText}年`)) return false
  // A target stated inside a review is not a result.
  if (!q.target && TARGET_SENTENCE.test(sentence)) return false
  return q.indicator ? pick.namesIndicator : pick.coverage >= MIN_COVERAGE
}

type ClauseOf = (hit: Hit) => ClausePick | null

/** Each hit's acceptable clause, worked out once per question however often it is asked for. */
function clauseFinder(q: Question, yearInText: number | null): ClauseOf {
  const memo = new Map<Hit, ClausePick | null>()
  return (hit) => {
    let pick = memo.get(hit)
    if (pick === undefined) {
      const found = pickClause(hit.paragraph.text, q.terms, q.indicator, q.rate)
      pick = found && acceptable(found, hit.paragraph.text, q, yearInText) ? found : null
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

/** 牛塘镇2022年上半年：固定资产投资21.95亿元，同比增长13%。 */
function answerSentence(report: ReportInfo, citation: Citation, q: Question, yearInText: number | null): string {
  const when = q.target
    ? report.planYear !== null ? `${report.planYear}年计划` : '计划'
    : yearInText !== null ? `${report.year ?? ''}年报告` : (report.period?.label ?? '')
  const body = citation.quote.text
    .replace(/^(?:(?:19|20)\d{2}年|今年|上半年|1[-—–]\d{1,2}月(?:份)?|全年|年初以来|今年以来)+[，,]?/, '')
    .replace(/^(?:全镇|全乡|全县|全区|全市|全省|我镇|我县|我区|我市)/, '')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
  return `${report.place ?? ''}${when}：${body}。`
}

const NUMBER = /\d+(?:\.\d+)?/g

/**
 * The last check before an answer leaves: the quote lies in the paragraph at its offsets, and every
 * number of the answer past its place-and-period label is in the quote.
 */
export function verify(answer: string, citation: Citation): boolean {
  const { quote, text } = citation
  if (text.slice(quote.start, quote.end) !== quote.text) return false
  const body = answer.slice(answer.indexOf('：') + 1)
  const quoted = new Set(canonicalize(quote.text).match(NUMBER) ?? [])
  return (canonicalize(body).match(NUMBER) ?? []).every((n) => quoted.has(n))
}
