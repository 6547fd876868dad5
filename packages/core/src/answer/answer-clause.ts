import type { Hit, ReportIndex } from '../index/report-index.ts'
import { answersFor } from '../facts/report-facts.ts'
import type { Citation, ReportInfo } from '../types.ts'
import { cite, citeParagraph } from './cite.ts'
import { refuse, reportsAsked, type Outcome, type Place } from './outcome.ts'
import { pickClauses, type ClausePick } from './pick-clause.ts'
import { TRADE_PARTNERS, unitFits } from '../facts/extract-facts.ts'
import { findFigures } from '../parse/figures.ts'
import { YEAR_DIGITS } from '../parse/numbers.ts'
import { splitClauses } from '../parse/clauses.ts'
import { canonicalize, normalize } from '../text/segmenter.ts'
import { REASONS, yearList } from './reasons.ts'
import { answerSentence, verify } from './sentence.ts'
import { asking, type Question } from './understand.ts'

const CANDIDATES = 12
/** Clauses of a paragraph weighed, best first, until one is acceptable. */
const CLAUSES = 3
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

/** Hits without the .docx copies of paragraphs a text file of the same report also has. */
function asPublished(hits: Hit[]): Hit[] {
  const texts = new Set(hits.filter((hit) => !DOCX.test(hit.report.source)).map((hit) => hit.paragraph.text))
  return hits.filter((hit) => !DOCX.test(hit.report.source) || !texts.has(hit.paragraph.text))
}

const DOCX = /\.docx$/i

/** Words of a paragraph about five years together (过去五年, “十三五”时期). */
const FIVE_YEARS =
  /过去五年|(?:一年)?和五年|五年来|五年间|今后五年|未来五年|[“"]?十[一二三四五]五[”"]?(?:时期|期间)|第[一二三四五六七八九十]个五年(?:计划)?(?:时期|期间|内)/

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
  const inPart = hits.filter((hit) => (q.target ? hit.paragraph.part !== 'review' : hit.paragraph.part !== 'plan'))
  // 十三五期间: paragraphs that speak of the five years come first.
  const spanned = spanAsked(q) ? inPart.filter((hit) => FIVE_YEARS.test(hit.paragraph.text)) : []
  const wanted = asPublished([...spanned, ...inPart.filter((hit) => !spanned.includes(hit))])
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
    // 2018至2022年 asked: the answer is for the span (十三五期间 is answered for the report's years).
    const span = q.time.plan ? null : spanAsked(q)
    const when = q.target
      ? report.planYear !== null
        ? `${report.planYear}年计划`
        : '计划'
      : scope.yearInText !== null
        ? `${report.year ?? ''}年报告`
        : span
          ? `${span.from}—${span.to}年`
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
  // 十三五期间, 2018至2022年: its results are looked back on at its end; its targets set at its start.
  const span = spanAsked(q)
  const year = q.time.years[0] ?? (span ? (q.target ? span.from : span.to) : null)
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

/** A span of years asked for one figure (十三五期间, 2018至2022年改造了多少), not a series. */
function spanAsked(q: Question): { from: number; to: number } | null {
  return q.time.years.length === 0 && !q.time.all ? q.time.range : null
}

const TARGET_SENTENCE =
  /预期目标|主要目标|目标是|目标为|力争|计划(?:完成|实现|达到)|可能(?:进一步|再)?(?:降到|降至|达到|增长到|提高到|超过)/

