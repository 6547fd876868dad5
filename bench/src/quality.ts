import { ask, judge, readQuestions, type ReportIndex } from '@report-qa/core'

export interface Quality {
  passed: number
  total: number
  /** `id question: why`, for each failed question. */
  failures: string[]
  /** Reports in the index the questions were asked of. */
  reports: number
}

/** core's eval (readQuestions + judge) over `questionsFile`, against whatever `index` holds. */
export async function evalQuality(index: ReportIndex, questionsFile: string): Promise<Quality> {
  const questions = await readQuestions(questionsFile)
  const failures: string[] = []
  for (const question of questions) {
    const failure = judge(question, ask(index, question.q))
    if (failure) failures.push(`${question.id} ${question.q}: ${failure}`)
  }
  return { passed: questions.length - failures.length, total: questions.length, failures, reports: index.stats().reports }
}
