import {
  ask,
  conversationScore,
  readLines,
  seriesScore,
  verdict,
  type Conversation,
  type EvalQuestion,
  type ReportIndex,
  type SeriesQuestion,
} from '@report-qa/core'
import { since } from './stats.ts'

export interface Tallied {
  right: number
  wrong: number
  missed: number
  total: number
}

export interface Quality {
  /** questions.jsonl: right, wrong (a figure stated as found that is not the asked one, or an answer to a refusal), missed. */
  questions: Tallied & { byLevel: Record<string, Tallied> }
  /** series.jsonl, point by point: right of all, and points given for a year or place expected missing. */
  series: { right: number; total: number; invented: number; questions: number }
  /** conversations.jsonl, turn by turn: first turns and follow-ups. */
  conversations: { first: Tallied; follow: Tallied }
  /** `id question: why`, for each failed question, point and turn. */
  failures: string[]
  /** Reports in the index the questions were asked of. */
  reports: number
  ms: number
}

function tally(): Tallied {
  return { right: 0, wrong: 0, missed: 0, total: 0 }
}

/**
 * core's eval as `pnpm eval` runs it over questions.jsonl, series.jsonl and conversations.jsonl
 * (core's `verdict`, `seriesScore` and `conversationScore`; relative years from each `asOf`),
 * against whatever `index` holds.
 */
export async function evalQuality(
  index: ReportIndex,
  files: { questions: string; series: string; conversations: string },
): Promise<Quality> {
  const started = performance.now()
  const questions = (await readLines(files.questions)) as EvalQuestion[]
  const failures: string[] = []
  const all = { ...tally(), byLevel: {} as Record<string, Tallied> }
  for (const question of questions) {
    const answer = ask(index, question.q, question.asOf ? { today: question.asOf } : {})
    const { verdict: v, why } = verdict(question, answer)
    const level = (all.byLevel[question.level ?? '-'] ??= tally())
    for (const t of [all, level]) {
      t[v]++
      t.total++
    }
    if (why !== null) failures.push(`${v === 'wrong' ? 'WRONG' : 'MISS'} ${question.id} ${question.q}: ${why}`)
  }
  const seriesQuestions = (await readLines(files.series)) as SeriesQuestion[]
  const series = seriesScore(index, seriesQuestions)
  const conversations = conversationScore(index, (await readLines(files.conversations)) as Conversation[])
  const counts = (t: { right: number; wrong: number; missed: number; total: number }): Tallied => ({
    right: t.right,
    wrong: t.wrong,
    missed: t.missed,
    total: t.total,
  })
  return {
    questions: all,
    series: { right: series.right, total: series.total, invented: series.invented, questions: seriesQuestions.length },
    conversations: { first: counts(conversations.first), follow: counts(conversations.follow) },
    failures: [...failures, ...series.failures, ...conversations.failures].map((line) => line.replace(/\n\s*/g, ': ')),
    reports: index.stats().reports,
    ms: since(started),
  }
}