function acceptable(pick: ClausePick, hit: Hit, q: Question, yearInText: number | null): boolean {
  const text = hit.paragraph.text
  const sentence = text.slice(pick.sentence.start, pick.sentence.end)
  if (yearInText !== null && !names(sentence, yearInText)) return false
  // A target stated inside a review is not a result.
  if (!q.target && TARGET_SENTENCE.test(sentence)) return false
  // A year asked, and a paragraph looking back on five (过去五年…退出钢铁产能1.7亿吨): not that year's.
  const year = q.time.years[0]
  if (year !== undefined && !q.time.plan && aboutFiveYears(text.slice(0, pick.sentence.end)) && !names(sentence, year))
    return false
  // A span asked: a sentence looking back over several years (过去五年…16.7万个, 2018年以来), not one year's figure.
  const span = spanAsked(q)
  if (
    span &&
    !q.target &&
    !names(sentence, span.from) &&
    !aboutFiveYears(`${hit.paragraph.sectionPath.join('。')}。${text.slice(0, pick.sentence.end)}`)
  )
    return false
  // Half-width, so that full-width digits (５１６亿美元) read as figures.
  const quote = normalize(text.slice(pick.span.start, pick.span.end))
  // A year asked, and a quote of another year (一九五七年…完成了 for 1958年拟定): not its figure.
  if (year !== undefined && YEAR_IN.test(quote) && !names(quote, year)) return false
  // One year asked: a yearly average over a plan (这五年计划安排平均每年有财政赤字三十亿元左右) is not its figure.
  if (year !== undefined && q.measure === 'value' && /平均每年|每年平均|年均/.test(quote)) return false
  if (!unitAsked(quote, q.said)) return false
  // Money put in (投了多少) is an outlay or a fund, never a loan given out (新发放扶贫贷款1.61亿元).
  if (/投(?:入)?了?多少/.test(q.said) && !/投|资金/.test(quote)) return false
  // 增长了百分之几, 增速: a rate, never an amount (城乡居民储蓄存款余额198亿元).
  // (参合率达到多少: a rate too.)
  if (/百分之|百分点|增速|增幅|涨幅|几个点|率(?:是|为|达到|达|有|在)?多少/.test(q.said) && !/[%％‰]|百分/.test(quote))
    return false
  // And the reverse: an amount of money asked (实际使用的国外资金有多少) is never a rate alone (比上年增长３５．７％).
  const figures = findFigures(quote)
  if (
    q.measure === 'value' &&
    /资金|金额|钱|投资|收入|总额|产值|美元|元|亿/.test(q.said) &&
    !/率|比重|比例|占|百分|指数|涨|增速|增幅|几成/.test(q.said) &&
    figures.length > 0 &&
    figures.every((figure) => figure.unit === '%' || figure.unit === '‰' || figure.unit.includes('百分点'))
  )
    return false
  if (!ownFigure(quote, q.terms)) return false
  if (q.indicator !== null) return namesWhatIsAsked(pick, text, q)
  if (!namesTheThing(pick, text, q)) return false
  // A table row says nothing but its label: every word asked must be in it or the table's heading
  // (猪肉产量 is not answered by the row 猪牛羊禽肉产量 万吨 19.23).
  if (!TABLE_ROW.test(text)) return true
  const context = canonicalize(`${text} ${hit.paragraph.sectionPath.at(-1) ?? ''}`)
  return q.terms.every((term) => term.length < 2 || context.includes(term))
}

/** Whether a text names a year, in digits (full-width too) or in Chinese (一九八二年). */
function names(text: string, year: number): boolean {
  text = normalize(text)
  const chinese = [...String(year)].map((d) => (d === '0' ? '[〇零O○0]' : '零一二三四五六七八九'[Number(d)])).join('')
  return text.includes(`${year}年`) || new RegExp(`${chinese}年`).test(text)
}

/** Whether the last span of time a text names is five years (过去五年, “十四五”时期), not one (2025年, 一年来). */
function aboutFiveYears(text: string): boolean {
  const last = (pattern: RegExp): number => Math.max(-1, ...[...text.matchAll(pattern)].map((m) => m.index))
  return last(new RegExp(FIVE_YEARS.source, 'g')) > last(ONE_YEAR)
}

/** A year written out: 2023年, 一九五七年. */
const YEAR_IN = new RegExp(`(?:${YEAR_DIGITS})年`)

const ONE_YEAR = /(?:19|20)\d{2}年(?!以来|至|到|—|-)|过去一年|一年来|去年|今年/g

