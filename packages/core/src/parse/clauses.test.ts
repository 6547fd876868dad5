import { describe, expect, it } from 'vitest'
import { clausesAfter, splitClauses, splitSentences, type Span } from './clauses.ts'

const texts = (text: string, spans: Span[]) => spans.map((span) => text.slice(span.start, span.end))

describe('splitSentences', () => {
  it('ends sentences at 。！？ and at the end of the text', () => {
    const text = '经济运行承压回升。全镇完成地区生产总值45.2亿元！还有什么？最后一句'
    expect(texts(text, splitSentences(text))).toEqual([
      '经济运行承压回升',
      '全镇完成地区生产总值45.2亿元',
      '还有什么',
      '最后一句',
    ])
  })

  it('does not split inside brackets', () => {
    const text = '全镇完成地区生产总值45.2亿元（预计数。下同），同比下降12.43%。其他。'
    expect(texts(text, splitSentences(text))).toEqual(['全镇完成地区生产总值45.2亿元（预计数。下同），同比下降12.43%', '其他'])
  })

  it('keeps decimals whole', () => {
    const text = '固定资产投资21.95亿元,同比增长13%。'
    expect(texts(text, splitSentences(text))).toEqual(['固定资产投资21.95亿元,同比增长13%'])
  })
})

describe('splitClauses', () => {
  it('splits at ，,；;：:。 outside brackets and leaves the delimiters out', () => {
    const text = '1-6月,全镇完成地区生产总值45.2亿元(预计数,下同),同比下降12.43%;固定资产投资21.95亿元,同比增长13%。'
    expect(texts(text, splitClauses(text))).toEqual([
      '1-6月',
      '全镇完成地区生产总值45.2亿元(预计数,下同)',
      '同比下降12.43%',
      '固定资产投资21.95亿元',
      '同比增长13%',
    ])
  })

  it('does not split inside full-width or nested brackets', () => {
    const text = '发放救助款项430.35万元（含临时救助（共12户，6万元）等），惠及群众1200人次'
    expect(texts(text, splitClauses(text))).toEqual([
      '发放救助款项430.35万元（含临时救助（共12户，6万元）等）',
      '惠及群众1200人次',
    ])
  })

  it('reads the first few clauses after the end of one as the whole text’s split does', () => {
    const text = '1-6月,全镇完成地区生产总值45.2亿元(预计数,下同),同比下降12.43%;固定资产投资21.95亿元,同比增长13%。'
    const all = splitClauses(text)
    expect(clausesAfter(text, all[1]!.end, 2)).toEqual(all.slice(2, 4))
    expect(clausesAfter(text, all[1]!.end, 9)).toEqual(all.slice(2))
  })

  it('gives spans that lie inside the text in order, without overlap', () => {
    const text = '一、克难求进,经济发展保持稳健态势。经济运行承压回升。1-6月,全镇完成地区生产总值45.2亿元(预计数,下同)；；,,。'
    let last = 0
    for (const span of splitClauses(text)) {
      expect(span.start).toBeGreaterThanOrEqual(last)
      expect(span.end).toBeGreaterThan(span.start)
      expect(span.end).toBeLessThanOrEqual(text.length)
      last = span.end
    }
  })

  it('keeps a ratio whole and lets an unclosed bracket protect its delimiters for 80 characters only', () => {
    const ratio = '三次产业结构调整为22.3：31.5：46.2，比例更优'
    expect(texts(ratio, splitClauses(ratio))).toEqual(['三次产业结构调整为22.3：31.5：46.2', '比例更优'])
    // The first ， is 4 characters after the bracket, the second 81.
    const text = `（未闭合，${'甲'.repeat(76)}，已出括号，乙`
    expect(texts(text, splitClauses(text))).toEqual([`（未闭合，${'甲'.repeat(76)}`, '已出括号', '乙'])
  })

  it('gives nothing for an empty text or delimiters only', () => {
    expect(splitClauses('')).toEqual([])
    expect(splitClauses('，。；')).toEqual([])
  })
})
