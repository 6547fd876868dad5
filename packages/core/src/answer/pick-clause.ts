import { splitClauses, splitSentences, type Span } from '../parse/clauses.ts'
import { canonicalizeSpans } from '../text/segmenter.ts'
import { INDICATOR_LIST } from '../text/indicators.ts'

export interface ClausePick {
  /** The quote: the best clause, with the clauses that continue its figure (同比增长13%). */
  span: Span
  /** The sentence the quote stands in. */
  sentence: Span
  /** Weighted share of the query terms found in the clause and its sentence (0-1). */
  coverage: number
  /** Whether the indicator asked for is named in the clause or just before it in its sentence. */
  namesIndicator: boolean
  score: number
}

/** A figure, in digits or in Chinese numerals (六百七十五亿元, 七百多万人, 百分之十一点八); 万吨 alone is a unit. */
const FIGURE =
  /\d|百分之|[零一二三四五六七八九两十百千][零一二三四五六七八九十百千两万亿]*(?:[多余][万亿]?)?(?:元|吨|公斤|斤|人|户|亩|个|家)/
/** The count of a list (棚户区改造、基础设施完善…等5项工程): not a figure of any item in it. */
const LIST_COUNT = /等\d+(?:项|个|类|大|件|条|方面)/g
const TIME_ONLY = /^(?:(?:19|20)\d{2}年(?:底|末)?|今年|去年|全年|上半年)$/
const CONTINUES = /^(?:同比|比上年|比去年|较上年|较去年|比\d|增长|下降|增幅|减少|提高|占|位居|排名|居全|达到\d|达\d|总量)/

export function termWeight(term: string, indicator: string | null): number {
  if (indicator && term === indicator) return 4
  return term.length === 1 ? 0.3 : term.length === 2 ? 1 : 1.5
}

/** The clause of `text` that best answers the terms: it holds a figure and names what was asked. */
export function pickClause(text: string, terms: string[], indicator: string | null, wantsRate = false): ClausePick | null {
  return pickClauses(text, terms, indicator, wantsRate)[0] ?? null
}

/** Every clause of `text` that holds a figure, as `pickClause` weighs them, best first (the earlier on a tie). */
export function pickClauses(text: string, terms: string[], indicator: string | null, wantsRate = false): ClausePick[] {
  // The last word asked for is usually the head (养猪利润: 利润), so it weighs more.
  const head = terms.findLastIndex((term) => term.length >= 2)
  const weights = terms.map((term, i) => termWeight(term, indicator) * (i === head ? 1.5 : 1))
  const total = weights.reduce((a, b) => a + b, 0) || 1
  const picks: ClausePick[] = []
  let lastOfPrevious = ''
  for (const { sentence, clauses, texts, figures, leadingTimes, amounts, rates, anyFigure } of prepared(text)) {
    if (anyFigure) {
      // Which clauses hold each term: one scan per term and clause.
      const holds = terms.map((term) => texts.map((t) => t.includes(term)))
      const anywhere = holds.map((row) => row.includes(true))
      for (let k = 0; k < clauses.length; k++) {
        if (!figures[k]) continue
        const clauseText = texts[k]!
        // 全省生产总值…战略目标。2005年，初步核算达到10116.6亿元: the subject is in the sentence before.
        const elided = k > 0 && k <= leadingTimes
        // The clause before often names the subject: 1-6月,全镇完成地区生产总值45.2亿元.
        const beforeIndex = !elided && k > 0 && !figures[k - 1] ? k - 1 : -1
        const before = elided ? lastOfPrevious : beforeIndex >= 0 ? texts[beforeIndex]! : ''
        let inClause = 0
        let inSentence = 0
        for (let i = 0; i < terms.length; i++) {
          const row = holds[i]!
          if (row[k]) inClause += weights[i]!
          else if (elided ? before.includes(terms[i]!) : beforeIndex >= 0 && row[beforeIndex]) inClause += weights[i]! * 0.8
          // Credit for a term elsewhere in the sentence: more the nearer it stands before the clause.
          else inSentence += weights[i]! * (row[k - 1] || row[k - 2] ? 0.6 : anywhere[i] ? 0.4 : 0)
        }
        const coverage = Math.min(1, (inClause + inSentence) / total)
        const namesIndicator =
          indicator !== null &&
          (mentions(clauseText, indicator) || (mentions(before, indicator) && !namesOther(clauseText, indicator)))
        const score =
          inClause + inSentence + (namesIndicator ? 2 : 0) + figureBonus(clauseText, indicator, wantsRate, amounts[k]!, rates[k]!)
        picks.push({ span: extend(text, clauses, k), sentence, coverage, namesIndicator, score })
      }
    }
    const last = texts.at(-1) ?? ''
    lastOfPrevious = FIGURE.test(last) ? '' : last
  }
  // A stable sort: of equal scores, the earlier clause first.
  return picks.sort((a, b) => b.score - a.score)
}

