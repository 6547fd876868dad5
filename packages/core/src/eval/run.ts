import { ask } from '../answer/ask.ts'
import type { ReportIndex } from '../index/report-index.ts'
import type { Answer, AskContext } from '../types.ts'
import { askOptions, readLines, verdict, type EvalQuestion, type Verdict } from './judge.ts'
import { judgePoints, type SeriesQuestion } from './series.ts'

/** A conversation of test-fixtures/conversations.jsonl: turns asked in order, each with the last answer's context. */
export interface Conversation {
  id: string
  turns: Omit<EvalQuestion, 'id' | 'kind'>[]
  asOf?: string
}

/**
 * Asks every question of the files (single questions, series and conversations, told apart by their
 * fields), prints each failure and a summary of each kind; 0 when everything passes.
 */
export async function runEvalFiles(index: ReportIndex, files: string[]): Promise<number> {
  const lines = (await Promise.all(files.map(readLines))).flat() as Record<string, unknown>[]
  const questions = lines.filter((l) => 'q' in l && !('points' in l)) as unknown as EvalQuestion[]
  const series = lines.filter((l) => 'points' in l) as unknown as SeriesQuestion[]
  const conversations = lines.filter((l) => 'turns' in l) as unknown as Conversation[]
  let failures = 0
  if (questions.length > 0) failures += scoreQuestions(index, questions)
  if (series.length > 0) failures += scoreSeries(index, series)
  if (conversations.length > 0) failures += scoreConversations(index, conversations)
  return failures === 0 ? 0 : 1
}

function scoreQuestions(index: ReportIndex, questions: EvalQuestion[]): number {
  const tally = { all: new Tally(), level: new Map<string, Tally>(), kind: new Map<string, Tally>() }
  for (const question of questions) {
    const { verdict: v, why } = verdict(question, ask(index, question.q, askOptions(question)))
    for (const t of [tally.all, at(tally.level, question.level ?? levelOf(question)), at(tally.kind, question.kind)]) t.add(v)
    if (why !== null)
      console.log(
        `${v === 'wrong' ? 'WRONG' : 'MISS '} ${question.id} [${question.level ?? '-'} ${question.kind}] ${question.q}\n      ${why}`,
      )
  }
  const by = (map: Map<string, Tally>): string => [...map].map(([name, t]) => `${name} ${t.right}/${t.total}`).join(', ')
  console.log(
    `eval: ${tally.all.right}/${tally.all.total} right (${tally.all.percent()}), ${tally.all.wrong} wrong figures stated as found, ${tally.all.missed} not found, over ${index.stats().reports} reports`,
  )
  console.log(`  by level: ${by(tally.level)}`)
  console.log(`  by kind:  ${by(tally.kind)}`)
  return tally.all.total - tally.all.right
}

/** How a set of series questions fares: points right of all, and points given for a year or place expected missing. */
export function seriesScore(index: ReportIndex, questions: SeriesQuestion[]) {
  const score = { right: 0, total: 0, invented: 0, failures: [] as string[] }
  for (const question of questions) {
    const result = judgePoints(question, ask(index, question.q, askOptions(question)))
    score.right += result.right
    score.total += result.total
    score.invented += result.invented.length
    for (const why of [...result.failures, ...result.invented])
      score.failures.push(`POINT ${question.id} ${question.q}\n      ${why}`)
  }
  return score
}

function scoreSeries(index: ReportIndex, questions: SeriesQuestion[]): number {
  const { right, total, invented, failures } = seriesScore(index, questions)
  for (const failure of failures) console.log(failure)
  console.log(
    `series: ${right}/${total} points right (${((right / Math.max(1, total)) * 100).toFixed(1)}%), ${invented} invented for a missing year or place, over ${questions.length} questions`,
  )
  return total - right + invented
}

/** How conversations fare, turn by turn, each asked with the context of the answer before. */
export function conversationScore(index: ReportIndex, conversations: Conversation[]) {
  const score = { first: new Tally(), follow: new Tally(), failures: [] as string[] }
  for (const conversation of conversations) {
    let context: AskContext | undefined
    conversation.turns.forEach((turn, k) => {
      const answer: Answer = ask(index, turn.q, askOptions(conversation, context))
      context = answer.context
      const { verdict: v, why } = verdict({ ...turn, id: `${conversation.id}#${k + 1}`, kind: 'turn' }, answer)
      ;(k === 0 ? score.first : score.follow).add(v)
      if (why !== null)
        score.failures.push(`${v === 'wrong' ? 'WRONG' : 'MISS '} ${conversation.id}#${k + 1} ${turn.q}\n      ${why}`)
    })
  }
  return score
}

function scoreConversations(index: ReportIndex, conversations: Conversation[]): number {
  const { first, follow, failures } = conversationScore(index, conversations)
  for (const failure of failures) console.log(failure)
  console.log(
    `conversations: follow-up turns ${follow.right}/${follow.total} right (${follow.percent()}), ${follow.wrong} wrong figures; first turns ${first.right}/${first.total}`,
  )
  return first.total - first.right + follow.total - follow.right
}

export class Tally {
  right = 0
  wrong = 0
  missed = 0
  get total(): number {
    return this.right + this.wrong + this.missed
  }
  add(verdict: Verdict): void {
    this[verdict]++
  }
  percent(): string {
    return `${((this.right / Math.max(1, this.total)) * 100).toFixed(1)}%`
  }
}

function at(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key)
  if (!tally) map.set(key, (tally = new Tally()))
  return tally
}

/** Questions written before levels were recorded: townships, but for the corpus ones. */
function levelOf(question: EvalQuestion): string {
  return question.source?.startsWith('corpus/') ? 'county' : 'township'
}
