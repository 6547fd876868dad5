import path from 'node:path'
import type { FactRow } from '@report-qa/core'
import { fixturePath, sharedDir } from '@report-qa/test-fixtures'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.ts'
import { errorOf, listen, openTestApp, type TestApp } from './helpers.ts'

interface FactList {
  count: number
  facts: FactRow[]
}

const HAILAR_GDP = `/facts?place=${encodeURIComponent('海拉尔区')}&indicator=${encodeURIComponent('地区生产总值')}`

/** Records of a CSV body as objects keyed by its header row (the byte order mark taken off). */
function records(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true, bom: true }) as Record<string, string>[]
}

describe('GET /facts over the fixtures (samples and corpus excerpts)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openTestApp({ reportsDir: fixturePath() })
  }, 60_000)
  afterAll(() => t.close())

  it('lists the figures of a place and an indicator as JSON, each with its source, paragraph and quote', async () => {
    const response = await t.app.request(HAILAR_GDP)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const { count, facts } = (await response.json()) as FactList
    expect(count).toBe(facts.length)
    expect(facts.every((fact) => fact.place === '海拉尔区' && fact.indicator === '地区生产总值')).toBe(true)
    const gdp2016 = facts.find((fact) => fact.year === 2016 && fact.kind === 'amount')!
    expect(gdp2016).toMatchObject({
      figure: '303.6亿元',
      value: 303.6,
      unit: '亿元',
      level: 'county',
      parent: '呼伦贝尔市',
      source: 'corpus/county/海拉尔区_2017.txt',
      paragraph: 7,
    })
    expect(gdp2016.quote).toContain('303.6亿元')
    // The 2016 target (309亿元) is a fact of 2016 too, but never an amount.
    expect(facts.find((fact) => fact.figure === '309亿元')).toMatchObject({ year: 2016, kind: 'target' })
  })

  it('reads an indicator under its synonyms (GDP, 生产总值) and a place by its short form', async () => {
    const canonical = (await (await t.app.request(HAILAR_GDP)).json()) as FactList
    for (const query of ['place=海拉尔&indicator=GDP', 'place=海拉尔区&indicator=生产总值']) {
      const body = (await (await t.app.request(`/facts?${encodeURI(query)}`)).json()) as FactList
      expect(body.facts, query).toEqual(canonical.facts)
    }
  })

  it('keeps the years from..to, inclusive, and the level asked', async () => {
    const { facts } = (await (await t.app.request(`${HAILAR_GDP}&from=2015&to=2016`)).json()) as FactList
    expect(new Set(facts.map((fact) => fact.year))).toEqual(new Set([2015, 2016]))
    const townships = (await (await t.app.request('/facts?level=township')).json()) as FactList
    expect(townships.count).toBeGreaterThan(0)
    expect(townships.facts.every((fact) => fact.level === 'township')).toBe(true)
    expect(townships.facts.some((fact) => fact.place === '牛塘镇' && fact.figure === '21.95亿元')).toBe(true)
  })

  it('reads an empty parameter as no filter, as a form sends it', async () => {
    const empty = await t.app.request(`/facts?place=&indicator=${encodeURIComponent('地区生产总值')}&from=&to=&level=`)
    expect(empty.status).toBe(200)
    const all = await t.app.request(`/facts?indicator=${encodeURIComponent('地区生产总值')}`)
    expect(await empty.json()).toEqual(await all.json())
  })

  it('answers an unknown place or indicator with no facts, not an error', async () => {
    for (const query of ['place=黄桥镇', 'indicator=不存在的指标']) {
      const response = await t.app.request(`/facts?${encodeURI(query)}`)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ count: 0, facts: [] })
    }
  })

  it('serves CSV for spreadsheets: text/csv in UTF-8 with a BOM, a header row, the same rows as the JSON', async () => {
    const response = await t.app.request(`${HAILAR_GDP}&format=csv`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="facts.csv"; filename*=UTF-8''${encodeURIComponent('海拉尔区-地区生产总值.csv')}`,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFplace,parent,level,year,period,indicator,kind,measure,figure,value,unit,source,reportId,page,paragraph,quote',
    )
    const { facts } = (await (await t.app.request(HAILAR_GDP)).json()) as FactList
    const rows = records(csv)
    expect(rows).toHaveLength(facts.length)
    rows.forEach((row, i) => {
      const fact = facts[i]!
      expect(row).toEqual(
        Object.fromEntries(Object.entries(fact).map(([key, value]) => [key, value === null ? '' : String(value)])),
      )
    })
    // Quotes hold commas (地区生产总值完成303.6亿元,同比增长7.2%): quoted, so they stay one field.
    expect(csv).toContain('"地区生产总值完成303.6亿元,同比增长7.2%"')
  })

  it('refuses bad years, levels and formats with 400 and a JSON error', async () => {
    const cases: [string, string][] = [
      ['from=abc', 'INVALID_YEAR'],
      ['from=2016.5', 'INVALID_YEAR'],
      ['from=2018&to=2016', 'INVALID_YEAR'],
      ['level=village', 'INVALID_LEVEL'],
      ['format=xlsx', 'INVALID_FORMAT'],
    ]
    for (const [query, code] of cases) {
      const response = await t.app.request(`/facts?${query}`)
      expect(response.status, query).toBe(400)
      expect((await errorOf(response)).code, query).toBe(code)
    }
  })

  it('refuses more facts than one response holds with 400 TOO_MANY_FACTS, saying how to narrow', async () => {
    const small = createApp({ index: t.live, reportsDir: t.reportsDir, indexPath: t.indexPath, logger: t.logger, maxFacts: 5 })
    const broad = await small.request('/facts?format=csv')
    expect(broad.status).toBe(400)
    const error = await errorOf(broad)
    expect(error.code).toBe('TOO_MANY_FACTS')
    expect(error.message).toMatch(/^\d+ facts match, more than 5 in one response: narrow by place, indicator/)
    expect((await small.request(`${HAILAR_GDP}&from=2016&to=2016&format=csv`)).status).toBe(200)
  })

  it('serves the CSV through a real listening server', async () => {
    const server = await listen(t.app)
    try {
      const response = await fetch(`${server.base}${HAILAR_GDP}&format=csv`)
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const rows = records(await response.text())
      expect(rows.some((row) => row['year'] === '2016' && row['figure'] === '303.6亿元')).toBe(true)
    } finally {
      await server.close()
    }
  })
})

describe.skipIf(sharedDir === null)('GET /facts over the shared corpus', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openTestApp({ reportsDir: path.join(sharedDir!, 'corpus') })
  }, 120_000)
  afterAll(() => t?.close())

  it('serves 海拉尔区 地区生产总值 as text/csv holding 2016 303.6, cited from the report reviewing 2016', async () => {
    const server = await listen(t.app)
    try {
      const response = await fetch(`${server.base}${HAILAR_GDP}&format=csv`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const rows = records(await response.text())
      const gdp2016 = rows.filter((row) => row['year'] === '2016' && row['kind'] === 'amount')
      expect(gdp2016.map((row) => [row['figure'], row['value'], row['source']])).toContainEqual([
        '303.6亿元',
        '303.6',
        'county/海拉尔区_2017.txt',
      ])
      expect(rows.every((row) => row['place'] === '海拉尔区' && row['indicator'] === '地区生产总值')).toBe(true)
    } finally {
      await server.close()
    }
  })
})

if (sharedDir === null) {
  describe('GET /facts over the shared corpus', () => {
    it.skip('is skipped: no shared/corpus beside the repository or at /work/shared', () => {})
  })
}