interface Sentence {
  sentence: Span
  clauses: Span[]
  /** Each clause canonicalized; whether it holds a figure, an amount (21.95亿元), a rate (13%). */
  texts: string[]
  figures: boolean[]
  amounts: boolean[]
  rates: boolean[]
  anyFigure: boolean
  /** How many clauses at the start only name a time (2005年，…). */
  leadingTimes: number
}

/** Paragraphs cut into sentences and clauses lately, by text: the same paragraphs come back question after question. */
const cut = new Map<string, Sentence[]>()
const CUT_CACHE = 4096

function prepared(text: string): Sentence[] {
  let sentences = cut.get(text)
  if (sentences) return sentences
  const spans = splitSentences(text).map((sentence) => ({
    sentence,
    clauses: splitClauses(text.slice(sentence.start, sentence.end)).map((c) => ({
      start: c.start + sentence.start,
      end: c.end + sentence.start,
    })),
  }))
  const canonical = canonicalizeSpans(
    text,
    spans.flatMap((s) => s.clauses),
  )
  let first = 0
  sentences = spans.map(({ sentence, clauses }) => {
    const texts = canonical.slice(first, (first += clauses.length))
    // The canonical texts: full-width digits (５１６亿美元) are digits there.
    const figures = texts.map((t) => FIGURE.test(t.replace(LIST_COUNT, '')))
    const leading = texts.findIndex((t) => !TIME_ONLY.test(t))
    return {
      sentence,
      clauses,
      texts,
      figures,
      amounts: texts.map((t) => AMOUNT.test(t)),
      rates: texts.map((t) => RATE.test(t)),
      anyFigure: figures.includes(true),
      leadingTimes: leading < 0 ? texts.length : leading,
    }
  })
  if (cut.size >= CUT_CACHE) cut.clear()
  cut.set(text, sentences)
  return sentences
}

/** The indicator itself, not a ratio or share of it (人均地区生产总值, 占全省地区生产总值的比重). */
export function mentions(clause: string, indicator: string): boolean {
  for (let at = clause.indexOf(indicator); at >= 0; at = clause.indexOf(indicator, at + 1)) {
    if (!/(?:人均|占(?:全[省市县区镇乡国])?)$/.test(clause.slice(Math.max(0, at - 4), at))) return true
  }
  return false
}

/** Another indicator named in the clause: its figure belongs to that one. */
function namesOther(clause: string, indicator: string): boolean {
  return INDICATOR_LIST.some(({ name }) => name !== indicator && !indicator.includes(name) && clause.includes(name))
}

const AMOUNT = /\d(?:\.\d+)?\s*(?:余|多)?[万亿千百]?(?![年月日号届期])\p{Script=Han}/u
const RATE = /\d%|百分点/

/**
 * A figure right after the indicator (固定资产投资21.95亿元) beats one further off (占全省生产总值的
 * 比重达到48%), and an amount beats a rate unless a rate (增长, 增速, 比重) was asked.
 */
function figureBonus(clause: string, indicator: string | null, wantsRate: boolean, amount: boolean, rate: boolean): number {
  let bonus = 0
  if (indicator) {
    const at = clause.indexOf(indicator)
    if (
      at >= 0 &&
      /^(?:完成|实现|达到|达|为|总量|突破|累计|共|预计)?(?:完成|实现|达到|达)?\s*\d/.test(clause.slice(at + indicator.length))
    )
      bonus += 1.5
  }
  if (wantsRate) return rate ? bonus + 1 : bonus
  // An amount was asked: a clause with only a growth rate answers a different question.
  return amount ? bonus + 1 : rate ? bonus - 2 : bonus
}

/** The clause plus the clauses that carry on its figure: 固定资产投资21.95亿元,同比增长13%. */
function extend(text: string, clauses: Span[], k: number): Span {
  return extendQuote(text, clauses, clauses[k]!)
}

/** `span` carried on through the clauses after it that continue its figure (,同比增长13%). */
export function extendQuote(text: string, clauses: Span[], span: Span): Span {
  let end = span.end
  for (const clause of clauses) {
    if (clause.start < end) continue
    if (text.slice(end, clause.start).trim().length > 1 || !CONTINUES.test(text.slice(clause.start, clause.end))) break
    end = clause.end
  }
  return { start: span.start, end }
}
