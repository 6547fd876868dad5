import { describe, expect, it } from 'vitest'
import { headingPart, parseHeading } from './headings.ts'

describe('parseHeading', () => {
  it.each([
    ['一、上半年工作回顾', 1, '一、上半年工作回顾'],
    ['（一）我们着力夯基础、重保障，凝心聚力促发展', 2, '（一）我们着力夯基础、重保障，凝心聚力促发展'],
    ['(一)“六稳”“六保”取得积极成效', 2, '(一)“六稳”“六保”取得积极成效'],
    ['1.经济发展', 3, '1.经济发展'],
    ['(1)工业生产', 4, '(1)工业生产'],
    ['——全力以赴拼经济、强产业，发展态势更加稳健', 4, '——全力以赴拼经济、强产业，发展态势更加稳健'],
    ['第一,聚焦增强新动能,着力稳增长、优结构', 4, '第一,聚焦增强新动能,着力稳增长、优结构'],
    ['2022年上半年工作回顾', 0, '2022年上半年工作回顾'],
    ['2024年工作安排', 0, '2024年工作安排'],
    ['二、2023年主要任务：', 1, '二、2023年主要任务'],
  ])('reads %s as a whole heading of level %i', (line, level, text) => {
    expect(parseHeading(line)).toEqual({ text, level, whole: true })
  })

  it('reads a heading that runs into its paragraph, up to the first 。', () => {
    const line = '二、克难求进,经济发展保持稳健态势。经济运行承压回升。1-6月,全镇完成地区生产总值45.2亿元'
    expect(parseHeading(line)).toEqual({ text: '二、克难求进,经济发展保持稳健态势', level: 1, whole: false })
  })

  it.each([
    '全镇完成地区生产总值45.2亿元，同比下降12.43%。',
    '21.95亿元的固定资产投资',
    '2023年是极不平凡的一年。',
    '各位代表：',
  ])('reads %s as no heading', (line) => {
    expect(parseHeading(line)).toBeNull()
  })
})

describe('headingPart', () => {
  it.each([
    ['2022年上半年工作回顾', 'review'],
    ['一、2022年以来工作完成情况', 'review'],
    ['一、今年以来主要工作回顾', 'review'],
    ['2024年工作安排', 'plan'],
    ['二、 2023年的工作计划', 'plan'],
    ['二、2023年主要任务', 'plan'],
    ['2022年下半年主要工作任务', 'plan'],
    ['二、2025年目标任务和主要工作', 'plan'],
    ['二、“十一五”时期的指导原则和发展目标', 'plan'],
    ['（一）经济发展取得新成就', null],
    ['一、第一个五年计划时期内和第二个五年计划的第一年——一九五八年的伟大成就', 'review'],
    ['一、当前国内形势和基本任务', null],
  ])('says %s opens %s', (heading, part) => {
    expect(headingPart(heading)).toBe(part)
  })
  it('reads a heading of a year and work alone by the year the report is delivered in', () => {
    expect(headingPart('二、关于2025年工作', 2025)).toBe('plan')
    expect(headingPart('一、2024年工作', 2025)).toBe('review')
  })
})
