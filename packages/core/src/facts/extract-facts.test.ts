import { describe, expect, it } from 'vitest'
import { extractFacts, type FactContext } from './extract-facts.ts'

const REVIEW: FactContext = { part: 'review', year: 2016, planYear: 2017 }
const facts = (text: string, context = REVIEW) =>
  extractFacts(text, context).map(({ indicator, measure, year, target, figure }) => ({
    indicator,
    measure,
    year,
    target,
    figure,
  }))

describe('extractFacts', () => {
  it('gives a figure to the indicator before it: the level and its growth', () => {
    expect(facts('全市地区生产总值完成1794.5亿元，增长8.5%。')).toEqual([
      { indicator: '地区生产总值', measure: 'value', year: 2016, target: false, figure: '1794.5亿元' },
      { indicator: '地区生产总值', measure: 'growth', year: 2016, target: false, figure: '8.5%' },
    ])
  })

  it('reads figures in Chinese numerals, but not a unit alone (a table heading’s 产量（万吨）)', () => {
    expect(facts('粮食总产量达到二十三万吨。').map((f) => f.figure)).toEqual(['二十三万吨'])
    expect(facts('粮食产量（万吨） 比上年增长（%）')).toEqual([])
  })

  it('gives no year the yearly average of a plan (这五年计划安排平均每年有财政赤字三十亿元左右)', () => {
    expect(facts('这五年计划安排平均每年有财政赤字三十亿元左右。')).toEqual([])
    expect(facts('今年财政赤字预计降到二十七亿元。').map((f) => f.figure)).toEqual(['二十七亿元'])
  })
})
