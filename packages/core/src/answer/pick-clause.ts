import { splitClauses, splitSentences, type Span } from '../parse/clauses.ts'
import { canonicalize } from '../text/segmenter.ts'

export interface ClausePick {
  /** The quote: the best clause, with the clauses that continue its figure (同比增长13%). */
  span: Span
  /** Weighted share of the query terms found in the clause and its sentence (0-1). */
  coverage: number
  /** Whether the indicator asked for is named in the clause or just before it in its sentence. */
  namesIndicator: boolean
  score: number
}

const FIGURE = /\d/
const CONTINUES = /^(?:同比|比上年|比去年|较上年|较去年|比\d|增长|下降|增幅|减少|提高|占|其中|位居|排名|居全)/

export function termWeight(term: string, indicator: string | null): number {
  if (indicator && term === indicator) return 4
  return term.length === 1 ? 0.3 : term.length === 2 ? 1 : 1.5
}

/** The clause of `text` that best answers the terms: it holds a figure and names what was asked. */
export function pickClause(text: string, terms: string[], indicator: string | null): ClausePick | null {
  const weights = terms.map((term) => termWeight(term, indicator))
  const total = weights.reduce((a, b) => a + b, 0) || 1
  let best: ClausePick | null = null
  for (const sentence of splitSentences(text)) {
    const clauses = splitClauses(text.slice(sentence.start, sentence.end)).map((c) => ({
      start: c.start + sentence.start,
      end: c.end + sentence.start,
    }))
    const sentenceText = canonicalize(text.slice(sentence.start, sentence.end))
    for (let k = 0; k < clauses.length; k++) {
      const clause = clauses[k]!
      const raw = text.slice(clause.start, clause.end)
      if (!FIGURE.test(raw)) continue
      const clauseText = canonicalize(raw)
      // The clause before often names the subject: 1-6月,全镇完成地区生产总值45.2亿元.
      const before = k > 0 ? canonicalize(text.slice(clauses[k - 1]!.start, clauses[k - 1]!.end)) : ''
      let inClause = 0
      let inSentence = 0
      terms.forEach((term, i) => {
        if (clauseText.includes(term)) inClause += weights[i]!
        else if (before.includes(term)) inClause += weights[i]! * 0.8
        else if (sentenceText.includes(term)) inSentence += weights[i]! * 0.4
      })
      const coverage = Math.min(1, (inClause + inSentence) / total)
      const namesIndicator = indicator !== null && (clauseText.includes(indicator) || (before.includes(indicator) && !FIGURE.test(before)))
      const score = inClause + inSentence + (namesIndicator ? 2 : 0)
      if (!best || score > best.score) best = { span: extend(text, clauses, k), coverage, namesIndicator, score }
    }
  }
  return best
}

/** The clause plus the clauses that carry on its figure: 固定资产投资21.95亿元,同比增长13%. */
function extend(text: string, clauses: Span[], k: number): Span {
  let end = clauses[k]!.end
  for (let j = k + 1; j < clauses.length && CONTINUES.test(text.slice(clauses[j]!.start, clauses[j]!.end)); j++) {
    end = clauses[j]!.end
  }
  return { start: clauses[k]!.start, end }
}
