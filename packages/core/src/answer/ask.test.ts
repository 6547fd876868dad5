import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath, reportsDir } from '@report-qa/test-fixtures'
import { readQuestions, type EvalQuestion } from '../eval/judge.ts'
import { CoreError, isCoreError } from '../errors.ts'
import { ReportIndex } from '../index/report-index.ts'
import { syncIndex } from '../index/sync.ts'
import { canonicalize } from '../text/segmenter.ts'
import { INDICATOR_NAMES } from '../text/indicators.ts'
import type { Answer, Citation } from '../types.ts'
import { ask, MAX_QUESTION_LENGTH, MAX_UNPLACED, verify } from './ask.ts'
import { understand } from './understand.ts'
import { SAMPLES, tempDir } from '../../test/helpers.ts'

let index: ReportIndex
let questions: EvalQuestion[]

beforeAll(async () => {
  index = new ReportIndex()
  await syncIndex(index, reportsDir)
  await syncIndex(index, fixturePath('corpus'), { scope: 'corpus' })
  // The questions over the files indexed here (the others ask about ../shared/corpus: the eval test's).
  questions = (await readQuestions(fixturePath('questions.jsonl'))).filter(
    (q) => q.source === null || existsSync(q.source.includes('/') ? fixturePath(q.source) : fixturePath('reports', q.source)),
  )
})

