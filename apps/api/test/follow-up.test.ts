import type { Answer, AskContext } from '@report-qa/core'
import { fixturePath } from '@report-qa/test-fixtures'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPENAPI_PATH } from '../src/app.ts'
import { ask, errorOf, listen, openTestApp, type TestApp } from './helpers.ts'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp({ reportsDir: fixturePath() })
}, 60_000)
afterAll(() => t.close())

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

async function askPost(app: TestApp['app'], q: string, context?: unknown): Promise<Answer> {
  const response = await app.request('/ask', post(context === undefined ? { q } : { q, context }))
  expect(response.status, q).toBe(200)
  return (await response.json()) as Answer
}

describe('POST /ask with a context (follow-ups)', () => {
  it('gives every answer a context, over GET and POST, found or not', async () => {
    const got = (await (await t.app.request(ask('海拉尔区2016年地区生产总值'))).json()) as Answer
    expect(got.context).toMatchObject({ v: 1, places: [{ name: '海拉尔区' }], years: [2016], indicator: '地区生产总值' })
    const refused = await askPost(t.app, '黄桥镇粮食产量多少')
    expect(refused.found).toBe(false)
    expect(refused.context.v).toBe(1)
  })

  it('reads 那2018年呢 after 海拉尔区2016年地区生产总值 as 海拉尔区 2018 地区生产总值, and says what it kept', async () => {
    const first = await askPost(t.app, '海拉尔区2016年地区生产总值')
    expect(first.answer).toContain('303.6亿元')
    const second = await askPost(t.app, '那2018年呢', first.context)
    expect(second.found).toBe(true)
    expect(second.answer).toContain('192.3亿元')
    expect(second.understood).toMatchObject({ place: '海拉尔区', year: 2018, indicator: '地区生产总值' })
    expect(second.understood.followUp).toEqual(expect.arrayContaining(['place', 'indicator']))
    expect(second.context.years).toEqual([2018])
    // The same turn without the context has no place to answer for.
    const alone = await askPost(t.app, '那2018年呢')
    expect(alone.answer ?? '').not.toContain('192.3亿元')
  })

  it('treats a null context as none', async () => {
    const answer = await askPost(t.app, '那2018年呢', null)
    expect(answer.understood.followUp).toBeUndefined()
  })

  it('refuses a context that no answer gave with 400 INVALID_CONTEXT', async () => {
    const { context } = await askPost(t.app, '海拉尔区2016年地区生产总值')
    const bad: unknown[] = [
      'x',
      42,
      [],
      {},
      { ...context, v: 2 },
      { ...context, years: ['2016'] },
      { ...context, years: [2016.5] },
      { ...context, places: [{ key: 1, name: '海拉尔区' }] },
      { ...context, measure: 'anything' },
      { ...context, level: 'village' },
      { ...context, target: 'no' },
    ]
    for (const value of bad) {
      const response = await t.app.request('/ask', post({ q: '那2018年呢', context: value }))
      expect(response.status, JSON.stringify(value)).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect((await errorOf(response)).code, JSON.stringify(value)).toBe('INVALID_CONTEXT')
    }
  })

  it('keeps a conversation going over a real server, each turn sending the last context', async () => {
    const server = await listen(t.app)
    try {
      let context: AskContext | undefined
      const answers: Answer[] = []
      for (const q of ['海拉尔区2016年地区生产总值', '增速呢', '那2015年呢']) {
        const response = await fetch(`${server.base}/ask`, post({ q, context }))
        const answer = (await response.json()) as Answer
        answers.push(answer)
        context = answer.context
      }
      expect(answers.map((answer) => answer.found)).toEqual([true, true, true])
      expect(answers[1]!.answer).toContain('7.2%')
      expect(answers[2]!.understood).toMatchObject({ place: '海拉尔区', year: 2015 })
      expect(answers[2]!.answer).toContain('8.9%')
    } finally {
      await server.close()
    }
  })
})

describe('series answers', () => {
  it('answers 海拉尔区2012年到2018年地区生产总值 with a cited point per year found and the years missing', async () => {
    const answer = await askPost(t.app, '海拉尔区2012年到2018年地区生产总值')
    expect(answer.found).toBe(true)
    expect(answer.series!.map((point) => [point.year, point.figure, point.value, point.unit])).toEqual([
      [2015, '287.9亿元', 287.9, '亿元'],
      [2016, '303.6亿元', 303.6, '亿元'],
      [2018, '192.3亿元', 192.3, '亿元'],
    ])
    expect(answer.missing).toEqual([2012, 2013, 2014, 2017].map((year) => ({ place: '海拉尔区', year })))
    expect(answer.citations).toEqual(answer.series!.map((point) => point.citation))
    for (const { figure, citation } of answer.series!) {
      expect(citation.quote.text).toContain(figure)
      expect(citation.text.slice(citation.quote.start, citation.quote.end)).toBe(citation.quote.text)
    }
    expect(answer.context.range).toEqual({ from: 2012, to: 2018 })
  })
})

describe('the OpenAPI document', () => {
  it('documents context, series, missing and the new understood fields, and /facts as JSON and CSV', async () => {
    const doc = (await (await t.app.request(OPENAPI_PATH)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>>
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> }
    }
    const { schemas } = doc.components
    expect(Object.keys(schemas['Answer']!.properties)).toEqual(expect.arrayContaining(['context', 'series', 'missing']))
    expect(schemas['Answer']!.required).toContain('context')
    expect(Object.keys(schemas['AskRequest']!.properties)).toContain('context')
    expect(Object.keys(schemas['Understood']!.properties)).toEqual(
      expect.arrayContaining(['placeInferred', 'followUp', 'places', 'years', 'relative', 'measure']),
    )
    expect(Object.keys(schemas['AskContext']!.properties).sort()).toEqual(
      [
        'v',
        'places',
        'level',
        'years',
        'range',
        'all',
        'period',
        'indicator',
        'qualifiers',
        'measure',
        'measureSoft',
        'target',
      ].sort(),
    )
    expect(Object.keys(schemas['SeriesPoint']!.properties).sort()).toEqual(
      ['place', 'year', 'period', 'figure', 'value', 'unit', 'citation'].sort(),
    )
    const facts = doc.paths['/facts']!['get']! as (typeof doc.paths)[string][string] & {
      parameters: { name: string; in: string }[]
    }
    expect(Object.keys(facts.responses['200']!.content).sort()).toEqual(['application/json', 'text/csv'])
    expect(facts.parameters.map((parameter) => `${parameter.in}:${parameter.name}`).sort()).toEqual(
      ['query:place', 'query:indicator', 'query:from', 'query:to', 'query:level', 'query:format'].sort(),
    )
  })
})