/** Units a question asks in (多少钱, 多少户, 多少公里) and the figures that are in them. */
/** A number in digits or in Chinese numerals (七百多万人), as the unit patterns below take it. */
const NUMBER = String.raw`(?:\d[\d.]*|[一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千]*)`
const ASKED_UNITS: [RegExp, RegExp][] = [
  [/多少钱|投了?多少|资金多少|花了?多少/, new RegExp(String.raw`${NUMBER}\s*[余多]?(?:万亿|亿|千万|万)?[余多]?元`)],
  [/多少(?:户|家庭)/, new RegExp(String.raw`${NUMBER}\s*[余多]?万?[余多]?户`)],
  // 64.8万贫困人口稳定脱贫: people counted before what they are.
  [/多少人|多少名/, new RegExp(String.raw`${NUMBER}\s*[余多]?万?[余多]?(?:人|名|\p{Script=Han}{0,4}人口)`, 'u')],
  [/多少(?:公里|千米)/, new RegExp(String.raw`${NUMBER}\s*[余多]?(?:万)?[余多]?(?:公里|千米)`)],
  [/多少亩/, new RegExp(String.raw`${NUMBER}\s*[余多]?万?[余多]?亩`)],
  [/产了多少|打了?多少|收了多少/, new RegExp(String.raw`${NUMBER}\s*[余多]?(?:万|亿)?[余多]?(?:吨|斤|公斤)`)],
  [/多少(?:吨|斤)/, new RegExp(String.raw`${NUMBER}\s*[余多]?(?:万|亿)?[余多]?(?:吨|斤|公斤)`)],
]

/** Whether the quote has a figure in the unit the question asks in, when it asks in one. */
function unitAsked(quote: string, said: string): boolean {
  const asked = ASKED_UNITS.find(([question]) => question.test(said))
  if (asked) return asked[1].test(quote)
  // 多少辆, 多少台: a count in that unit (投资161亿元的长城汽车产业园 is no number of cars).
  const counted = /多少(辆|台|套|座|所|条|艘|架|头|只|件|项|处|张|床)/.exec(said)?.[1]
  return !counted || new RegExp(String.raw`${NUMBER}\s*[余多]?(?:万|亿)?[余多]?${counted}`).test(quote)
}

/**
 * Whether a figure of the quote is what the asked words are, not something else they qualify
 * (总规模1000亿元的三大先导产业母基金) or the ones a measure reaches (惠及经营主体14.6万户次).
 */
function ownFigure(quote: string, terms: string[]): boolean {
  const named = terms.filter((term) => !asking(term))
  const first = Math.min(...named.map((term) => quote.indexOf(term)).filter((at) => at >= 0))
  if (!Number.isFinite(first)) return true
  const before = quote.slice(0, first)
  if (/(?:惠及|覆盖|帮扶|吸纳|服务|受益)$/.test(before)) return false
  // Every figure before the asked words, each one an attribute (总规模1000亿元的…) of a thing that is
  // not what was asked (三大先导产业母基金, where 两年投资计划 and 改造任务 are).
  const figures = [...quote.matchAll(/\d[\d.]*[余多]?(?:万亿|亿|千万|万)?[余多]?(?:美元|元|人|户|个|家|吨|斤|亩|公里|平方米)?/g)]
  // (No figure in digits: one in Chinese numerals, 七百多万人, which is no attribute.)
  return (
    figures.length === 0 ||
    !figures.every((f) => {
      const after = f.index + f[0].length
      if (f.index >= first || quote[after] !== '的') return false
      const thing = quote
        .slice(after + 1)
        .split(/[，,。；;、和与及]/)[0]!
        .replace(/(?:任务|工程|项目|行动|计划|目标)$/, '')
      return !named.some((term) => thing.endsWith(term))
    })
  )
}

/** Words that say what happened to a thing, not which thing (提高, 新建): a clause may word them otherwise. */
const DOING =
  /^(?:整改|提高|增长|增加|新增|达到|完成|实现|下降|减少|降低|新建|建成|改造|改建|建设|投入|安排|发放|累计|共计|开展|实施|推进|提升|扩大|突破)$/

/**
 * Whether a clause names the thing asked, not a neighbour of it: a word naming it stands in the
 * quote, or before it with no other figure between (2002年高等学校在校生1600万人 does not answer
 * 高考录取率, named before 从36%提高到59%); the stage asked, a rate asked and a part of a breakdown
 * are the quote's own (below); and where the sentence has the last of the words, it has the word
 * the question writes onto it too (天然气产量 does not answer 原油产量).
 */
