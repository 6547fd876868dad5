import type { Answer, Citation, SeriesPoint } from '@report-qa/core'
import { describe, expect, it } from 'vitest'
import { parseTelegramHtml } from '../test/fake-telegram.ts'
import { formatSeries, seriesChart, seriesView } from './format-series.ts'

const cite = (text: string): Citation => ({
  reportId: 'r',
  source: 's.txt',
  place: '海拉尔区',
  title: 't',
  date: null,
  period: null,
  section: null,
  sectionPath: [],
  part: 'review',
  paragraph: 1,
  text,
  quote: { text, start: 0, end: text.length },
  score: 1,
})

const point = (place: string, year: number, figure: string, value: number, unit: string): SeriesPoint => ({
  place,
  year,
  period: `${year}年`,
  figure,
  value,
  unit,
  citation: cite(figure),
})

function seriesAnswer(summary: string, series: SeriesPoint[], missing: Answer['missing'] = []): Answer {
  return {
    question: 'q',
    found: true,
    answer: summary,
    understood: { place: null, year: null, period: null, indicator: null, target: false, terms: [] },
    citations: series.map((p) => p.citation),
    series,
    missing,
    context: {
      v: 1,
      places: [],
      level: null,
      years: [],
      range: null,
      all: false,
      period: null,
      indicator: null,
      measure: 'value',
      target: false,
    },
    tookMs: 1,
  }
}

