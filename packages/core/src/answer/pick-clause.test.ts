import { describe, expect, it } from 'vitest'
import { pickClause } from './pick-clause.ts'

describe('pickClause', () => {
  it('picks the clause that holds a figure and the words asked', () => {
    const text = '1-6月，全镇完成地区生产总值45.2亿元，同比增长6%；固定资产投资21.95亿元，同比增长13%。'
    const pick = pickClause(text, ['固定资产投资'], '固定资产投资')!
    expect(text.slice(pick.span.start, pick.span.end)).toContain('21.95亿元')
  })

  it('takes figures in Chinese numerals, and no unit alone for a figure (a table heading: 产量（万吨）)', () => {
    const chinese = pickClause('全年粮食产量六百七十五万吨。', ['粮食', '产量'], null)
    expect(chinese).not.toBeNull()
    expect(pickClause('指标名称 产量（万吨） 比上年增长（%）', ['猪肉', '产量'], null)).toBeNull()
  })
})
