import type { Answer, Citation } from '@report-qa/core'
import { describe, expect, it } from 'vitest'
import { parseTelegramHtml } from '../test/fake-telegram.ts'
import { emphasiseFigures, escapeHtml, formatAnswer, formatFollowUp, formatParagraph, formatReports } from './format.ts'

const citation: Citation = {
  reportId: 'r-1',
  source: 'a_b.txt',
  place: '<甲>镇',
  title: 'R&D_报告',
  date: '2022-07-14',
  period: '2022年上半年',
  section: '一、<经济>&发展',
  sectionPath: ['一、<经济>&发展'],
  part: 'review',
  paragraph: 3,
  text: '投资<技改>&R_D 21.95亿元,同比增长13%。其余。',
  quote: { text: '投资<技改>&R_D 21.95亿元,同比增长13%', start: 0, end: 27 },
  score: 1,
}

const answer: Answer = {
  question: 'q',
  found: true,
  answer: '<甲>镇：投资<技改>&R_D 21.95亿元，同比增长13%。',
  understood: { place: '<甲>镇', year: null, period: null, indicator: null, target: false, terms: [] },
  citations: [citation],
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

describe('format', () => {
  it('escapes &, < and > and leaves _ alone', () => {
    expect(escapeHtml('a<b>&c_d"')).toBe('a&lt;b&gt;&amp;c_d&quot;')
  })

  it('puts figures with their units in bold', () => {
    expect(emphasiseFigures('投资21.95亿元，增长13%，600余万元，2581户')).toBe(
      '投资<b>21.95亿元</b>，增长<b>13%</b>，<b>600余万元</b>，<b>2581户</b>',
    )
  })

  it('formats an answer from report text full of <, & and _ as HTML Telegram parses', () => {
    const html = formatAnswer(answer, [])
    const parsed = parseTelegramHtml(html)
    expect(parsed).toEqual({
      text: [
        '<甲>镇：投资<技改>&R_D 21.95亿元，同比增长13%。',
        '',
        '出处：<甲>镇 《R&D_报告》（2022-07-14，2022年上半年）',
        '位置：一、<经济>&发展 · 第3段',
        '投资<技改>&R_D 21.95亿元,同比增长13%',
      ].join('\n'),
    })
  })

  it('names the known places only when the question named no place we hold', () => {
    const notFound: Answer = {
      ...answer,
      found: false,
      answer: null,
      reason: '没有黄桥镇的报告',
      citations: [],
      understood: { ...answer.understood, place: null },
    }
    expect(formatAnswer(notFound, ['牛塘镇', '东明镇'])).toBe('未找到：没有黄桥镇的报告。\n现有报告的地点：牛塘镇、东明镇。')
    // A place asked that no report is from (黄桥镇): the places held are named too.
    expect(formatAnswer({ ...notFound, understood: { ...answer.understood, place: '黄桥镇' } }, ['牛塘镇'])).toBe(
      '未找到：没有黄桥镇的报告。\n现有报告的地点：牛塘镇。',
    )
    expect(formatAnswer({ ...notFound, understood: { ...answer.understood, place: '牛塘镇' } }, ['牛塘镇'])).toBe(
      '未找到：没有黄桥镇的报告。',
    )
  })

  it('splits a paragraph into parsable parts of at most the limit', () => {
    const long = { ...citation, text: '其中<重点>&项目_投入；'.repeat(400) }
    const parts = formatParagraph(long, 1000)
    expect(parts.length).toBeGreaterThan(1)
    const texts = parts.map((part) => {
      expect(part.length).toBeLessThanOrEqual(1000)
      const parsed = parseTelegramHtml(part)
      if ('error' in parsed) throw new Error(parsed.error)
      return parsed.text
    })
    expect(texts.join('')).toBe(`原文 <甲>镇 · 一、<经济>&发展 · 第3段\n\n${long.text}`)
  })

  it('puts the cited clause of the paragraph in bold, also when the paragraph is cut across it', () => {
    const [html] = formatParagraph({ ...citation, quote: { ...citation.quote, end: citation.quote.text.length } })
    expect(html).toBe(
      '<b>原文</b> &lt;甲&gt;镇 · 一、&lt;经济&gt;&amp;发展 · 第3段\n\n<b>投资&lt;技改&gt;&amp;R_D 21.95亿元,同比增长13%</b>。其余。',
    )
    const clause = '固定资产投资21.95亿元,同比增长13%'
    const text = '甲'.repeat(900) + clause + '乙'.repeat(900)
    const quote = { text: clause, start: 900, end: 900 + clause.length }
    // No sentence stop to cut at: a limit that cuts ten characters into the clause (header, <b></b>).
    const header = formatParagraph({ ...citation, text: '' })[0]!.length
    const limit = header + 7 + 910
    const parts = formatParagraph({ ...citation, text, quote }, limit)
    const bold = parts.flatMap((part) => {
      expect(part.length).toBeLessThanOrEqual(limit)
      expect(parseTelegramHtml(part)).not.toHaveProperty('error')
      return [...part.matchAll(/<b>([^<]*)<\/b>/g)].map((m) => m[1]).filter((b) => b !== '原文')
    })
    expect(bold).toEqual([clause.slice(0, 10), clause.slice(10)])
  })

  it('says under a follow-up what it carried over: place, years, indicator and measure', () => {
    const understood = {
      ...answer.understood,
      place: '驻马店市',
      year: 2016,
      indicator: '地区生产总值',
      measure: 'growth' as const,
    }
    expect(formatFollowUp(understood)).toBe('<i>接着问：驻马店市 · 2016年 · 地区生产总值增速（/reset 重新开始）</i>')
    expect(formatFollowUp({ ...understood, years: [2016, 2020] })).toContain('驻马店市 · 2016年、2020年 · ')
    expect(formatFollowUp({ ...understood, years: [2012, 2013, 2014] })).toContain('驻马店市 · 2012–2014年 · ')
    expect(formatFollowUp({ ...understood, place: '<甲>镇', year: null, measure: 'value' })).toBe(
      '<i>接着问：&lt;甲&gt;镇 · 地区生产总值（/reset 重新开始）</i>',
    )
  })

  it('lists reports by place with their periods', () => {
    const [text] = formatReports([
      {
        id: '1',
        source: 'a',
        kind: 'work-report',
        place: '牛塘镇',
        level: 'township',
        year: 2022,
        date: '2022-07-14',
        period: '2022年上半年',
        title: 't',
        paragraphs: 1,
      },
      {
        id: '2',
        source: 'b',
        kind: 'work-report',
        place: '牛塘镇',
        level: 'township',
        year: 2023,
        date: null,
        period: '2023年',
        title: 't',
        paragraphs: 1,
      },
      {
        id: '3',
        source: 'c',
        kind: 'work-report',
        place: null,
        level: null,
        year: null,
        date: null,
        period: null,
        title: 't',
        paragraphs: 1,
      },
    ])
    expect(text).toBe('<b>现有3份报告，2个地点</b>\n• 牛塘镇：2022年上半年（2022-07-14）、2023年\n• （地点不详）：时段不详')
  })
})