describe('seriesView', () => {
  it('lists one place by year with a missing year in its place, titled by the summary head', () => {
    const answer = seriesAnswer(
      '海拉尔区一般公共预算收入：2014年13.7亿元、2016年17亿元；没有2013年、2015年的数据。',
      [point('海拉尔区', 2014, '13.7亿元', 13.7, '亿元'), point('海拉尔区', 2016, '17亿元', 17, '亿元')],
      [
        { place: '海拉尔区', year: 2013 },
        { place: '海拉尔区', year: 2015 },
      ],
    )
    const view = seriesView(answer)
    expect(view.title).toBe('海拉尔区一般公共预算收入')
    expect(view.rows.map((r) => [r.label, r.point?.figure ?? null])).toEqual([
      ['2013年', null],
      ['2014年', '13.7亿元'],
      ['2015年', null],
      ['2016年', '17亿元'],
    ])
    // The table says what is missing: the note does not repeat it.
    expect(view.notes).toBe('')
    const [html, ...rest] = formatSeries(view)
    expect(rest).toEqual([])
    expect(parseTelegramHtml(html!)).toEqual({
      text: '海拉尔区一般公共预算收入\n2013年：无数据\n2014年：13.7亿元\n2015年：无数据\n2016年：17亿元',
    })
    expect(html).toContain('2014年：<b>13.7亿元</b>')
  })

  it('gives 历年 of one place a row for every year between its first and last, so that no line passes over a year not given', () => {
    const points = [point('驻马店市', 2013, '1542亿元', 1542, '亿元'), point('驻马店市', 2016, '1794.5亿元', 1794.5, '亿元')]
    const answer = seriesAnswer('驻马店市地区生产总值：2013年1542亿元、2016年1794.5亿元。', points)
    // Two years asked (2013年和2016年) are two rows.
    expect(seriesView(answer).rows).toHaveLength(2)
    const view = seriesView({ ...answer, context: { ...answer.context, all: true } })
    expect(view.rows.map((r) => [r.label, r.point?.figure ?? null])).toEqual([
      ['2013年', '1542亿元'],
      ['2014年', null],
      ['2015年', null],
      ['2016年', '1794.5亿元'],
    ])
    expect(seriesChart(view)?.points.map((p) => p.value)).toEqual([1542, null, null, 1794.5])
  })

  it('titles places with one of them found by the indicator alone, not by the place found', () => {
    const answer = seriesAnswer(
      '驻马店市地区生产总值：2016年1794.5亿元；没有2016年的数据。',
      [point('驻马店市', 2016, '1794.5亿元', 1794.5, '亿元')],
      [{ place: '保定市', year: 2016 }],
    )
    const view = seriesView(answer)
    expect(view.title).toBe('地区生产总值（2016年）')
    expect(view.rows.map((r) => r.label)).toEqual(['驻马店市', '保定市'])
  })

  it('labels places of one year by place, keeps core order (by value), and puts the year in the title', () => {
    const answer = seriesAnswer(
      '地区生产总值增速：江苏省2024年5.8%、浙江省2024年5.5%；没有广东省2024年的数据。',
      [point('江苏省', 2024, '5.8%', 5.8, '%'), point('浙江省', 2024, '5.5％', 5.5, '%')],
      [{ place: '广东省', year: 2024 }],
    )
    const view = seriesView(answer)
    expect(view.title).toBe('地区生产总值增速（2024年）')
    expect(view.rows.map((r) => r.label)).toEqual(['江苏省', '浙江省', '广东省'])
    // A full-width ％ is the same unit: no converted value beside it.
    expect(formatSeries(view)[0]).toContain('浙江省：<b>5.5％</b>')
    const chart = seriesChart(view)
    expect(chart?.unit).toBe('%')
    expect(chart?.points).toEqual([
      { label: '江苏省', value: 5.8, figure: '5.8%' },
      { label: '浙江省', value: 5.5, figure: '5.5％' },
      { label: '广东省', value: null },
    ])
  })

  it('keeps a comparison under the table and shows a converted figure beside the one written', () => {
    const converted = { ...point('驻马店市', 2016, '5000万元', 0.5, '亿元') }
    const answer = seriesAnswer('驻马店市某收入：2015年1.2亿元、2016年5000万元；2016年比2015年少0.7亿元。', [
      point('驻马店市', 2015, '1.2亿元', 1.2, '亿元'),
      converted,
    ])
    const view = seriesView(answer)
    expect(view.notes).toBe('2016年比2015年少0.7亿元。')
    expect(formatSeries(view)[0]).toContain('2016年：<b>5000万元（0.5亿元）</b>')
    expect(formatSeries(view)[0]?.endsWith('\n\n2016年比2015年少0.7亿元。')).toBe(true)
  })

  it('labels several places over several years with both', () => {
    const answer = seriesAnswer('地区生产总值：甲市2019年1亿元、甲市2022年2亿元、乙市2019年3亿元。', [
      point('甲市', 2019, '1亿元', 1, '亿元'),
      point('乙市', 2019, '3亿元', 3, '亿元'),
      point('甲市', 2022, '2亿元', 2, '亿元'),
    ])
    expect(seriesView(answer).rows.map((r) => r.label)).toEqual(['甲市 2019年', '甲市 2022年', '乙市 2019年'])
  })

  it('draws no chart of one figure, or of figures in units that do not convert', () => {
    const one = seriesAnswer(
      '甲：2019年1亿元；没有2020年的数据。',
      [point('甲市', 2019, '1亿元', 1, '亿元')],
      [{ place: '甲市', year: 2020 }],
    )
    expect(seriesChart(seriesView(one))).toBeNull()
    const mixed = seriesAnswer('甲：2019年1亿元、2020年5%。', [
      point('甲市', 2019, '1亿元', 1, '亿元'),
      point('甲市', 2020, '5%', 5, '%'),
    ])
    expect(seriesChart(seriesView(mixed))).toBeNull()
  })

  it('goes on in a next message between rows when the table is too long for one', () => {
    const points = Array.from({ length: 40 }, (_, k) => point(`第${k}个很长很长的地方名字`, 2024, `${k}.5%`, k + 0.5, '%'))
    const view = seriesView(seriesAnswer('地区生产总值增速：…', points))
    const parts = formatSeries(view, 400)
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(400)
      expect(parseTelegramHtml(part)).not.toHaveProperty('error')
    }
    expect(parts.join('\n').split('\n')).toHaveLength(41)
  })
})
