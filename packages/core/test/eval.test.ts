import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath } from '@report-qa/test-fixtures'
import { ask } from '../src/answer/ask.ts'
import { judge, readQuestions, type EvalQuestion } from '../src/cli/eval-command.ts'
import { ReportIndex } from '../src/index/report-index.ts'
import { syncIndex } from '../src/index/sync.ts'

/**
 * The eval as `pnpm eval` runs it: all of test-fixtures indexed under one scope, every question of
 * questions.jsonl asked and judged. Every question passes but three over the PDF and web-page
 * sources, which question understanding does not handle yet: q153 (猪肉产量: the figure is only in a
 * table row, and a 蔬菜产量 clause is picked instead), q154 (黔东南州: the short name of
 * 黔东南苗族侗族自治州 is not known as a place), q159 (饮料酒产量: a table row, no clause picked).
 * A question that newly fails is a bug to fix, not a reason to lower this.
 */
const PASS_FLOOR = 176

let index: ReportIndex
let questions: EvalQuestion[]

beforeAll(async () => {
  index = new ReportIndex()
  await syncIndex(index, fixturePath(), { scope: 'test-fixtures' })
  questions = await readQuestions(fixturePath('questions.jsonl'))
})

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
      const failure = judge(question, ask(index, question.q))
      if (failure !== null) failures.push(`${question.id} [${question.kind}] ${question.q}: ${failure}`)
    }
    const passed = questions.length - failures.length
    expect(passed, `failing:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(PASS_FLOOR)
  })

  it('answers no refusal question', () => {
    const wrong = questions
      .filter((question) => !question.answerable)
      .map((question) => ({ question, answer: ask(index, question.q) }))
      .filter(({ answer }) => answer.found)
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
