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

  it('reads 分别 of a list that shares its ending (城镇居民、农村居民人均可支配收入), and of one it cannot read not at all', () => {
    const listed = facts('城镇居民、农村居民人均可支配收入分别增长4.6%、6.7%。')
    expect(listed.map((f) => [f.indicator, f.figure])).toEqual([
      ['城镇居民人均可支配收入', '4.6%'],
      ['农村居民人均可支配收入', '6.7%'],
    ])
    // The list in the clause before, with only a year before 分别.
    expect(
      facts('农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元。').map((f) => [f.indicator, f.figure]),
    ).toEqual([
      ['农民人均纯收入', '2253元'],
      ['城镇居民人均可支配收入', '6280元'],
    ])
    // 高技术制造业 is no indicator: the clause before (粮食产量…) does not take its figure.
    expect(facts('粮食产量1.4万亿斤；高技术制造业、装备制造业增加值分别增长8.9%、7.7%。')).toEqual([
      { indicator: '粮食产量', measure: 'value', year: 2016, target: false, figure: '1.4万亿斤' },
    ])
  })

  it('dates a figure by the year it is compared with only when it is that year’s (比一九五七年的一百二十六亿元)', () => {
    const context: FactContext = { part: 'review', year: 1958, planYear: 1959 }
    expect(facts('基本建设投资总额达到二百一十四亿元，比一九五七年的一百二十六亿元增长百分之七十。', context)).toEqual([
      { indicator: '基本建设投资', measure: 'value', year: 1958, target: false, figure: '二百一十四亿元' },
      { indicator: '基本建设投资', measure: 'value', year: 1957, target: false, figure: '一百二十六亿元' },
      { indicator: '基本建设投资', measure: 'growth', year: 1958, target: false, figure: '百分之七十' },
    ])
    // 比１９５５年基本建设投资增长６２％, in the report that reviews 1955: some later year's growth, not 1955's.
    expect(facts('比１９５５年基本建设投资增长６２％。', { part: 'other', year: 1955, planYear: 1956 })).toEqual([])
  })

  it('reads 共为 with a year written as that year’s level, and 完成年计划２７％ as no growth', () => {
    const context: FactContext = { part: 'other', year: 1955, planYear: 1956 }
    expect(facts('１９５５年完成的基本建设投资额共为８６．３亿元。', context).map((f) => [f.measure, f.year])).toEqual([
      ['value', 1955],
    ])
    expect(facts('全国基本建设投资总额完成年计划２７％。', context)).toEqual([])
  })

  it('reads people counted before they are named (10.8万农村贫困人口实现稳定脱贫) as a change, over five years a sum', () => {
    const context: FactContext = { part: 'review', year: 2015, planYear: 2016 }
    expect(facts('全力推进精准扶贫，10.8万农村贫困人口实现稳定脱贫。', context)).toEqual([
      { indicator: '农村贫困人口', measure: 'change', year: 2015, target: false, figure: '10.8万' },
    ])
    expect(facts('五年实现59.7万贫困人口稳定脱贫。', context).map((f) => f.measure)).toEqual(['total'])
    // Not the ones left: 剩余的551万农村贫困人口 is no change.
    expect(facts('剩余的551万农村贫困人口全部脱贫。', context)).toEqual([])
  })

  it('reads a target a report recalls as a target, and what was achieved beside it as the result', () => {
    const context: FactContext = { part: 'review', year: 1996, planYear: 1997 }
    expect(
      facts('去年政府工作报告提出，物价涨幅要从１４．８％降到１０％左右，经过上下各方面的努力，实际回落到６．１％。', context),
    ).toEqual([
      { indicator: '居民消费价格涨幅', measure: 'value', year: 1996, target: true, figure: '１０％' },
      { indicator: '居民消费价格涨幅', measure: 'value', year: 1996, target: false, figure: '６．１％' },
    ])
  })

  it('reads 全年增长 and 总量达 after a paragraph’s opening on the economy as GDP, and nothing else so', () => {
    const text = '——经济发展贡献新担当。顶住压力，四季度增长5.6%、高于全国0.2个百分点，全年增长4.8%、总量达5.3万亿元。'
    expect(facts(text).map((f) => [f.indicator, f.measure, f.figure])).toEqual([
      ['地区生产总值', 'growth', '4.8%'],
      ['地区生产总值', 'value', '5.3万亿元'],
    ])
    expect(facts('顶住压力，全年增长4.8%、总量达5.3万亿元。')).toEqual([])
  })
})
