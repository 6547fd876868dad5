import { describe, expect, it } from 'vitest'
import { findPeriod } from './periods.ts'

describe('findPeriod', () => {
  it('reads a report of mid-year as its first half, unless it looks back on the year before (1957年6月26日)', () => {
    const half = findPeriod({ heading: null, review: '上半年，全镇完成地区生产总值45.2亿元。', year: 2022, month: 7 })
    expect(half?.label).toBe('2022年上半年')
    const before = findPeriod({
      heading: null,
      review: '1956年，我国基本上完成了对农业的社会主义改造。1956年的基本建设投资……今年的计划。',
      year: 1957,
      month: 6,
    })
    expect(before?.label).toBe('1956年')
  })
})