function first(answer: Answer): Citation {
  const citation = answer.citations[0]
  if (!citation) throw new Error(`no citation for ${answer.question}: ${answer.reason ?? ''}`)
  return citation
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

/** Every citation quotes its own paragraph at its offsets. */
function expectQuotesInside(answer: Answer): void {
  for (const citation of [...answer.citations, ...(answer.related ?? [])]) {
    const { quote, text } = citation
    expect(quote.start, answer.question).toBeGreaterThanOrEqual(0)
    expect(quote.end, answer.question).toBeGreaterThan(quote.start)
    expect(quote.end, answer.question).toBeLessThanOrEqual(text.length)
    expect(text.slice(quote.start, quote.end), answer.question).toBe(quote.text)
  }
}

describe('ask: the contract', () => {
  let answer: Answer
  beforeAll(() => {
    answer = ask(index, '牛塘镇上半年固定资产投资多少')
  })

  it('finds 牛塘镇’s 固定资产投资21.95亿元', () => {
    expect(answer.question).toBe('牛塘镇上半年固定资产投资多少')
    expect(answer.found).toBe(true)
    expect(answer.answer).toContain('21.95亿元')
    expect(answer.answer).toContain('牛塘镇')
    expect(answer.reason).toBeUndefined()
    expect(typeof answer.tookMs).toBe('number')
  })

  it('says what it understood: 牛塘镇, 上半年, 固定资产投资, not a target', () => {
    expect(answer.understood).toMatchObject({ place: '牛塘镇', period: '上半年', indicator: '固定资产投资', target: false })
    expect(answer.understood.terms.length).toBeGreaterThan(0)
  })

  it('cites 004, its section, paragraph 9 and the clause', () => {
    const citation = first(answer)
    expect(citation).toMatchObject({
      source: '004_f7326a22c4686d62.txt',
      place: '牛塘镇',
      date: '2022-07-14',
      period: '2022年上半年',
      section: '二、克难求进,经济发展保持稳健态势',
      sectionPath: ['2022年上半年工作回顾', '二、克难求进,经济发展保持稳健态势'],
      part: 'review',
      paragraph: 9,
    })
    expect(citation.reportId).toBe(index.reportsOf('牛塘镇')[0]?.id)
    expect(citation.quote.text).toContain('固定资产投资21.95亿元')
    expect(citation.quote.text).toContain('13%')
    expect(typeof citation.score).toBe('number')
  })

  it('quotes inside the cited paragraph at start..end', () => {
    const { text, quote } = first(answer)
    expect(text.slice(quote.start, quote.end)).toBe(quote.text)
    expect(text).toContain('固定资产投资21.95亿元')
  })

  it('puts every number of the answer in the quote (verify)', () => {
    expect(verify(answer.answer!, first(answer))).toBe(true)
    const body = answer.answer!.slice(answer.answer!.indexOf('：') + 1)
    for (const number of canonicalize(body).match(/\d+(?:\.\d+)?/g) ?? [])
      expect(canonicalize(first(answer).quote.text)).toContain(number)
  })

  it('returns at most `limit` citations (1-10)', () => {
    expect(ask(index, '牛塘镇上半年固定资产投资多少', { limit: 1 }).citations).toHaveLength(1)
    expect(ask(index, '牛塘镇上半年固定资产投资多少', { limit: 0 }).citations.length).toBe(1)
    expect(ask(index, '牛塘镇上半年固定资产投资多少', { limit: 50 }).citations.length).toBeLessThanOrEqual(10)
  })

  it('understands the same question asked with synonyms (牛塘 1-6月 固投)', () => {
    const again = ask(index, '牛塘1-6月固投多少')
    expect(again.found).toBe(true)
    expect(again.answer).toContain('21.95亿元')
    expect(first(again).paragraph).toBe(9)
  })
})

describe('ask: wordings of the same question', () => {
  it.each([
    '2022年牛塘镇上半年固定资产投资多少',
    '牛塘镇２０２２年上半年固定资产投资多少',
    '牛塘镇 上半年 固定资产投资',
    '牛塘镇今年1到6月固投多少',
  ])('answers %s with 21.95亿元 from paragraph 9 (今年 asked in July 2022)', (q) => {
    const answer = ask(index, q, { today: '2022-07-20' })
    expect(answer.found).toBe(true)
    expect(answer.answer).toContain('21.95亿元')
    expect(first(answer).paragraph).toBe(9)
  })

  it('refuses 全年 for a place whose only report covers 上半年', () => {
    const answer = ask(index, '牛塘镇全年固定资产投资多少')
    expect(answer.found).toBe(false)
    expect(answer.reason).toContain('上半年')
  })
})

describe('verify', () => {
  const citation = (text: string, start: number, end: number): Citation => ({
    reportId: 'r',
    source: 's',
    place: '牛塘镇',
    title: 't',
    date: null,
    period: '2022年上半年',
    section: null,
    sectionPath: [],
    part: 'review',
    paragraph: 1,
    text,
    quote: { text: text.slice(start, end), start, end },
    score: 1,
  })
  const text = '经济运行承压回升。固定资产投资21.95亿元,同比增长13%;'

  it('accepts an answer whose numbers are all in the quote', () => {
    expect(verify('牛塘镇2022年上半年：固定资产投资21.95亿元，同比增长13%。', citation(text, 9, 30))).toBe(true)
  })

  it('refuses an answer with a number the quote lacks', () => {
    expect(verify('牛塘镇2022年上半年：固定资产投资21.96亿元。', citation(text, 9, 30))).toBe(false)
  })

  it('refuses a quote that is not at its offsets', () => {
    const moved = citation(text, 9, 30)
    expect(verify('牛塘镇2022年上半年：固定资产投资21.95亿元。', { ...moved, quote: { ...moved.quote, start: 8 } })).toBe(false)
  })
})

describe('ask: every answered question of questions.jsonl cites honestly (property)', () => {
  it('quotes inside the paragraph at its offsets, and verify() holds', () => {
    let found = 0
    for (const question of questions) {
      const answer = ask(index, question.q)
      expectQuotesInside(answer)
      if (!answer.found) {
        expect(answer.answer, question.q).toBeNull()
        expect(answer.citations, question.q).toEqual([])
        expect(answer.reason, question.q).toMatch(/\p{Script=Han}/u)
        continue
      }
      found++
      const citation = first(answer)
      expect(verify(answer.answer!, citation), `${question.q} → ${answer.answer}`).toBe(true)
      // The answer is the place's: cited from a report of the place understood.
      if (answer.understood.place) expect(citation.place, question.q).toBe(answer.understood.place)
    }
    expect(found).toBeGreaterThan(questions.filter((q) => q.answerable).length * 0.8)
  })

  it('answers from the review, never the plan, when a result is asked', () => {
    for (const question of questions.filter((q) => q.answerable && q.kind !== 'plan' && q.kind !== 'non-numeric')) {
      const answer = ask(index, question.q)
      if (answer.found && !answer.understood.target) expect(first(answer).part, question.q).not.toBe('plan')
    }
  })
})

describe('ask: generated questions cite honestly (property)', () => {
  it('for every place × indicator × wording, a found answer is verified and quoted in place', () => {
    const places = [
      ...new Set(
        index
          .summaries()
          .map((report) => report.place)
          .filter((place) => place !== null),
      ),
    ]
    expect(places.length).toBeGreaterThanOrEqual(12)
    const wordings = ['{p}{i}是多少', '{p}上半年{i}目标是多少']
    let asked = 0
    let found = 0
    for (const place of places) {
      for (const indicator of INDICATOR_NAMES) {
        for (const wording of wordings) {
          const answer = ask(index, wording.replace('{p}', place).replace('{i}', indicator))
          asked++
          expectQuotesInside(answer)
          if (!answer.found) continue
          found++
          expect(verify(answer.answer!, first(answer)), `${answer.question} → ${answer.answer}`).toBe(true)
          expect(first(answer).place, answer.question).toBe(place)
        }
      }
    }
    expect(found).toBeGreaterThan(asked * 0.05)
  })
})

describe('ask: refusals', () => {
  it('refuses a place no report is from, naming it (黄桥镇)', () => {
    const answer = ask(index, '黄桥镇2023年固定资产投资完成多少')
    expect(answer.found).toBe(false)
    expect(answer.answer).toBeNull()
    expect(answer.citations).toEqual([])
    expect(answer.reason).toContain('黄桥镇')
  })

  it('refuses an indicator the place’s reports do not state (济阳镇地区生产总值)', () => {
    const answer = ask(index, '济阳镇地区生产总值是多少')
    expect(answer.found).toBe(false)
    expect(answer.citations).toEqual([])
    expect(answer.reason).toContain('济阳镇')
    expect(answer.understood).toMatchObject({ place: '济阳镇', indicator: '地区生产总值' })
  })

  it.each(['牛塘镇上半年建成了多少处全民健身步道', '东明镇已经完成了多少亩高标准农田建设', '牛塘镇实现三星上云的企业已经有几家'])(
    'refuses a result where only a target exists: %s',
    (q) => {
      const answer = ask(index, q)
      expect(answer.found).toBe(false)
      expect(answer.citations).toEqual([])
      for (const related of answer.related ?? []) expect(related.place).toBe(answer.understood.place)
    },
  )

  it('still answers the target when it is asked for (东明镇高标准农田计划)', () => {
    const answer = ask(index, '东明镇计划建设多少亩高标准农田')
    expect(answer.understood.target).toBe(true)
    if (answer.found) expect(first(answer).part).not.toBe('review')
  })

  it.each([
    ['牛塘镇2019年固定资产投资多少', '2019'],
    ['牛塘镇2019年地区生产总值多少', '2019'],
    ['城关镇2021年上半年开展消防安全检查多少家次', '2021'],
    ['海拉尔区2020年地区生产总值多少', '2020'],
  ])('refuses a year no report covers: %s', (q, year) => {
    const answer = ask(index, q)
    expect(answer.found).toBe(false)
    expect(answer.reason).toContain(year)
  })

  it.each(['今天天气怎么样', '帮我写一首关于春天的诗', '牛塘镇', '海拉尔区'])(
    'refuses what is not a question about a figure: %s',
    (q) => {
      const answer = ask(index, q)
      expect(answer.found).toBe(false)
      expect(answer.citations).toEqual([])
      expect(answer.reason).toBeTruthy()
    },
  )

  it.each([
    ['an empty question', ''],
    ['a blank question', ' \n\t　'],
    ['a question over the limit', '牛塘镇'.repeat(Math.ceil((MAX_QUESTION_LENGTH + 1) / 3))],
  ])('throws INVALID_QUESTION for %s', (_what, q) => {
    const error = thrown(() => ask(index, q))
    expect(error).toBeInstanceOf(CoreError)
    expect(isCoreError(error, 'INVALID_QUESTION')).toBe(true)
  })

  it('accepts a question of exactly the limit', () => {
    const q = '牛塘镇上半年固定资产投资多少'.padEnd(MAX_QUESTION_LENGTH, '？')
    expect(q.length).toBe(MAX_QUESTION_LENGTH)
    expect(() => ask(index, q)).not.toThrow()
  })
})

describe('understand: the place named', () => {
  it('finds the place of every fixture question that names one, by name or short form', () => {
    const directory = index.placeDirectory()
    const named = questions.filter((question) => question.answerable && question.town !== null && question.town !== '全国')
    expect(named.length).toBeGreaterThanOrEqual(100)
    for (const question of named) {
      const refs = understand(question.q, directory, new Date('2026-12-01')).places
      const ref = refs[0]
      expect(ref?.kind, question.q).toBe('place')
      if (ref?.kind === 'place') expect(ref.place.names, question.q).toContain(question.town)
    }
  })
})

describe('ask: questions naming no place', () => {
  it('takes a question naming no place as national when the State Council reports are indexed, and says so', () => {
    const answer = ask(index, '优良天数比率是多少')
    expect(answer.understood).toMatchObject({ place: '全国', placeInferred: true })
  })

  it('answers from the one place whose reports hold the figure when no national reports are indexed', async () => {
    const samples = new ReportIndex()
    await syncIndex(samples, reportsDir)
    const answer = ask(samples, '优良天数比率是多少')
    expect(answer.understood.place).toBe('牛塘镇')
    expect(answer.found, answer.reason).toBe(true)
    expect(first(answer).place).toBe('牛塘镇')
    expect(answer.answer).toContain('72.6%')
  })

  it(`asks which place, without searching, when more than ${MAX_UNPLACED} places name the indicator`, async () => {
    const temp = await tempDir()
    try {
      // Ten relabelled copies of 牛塘镇's report: 甲塘镇 … 癸塘镇, each with 固定资产投资21.95亿元.
      const text = await readFile(path.join(reportsDir, SAMPLES['004']), 'utf8')
      for (const c of '甲乙丙丁戊己庚辛壬癸') await writeFile(path.join(temp.dir, `${c}.txt`), text.replaceAll('牛塘', `${c}塘`))
      const many = new ReportIndex()
      await syncIndex(many, temp.dir)
      expect(many.placesNaming('固定资产投资', many.reportsOf(null))).toHaveLength(10)
      const answer = ask(many, '上半年固定资产投资多少')
      expect(answer).toMatchObject({ found: false, citations: [] })
      expect(answer.reason).toMatch(/^请指明地点：10个地方的报告都提到固定资产投资，例如丁塘镇、丙塘镇、乙塘镇、/)
      expect(ask(many, '今年新建了多少公里道路').reason).toMatch(/^请指明地点：现有10个地方的报告，例如/)
      expect(ask(many, '丙塘镇上半年固定资产投资多少').answer).toContain('21.95亿元')
      // No place names 粮食产量: nothing to ask about, the usual refusal.
      expect(ask(many, '粮食产量多少').reason).toBe('现有的报告中没有粮食产量的数据')
    } finally {
      await temp.dispose()
    }
  })
})

describe('ask: multi-year places', () => {
  it.each([
    ['海拉尔区2016年地区生产总值是多少', 'corpus/county/海拉尔区_2017.txt', '303.6亿元', '2016年'],
    ['海拉尔区2018年地区生产总值是多少', 'corpus/encodings/海拉尔区_2019_gbk_crlf.txt', '192.3亿元', '2018年'],
    ['海拉尔区2015年地区生产总值是多少', 'corpus/county/海拉尔区_2016.txt', '287.9亿元', '2015年'],
  ])('answers %s from the report that reviews that year', (q, source, figure, period) => {
    const answer = ask(index, q)
    expect(answer.found).toBe(true)
    expect(answer.answer).toContain(figure)
    expect(first(answer)).toMatchObject({ source, place: '海拉尔区', period, part: 'review' })
    expect(first(answer).text).toContain(figure)
    expect(verify(answer.answer!, first(answer))).toBe(true)
  })

  it('refuses 海拉尔区2017年地区生产总值: its report gives no figure (稳中有升)', () => {
    const answer = ask(index, '海拉尔区2017年地区生产总值是多少')
    expect(answer.found).toBe(false)
  })

  it('refuses 海拉尔区2019年地区生产总值: only the 2019 plan names it', () => {
    const answer = ask(index, '海拉尔区2019年地区生产总值完成了多少')
    expect(answer.found).toBe(false)
  })

  it('never cites a report of another year than the one asked', () => {
    for (const year of [2015, 2016, 2017, 2018]) {
      for (const subject of ['地区生产总值', '一般公共预算收入', '社会消费品零售总额', '固定资产投资']) {
        const answer = ask(index, `海拉尔区${year}年${subject}是多少`)
        for (const citation of answer.citations) expect(citation.period, answer.question).toBe(`${year}年`)
      }
    }
  })
})
