import nodejieba from 'nodejieba'
import { describe, expect, it } from 'vitest'
import { ReportIndex } from '../index/report-index.ts'
import { canonicalize, canonicalizeSpans, queryTokens, tokenize } from './segmenter.ts'
import { splitClauses } from '../parse/clauses.ts'
import { parseFile, samplePath, SAMPLES } from '../../test/helpers.ts'

describe('tokenize', () => {
  it('keeps numbers whole: 21.95, 13%, 45.2, 12.43%', () => {
    const tokens = tokenize('1-6月,全镇完成地区生产总值45.2亿元(预计数,下同),同比下降12.43%;固定资产投资21.95亿元,同比增长13%')
    for (const number of ['21.95', '13%', '45.2', '12.43%']) expect(tokens).toContain(number)
    for (const piece of ['21', '95', '.', '2', '1', '12', '43']) expect(tokens).not.toContain(piece)
  })

  it('keeps years and month ranges whole: 2022年, 1-10月', () => {
    expect(tokenize('2022年1-10月')).toEqual(['2022年', '1-10月'])
    expect(tokenize('2023年1至10月')).toEqual(['2023年', '1-10月'])
  })

  it('reads full-width digits and ％ as half-width', () => {
    expect(tokenize('增长１０.１％')).toContain('10.1%')
    expect(tokenize('增长10.1％')).toContain('10.1%')
  })

  it('keeps an indicator as one token besides its parts', () => {
    const tokens = tokenize('固定资产投资21.95亿元')
    expect(tokens).toContain('固定资产投资')
    for (const part of ['固定', '资产', '投资']) expect(tokens).toContain(part)
    expect(tokenize('优良天数比率72.6%')).toContain('优良天数比率')
    expect(tokenize('开展消防安全检查60余家次')).toContain('消防安全检查')
  })

  it('knows a place name once a report of that place is indexed (牛塘镇 after 004)', async () => {
    // Each test file runs in a fresh process, so the dictionary does not know 牛塘 yet.
    expect(tokenize('牛塘镇固定资产投资')).not.toContain('牛塘镇')
    const index = new ReportIndex()
    index.upsertSource('004.txt', { hash: 'x' }, await parseFile(samplePath('004')))
    const tokens = tokenize('牛塘镇固定资产投资')
    expect(tokens).toContain('牛塘镇')
    expect(tokens).not.toContain('塘')
    expect(queryTokens('牛塘上半年固投多少')).toContain('牛塘')
  })
})

describe('nodejieba', () => {
  it('cuts Han runs joined by line breaks into the words of each run, each break a word of its own', async () => {
    // What lets tokenize cut all the runs of a text in one call.
    for (const sample of Object.keys(SAMPLES) as (keyof typeof SAMPLES)[]) {
      for (const report of await parseFile(samplePath(sample))) {
        for (const paragraph of report.paragraphs) {
          const runs = canonicalize(paragraph.text).match(/\p{Script=Han}+/gu) ?? []
          for (const cut of [nodejieba.cutForSearch, nodejieba.cut]) {
            const apart = runs.flatMap((run, i) => [...(i > 0 ? ['\n'] : []), ...cut(run)])
            expect(cut(runs.join('\n'))).toEqual(apart)
          }
        }
      }
    }
  })
})

describe('canonicalize', () => {
  it.each([
    ['GDP', '地区生产总值'],
    ['gdp', '地区生产总值'],
    ['ＧＤＰ', '地区生产总值'],
    ['生产总值', '地区生产总值'],
    ['地区生产总值', '地区生产总值'],
    ['国内生产总值', '地区生产总值'],
    ['人均生产总值', '人均地区生产总值'],
    ['单位生产总值能耗', '单位地区生产总值能耗'],
    ['城乡居民人均可支配收入', '城镇居民人均可支配收入和农村居民人均可支配收入'],
    ['固投', '固定资产投资'],
    ['规上工业产值', '规模以上工业产值'],
    ['1-6月', '上半年'],
    ['1到6月', '上半年'],
    ['1—6月份', '上半年'],
    ['前6个月', '上半年'],
    ['1至10月', '1-10月'],
    ['社零', '社会消费品零售总额'],
  ])('maps %s to %s', (text, canonical) => {
    expect(canonicalize(text)).toBe(canonical)
  })

  it('leaves 11-6月 and 2.1-6月 alone', () => {
    expect(canonicalize('11-6月')).not.toContain('上半年')
  })
})

describe('queryTokens', () => {
  it('drops filler words (多少, 是, 什么, 的)', () => {
    const tokens = queryTokens('牛塘镇上半年固定资产投资是多少')
    for (const filler of ['多少', '是', '什么']) expect(tokens).not.toContain(filler)
    expect(tokens).toContain('固定资产投资')
    expect(tokens).toContain('上半年')
    expect(queryTokens('城关镇消防安全检查的数据是什么')).not.toContain('什么')
  })

  it('maps synonyms the way indexed text is mapped', () => {
    expect(queryTokens('GDP是多少')).toContain('地区生产总值')
    expect(queryTokens('固投多少')).toContain('固定资产投资')
    expect(queryTokens('规上工业产值')).toContain('规模以上工业产值')
    expect(queryTokens('1-6月')).toContain('上半年')
  })

  it('gives each token once', () => {
    const tokens = queryTokens('GDP生产总值地区生产总值')
    expect(tokens).toEqual([...new Set(tokens)])
  })
})

describe('canonicalizeSpans', () => {
  it('gives canonicalize of each span, whether or not a synonym applies', () => {
    const texts = [
      '全镇ＧＤＰ完成45.2亿元，同比增长8%；固投21.95亿元。',
      '全镇地区生产总值完成45.2亿元，同比增长8%。',
      'Ａｂｃ，1-6月，规上工业增加值。',
    ]
    for (const text of texts) {
      const spans = splitClauses(text)
      expect(canonicalizeSpans(text, spans), text).toEqual(spans.map((span) => canonicalize(text.slice(span.start, span.end))))
    }
  })
})
