import { beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { fixturePath, sharedDir } from '@report-qa/test-fixtures'
import { ask } from '../src/answer/ask.ts'
import { judge, readQuestions, verdict, type EvalQuestion } from '../src/eval/judge.ts'
import { ReportIndex } from '../src/index/report-index.ts'
import { syncIndex } from '../src/index/sync.ts'

/**
 * The eval as `pnpm eval --also ../shared/corpus` runs it: all of test-fixtures and the shared
 * corpus indexed, every question of questions.jsonl asked (relative years from its asOf) and judged.
 */
const PASS_FLOOR = 176

let index: ReportIndex
let questions: EvalQuestion[]

beforeAll(async () => {
  if (!sharedDir) throw new Error('../shared/corpus is not beside the repository: the eval asks about its reports')
  index = new ReportIndex()
  await syncIndex(index, fixturePath(), { scope: 'test-fixtures' })
  await syncIndex(index, path.join(sharedDir, 'corpus'), { scope: 'corpus' })
  questions = await readQuestions(fixturePath('questions.jsonl'))
}, 120_000)

function askAsOf(question: EvalQuestion) {
  return ask(index, question.q, question.asOf ? { today: question.asOf } : {})
}

describe('eval over test-fixtures/questions.jsonl', () => {
  it('reads every question with its fields', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150)
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length)
    for (const q of questions) {
      expect(typeof q.q).toBe('string')
      expect(q.answerable ? q.expect.length > 0 : q.expect.length === 0).toBe(true)
    }
  })

  it(`passes at least ${PASS_FLOOR} questions`, () => {
    const failures: string[] = []
    for (const question of questions) {
      const failure = judge(question, askAsOf(question))
      if (failure !== null) failures.push(`${question.id} [${question.kind}] ${question.q}: ${failure}`)
    }
    const passed = questions.length - failures.length
    expect(passed, `failing:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(PASS_FLOOR)
  })

  it('states no wrong figure as found, and answers no question that must be refused', () => {
    const wrong = questions
      .map((question) => ({ question, answer: askAsOf(question) }))
      .filter(({ question, answer }) => verdict(question, answer).verdict === 'wrong')
      .map(({ question, answer }) => `${question.id} ${question.q} → ${answer.answer}`)
    expect(wrong).toEqual([])
  })
})

describe('judge', () => {
  const question: EvalQuestion = {
    id: 't1', q: '牛塘镇上半年固定资产投资多少', town: '牛塘镇', expect: ['21.95亿元'], answerable: true, kind: 'fact',
    source: '004_f7326a22c4686d62.txt',
  }

  it('passes a right answer and fails a refusal of an answerable question', () => {
    expect(judge(question, ask(index, question.q))).toBeNull()
    expect(judge(question, ask(index, '黄桥镇上半年固定资产投资多少'))).toMatch(/not found/)
  })

  it('fails an answer to a question that should be refused', () => {
    expect(judge({ ...question, answerable: false, expect: [] }, ask(index, question.q))).toMatch(/should be refused/)
  })
})
