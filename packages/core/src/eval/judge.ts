import { readFile } from 'node:fs/promises'
import type { Answer, AskContext, Citation } from '../types.ts'

/**
 * A question of test-fixtures/questions.jsonl (and of any held-out set written the same way): see
 * test-fixtures/README.md.
 */
export interface EvalQuestion {
  id: string
  q: string
  answerable: boolean
  town: string | null
  expect: string[]
  kind: string
  source: string | null
  /** Level of the place asked about: national, province, city, county, township. */
  level?: string
  /** The day relative years (去年, 今年) count from, for questions that use them. */
  asOf?: string
  /** For an answer from a PDF: the page its first citation must name. */
  page?: number
}

/** right; wrong: a figure stated as found that is not the one asked (or an answer to a refusal); missed: not found. */
export type Verdict = 'right' | 'wrong' | 'missed'

export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  return (await readLines(file)) as EvalQuestion[]
}

/** Every JSON line of a file. */
export async function readLines(file: string): Promise<unknown[]> {
  const text = await readFile(file, 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown)
}

/** How an answer fares: right, wrong (stated as found but not the asked figure) or missed (not found). */
/** ask()'s options for a question written on a given day (its asOf), in a conversation or not. */
export function askOptions(question: { asOf?: string }, context?: AskContext): { today?: string; context?: AskContext } {
  return { ...(question.asOf ? { today: question.asOf } : {}), ...(context ? { context } : {}) }
}

export function verdict(question: EvalQuestion, answer: Answer): { verdict: Verdict; why: string | null } {
  const why = judge(question, answer)
  return { verdict: why === null ? 'right' : answer.found ? 'wrong' : 'missed', why }
}

/** Why an answer fails its question, or null when it passes. */
export function judge(question: EvalQuestion, answer: Answer): string | null {
  if (!question.answerable) return answer.found ? `should be refused, answered ${answer.answer}` : null
  if (!answer.found) return `not found: ${answer.reason}`
  const first = answer.citations[0]!
  if (question.town && first.place !== question.town) return `cited ${first.place}, expected ${question.town}`
  if (question.source) {
    // The expected file, or a word-for-word copy of its paragraph cited alongside (the same report in two files).
    const expected = question.source.replace(/^corpus\//, '')
    const fromSource = (c: Citation): boolean => c.source.endsWith(expected)
    const copy = answer.citations.some((c) => fromSource(c) && c.text === first.text)
    if (!fromSource(first) && !copy) return `cited ${first.source}, expected ${question.source}`
  }
  if (question.page !== undefined && first.page !== question.page)
    return `cited page ${first.page ?? '-'}, expected page ${question.page}`
  for (const figure of question.expect) {
    if (!answer.answer!.includes(figure)) return `answer lacks ${figure}: ${answer.answer}`
    if (!first.text.includes(figure)) return `cited paragraph lacks ${figure}`
  }
  return null
}
