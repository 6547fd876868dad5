import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { FACT_COLUMNS, factsCsv } from './facts-csv.ts'
import type { FactRow } from './list-facts.ts'

const row: FactRow = {
  place: '海拉尔区',
  parent: '呼伦贝尔市',
  level: 'county',
  year: 2016,
  period: '2016年',
  indicator: '地区生产总值',
  kind: 'amount',
  measure: 'value',
  figure: '303.6亿元',
  value: 303.6,
  unit: '亿元',
  source: 'corpus/county/海拉尔区_2017.txt',
  reportId: '26068c21ba-1',
  page: null,
  paragraph: 7,
  quote: '地区生产总值完成303.6亿元,同比增长7.2%',
}

describe('factsCsv', () => {
  it('writes a header row and one CRLF-ended record per fact, an absent value as an empty field', () => {
    const csv = factsCsv([row])
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(FACT_COLUMNS.join(','))
    expect(lines[1]).toBe(
      '海拉尔区,呼伦贝尔市,county,2016,2016年,地区生产总值,amount,value,303.6亿元,303.6,亿元,' +
        'corpus/county/海拉尔区_2017.txt,26068c21ba-1,,7,"地区生产总值完成303.6亿元,同比增长7.2%"',
    )
    expect(lines[2]).toBe('')
  })

  it('quotes commas, double quotes and line breaks so that an RFC 4180 reader gets every field back', () => {
    const awkward = { ...row, quote: '他说"完成了",\r\n再\n提高', source: 'a,b.txt', parent: null, year: null, period: null }
    const records = parse(factsCsv([awkward, row]), { columns: true }) as Record<string, string>[]
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({ quote: awkward.quote, source: 'a,b.txt', parent: '', year: '', value: '303.6' })
    expect(records[1]!['quote']).toBe(row.quote)
  })

  it('writes only the header for no facts', () => {
    expect(factsCsv([])).toBe(FACT_COLUMNS.join(',') + '\r\n')
  })
})