function namesTheThing(pick: ClausePick, text: string, q: Question): boolean {
  const things = q.terms.filter((term) => term.length >= 2 && !asking(term) && !DOING.test(term) && !UNIT_WORD.test(term))
  if (things.length === 0) return true
  const lead = normalize(text.slice(pick.sentence.start, pick.span.start))
  const from = findFigures(lead).at(-1)?.end ?? 0
  const near = canonicalize(text.slice(pick.sentence.start + from, pick.span.end))
  if (!things.some((term) => near.includes(term))) return false
  // What was done to it, when the quote says what: 基本建成432万套 does not answer 新开工了多少套.
  const done = ACTIVITY.exec(q.said)?.[0]
  const quoted = text.slice(pick.span.start, pick.span.end)
  if (done && !quoted.includes(done) && ACTIVITY.test(quoted)) return false
  // A rate asked (覆盖率, 接种率) is named by the quote itself: 推广下载安装“反诈APP”3.38万人次 is not 反诈APP覆盖率.
  if (things.some((term) => /率$/.test(term) && !near.includes(term))) return false
  // A word asked that the breakdown after the quote states its own figure for (其中…中蒙药材2.6万亩)
  // is that part's, not the whole's (特色作物种植面积突破11万亩).
  const rest = text.slice(pick.span.end, pick.sentence.end)
  const breakdown = rest.indexOf('其中')
  const later =
    breakdown < 0
      ? []
      : splitClauses(rest.slice(breakdown)).map((c) => normalize(rest.slice(breakdown + c.start, breakdown + c.end)))
  if (
    things.some((term) => !near.includes(term) && later.some((c) => canonicalize(c).includes(term) && findFigures(c).length > 0))
  )
    return false
  const [modifier, head] = things.slice(-2)
  if (!modifier || !head || !q.said.includes(modifier + head)) return true
  const sentence = canonicalize(text.slice(pick.sentence.start, pick.sentence.end))
  return !sentence.includes(head) || sentence.includes(modifier)
}

/** Stages of building something: one never answers for another. */
const ACTIVITY = /新开工|开工|竣工|建成|新建|改建|改造|开通|通车|交付|投产|签约|落地/

const UNIT_WORD = /^(?:公里|千米|平方米|平方公里|公顷|立方米|千瓦|人次|户次|家次|万元|亿元)$/

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
  // A word written onto what follows it (工业投资) stays onto it where that is quoted: 工业技改投资 is another investment.
  // 对共建“一带一路”国家和地区货物进出口额: the trade with them, not the place's own.
  if (TRADE_PARTNERS.test(text.slice(pick.span.start, pick.span.end))) return false
  const said = canonicalize(q.said)
  for (const word of q.qualifiers) {
    const next = new RegExp(`${escape(word)}(\\p{Script=Han}{2})`, 'u').exec(said)?.[1]
    if (next && quote.includes(next) && !quote.includes(word + next)) return false
  }
  const percent = q.measure !== 'value' || q.indicator!.kind === 'ratio'
  return findFigures(normalize(text.slice(pick.span.start, pick.span.end))).some((f) =>
    percent ? f.unit === '%' : unitFits(q.indicator!, f.unit),
  )
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

type ClauseOf = (hit: Hit) => ClausePick | null

/** Each hit's acceptable clause, worked out once per question however often it is asked for. */
function clauseFinder(q: Question, yearInText: number | null): ClauseOf {
  const memo = new Map<Hit, ClausePick | null>()
  return (hit) => {
    let pick = memo.get(hit)
    if (pick === undefined) {
      // The best clause, or the next best when it is not acceptable (其中…中蒙药材2.6万亩 after the whole's 11万亩).
      // Clauses too far from the words asked are never acceptable, nor take a place among the few weighed.
      const found = pickClauses(hit.paragraph.text, q.terms, q.indicator?.name ?? null, q.measure !== 'value')
        .filter((candidate) => candidate.coverage >= MIN_COVERAGE)
        .slice(0, CLAUSES)
      pick = found.find((candidate) => acceptable(candidate, hit, q, yearInText)) ?? null
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
