import { readFile } from 'node:fs/promises'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '@report-qa/test-fixtures'
import { isCoreError } from '../errors.ts'
import { htmlToText } from './html.ts'
import { bytesToText } from './read-report-file.ts'

const page = (name: string): Promise<Buffer> => readFile(fixturePath('corpus', 'html', name))
const WANZAI_2022 = '万载县2022年国民经济和社会发展统计公报 _ 万载县人民政府.html'
const WANZAI_2015 = '万载县2015年国民经济和社会发展统计公报.html'
const JIANGXI = '江西省2022年国民经济和社会发展统计公报 _ 中国宜春.html'

describe('htmlToText', () => {
  it('takes the article of a saved portal page, its title first, and leaves the portal out', async () => {
    const raw = (await page(WANZAI_2022)).toString('utf8')
    expect(raw).toMatch(/访问量|您当前所在位置/) // the chrome is in the file…
    const text = htmlToText(await page(WANZAI_2022), WANZAI_2022)
    const lines = text.split('\n')
    expect(lines[0]).toBe('万载县2022年国民经济和社会发展统计公报')
    expect(lines).toContain('一、综合')
    expect(text).toContain('全年实现生产总值(GDP)262.6亿元')
    expect(text).not.toMatch(/访问量|您当前所在位置|索引号|发布机构|网站地图|主办单位/) // …and not in the text
  })

  it('keeps a table row as one line of cells', async () => {
    const lines = htmlToText(await page(WANZAI_2015), WANZAI_2015).split('\n')
    expect(lines).toEqual(expect.arrayContaining(['产品名称 计量单位 产量 较上年±%', '饮料酒 千升 15767 18.64']))
    expect(lines[0]).toBe('万载县2015年国民经济和社会发展统计公报') // the title is the article's own first line here
  })

  it('reads a GBK page by the charset it declares, and one that declares none', async () => {
    const utf8 = (await page(WANZAI_2022)).toString('utf8')
    const expected = htmlToText(await page(WANZAI_2022), WANZAI_2022)
    // GB18030 is GBK that also encodes the page's few characters outside GBK (non-breaking spaces).
    const declared = iconv.encode(utf8.replace(/charset=UTF-8/i, 'charset=gbk'), 'gb18030')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(declared)).toThrow() // really GBK
    expect(htmlToText(declared, 'gbk.html')).toBe(expected)
    const undeclared = iconv.encode(utf8.replace(/<meta[^>]*charset[^>]*>/gi, ''), 'gb18030')
    expect(htmlToText(undeclared, 'gbk2.html')).toBe(expected)
  })

  it('leaves a footnote marker out of the figure it stands against (in cleaning)', async () => {
    const raw = htmlToText(await page(JIANGXI), JIANGXI)
    expect(raw).toContain('全年地区生产总值[2]32074.7亿元')
    const text = await bytesToText(await page(JIANGXI), JIANGXI)
    expect(text).toContain('全年地区生产总值32074.7亿元')
    expect(text.split('\n')).toContain('01综合')
  })

  it('refuses a page with no article', async () => {
    const error = await bytesToText(new TextEncoder().encode('<html><body><nav>首页</nav></body></html>'), 'empty.html').catch(
      (e: unknown) => e,
    )
    expect(isCoreError(error, 'REPORT_UNREADABLE')).toBe(true)
  })
})
