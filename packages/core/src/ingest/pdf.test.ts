import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath, scannedPdf } from '@report-qa/test-fixtures'
import { CoreError, isCoreError } from '../errors.ts'
import { pdfToText, SCANNED_PDF } from './pdf.ts'

const BEIJING = '2024年北京市政府工作报告'
const QIANDONGNAN = '黔东南苗族侗族自治州2023年国民经济和社会发展统计公报'
const texts = new Map<string, string>()

beforeAll(async () => {
  for (const name of [BEIJING, QIANDONGNAN])
    texts.set(name, await pdfToText(await readFile(fixturePath('corpus', 'pdf', `${name}.pdf`)), `${name}.pdf`))
})

const lines = (name: string): string[] => texts.get(name)!.replace(/\f/g, '').split('\n')

/** Every number of a text, with how often it occurs. */
function numbers(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const n of text.match(/\d+(?:\.\d+)?/g) ?? []) counts.set(n, (counts.get(n) ?? 0) + 1)
  return counts
}

describe('pdfToText', () => {
  it('reads the 北京 report in reading order, one paragraph a line, 13 pages', () => {
    const text = texts.get(BEIJING)!
    expect(lines(BEIJING).slice(0, 3)).toEqual([
      '各位代表：',
      '现在，我代表北京市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。',
      '一、2023年工作回顾',
    ])
    expect(text.match(/\f/g)).toHaveLength(12)
    expect(lines(BEIJING).length).toBeLessThan(100) // paragraphs, not the PDF's ~600 lines
  })

  it('takes out the spaces WPS sets between Chinese and figures, keeping 5G whole', () => {
    const text = texts.get(BEIJING)!
    expect(text).toContain('全市地区生产总值增长5.2%、约4.4万亿元，一般公共预算收入增长8.2%、突破6000亿元')
    expect(text).toContain('新增5G基站3万个')
    expect(text).not.toMatch(/\p{Script=Han} +[\d\p{Script=Han}]|\d +\p{Script=Han}/u)
  })

  it('drops 黔东南州’s page footers, its footnote superscripts and its letter spacing', () => {
    const text = texts.get(QIANDONGNAN)!
    expect(text).toContain('全年全州生产总值1329.65亿元，比上年增长4.0%')
    expect(text).toContain('规模以上工业增加值比上年增长4.7%')
    expect(text).toContain('第二产业增加值比重为22.1%、第三产业增加值比重为57.0%')
    expect(lines(QIANDONGNAN)).toContain('一、综合')
    expect(lines(QIANDONGNAN).filter((line) => /^[—\s\d]+$/.test(line))).toEqual([])
    expect(text.match(/\f/g)).toHaveLength(20)
  })

  it('keeps each table row as a line of cells, and a paragraph over a page break whole', () => {
    expect(lines(QIANDONGNAN)).toEqual(
      expect.arrayContaining([
        '表4 2023年主要畜产品产量和牲畜发展情况',
        '指标名称 单位 产量 比上年增长(%)',
        '#猪肉 万吨 13.49 7.4',
        '林业 86.95 4.2',
      ]),
    )
    expect(texts.get(QIANDONGNAN)).toContain('全年食用菌收获面\f积2.59万亩')
  })

  it('reads every number pdftotext reads, less the footnote markers and a figure drawn over', async () => {
    for (const name of [BEIJING, QIANDONGNAN]) {
      const reference = (await readFile(fixturePath('corpus', 'pdf', `${name}.pdftotext`), 'utf8'))
        .split(/\n|\f/)
        .filter((line) => !/^—?\s*\d{1,2}\s*—$/.test(line)) // its page footers
        .join('\n')
        .replace(/(?<=\S) ?\[\d{1,2}\]/g, '') // its footnote markers: 值[2]1329.65, 投资 [4] 比
      const expected = numbers(reference)
      // 表12 draws 3.7 over 4.6 for 教育's growth: only 3.7 shows on the page.
      if (name === QIANDONGNAN) expected.set('4.6', expected.get('4.6')! - 1)
      expect(numbers(texts.get(name)!), name).toEqual(expected)
    }
  })

  it('refuses a scan (pictures of pages, no text layer) with 扫描件，没有文字层', async () => {
    const error = await pdfToText(await scannedPdf(1), 'scan.pdf').catch((e: unknown) => e)
    expect(isCoreError(error, 'REPORT_UNREADABLE')).toBe(true)
    expect((error as CoreError).message).toBe(`scan.pdf: ${SCANNED_PDF}`)
  })

  it('refuses bytes that are not a PDF, and a damaged PDF', async () => {
    const notPdf = await pdfToText(new TextEncoder().encode('政府工作报告'), 'a.pdf').catch((e: unknown) => e)
    expect((notPdf as CoreError).message).toBe('a.pdf: not a PDF file')
    const bytes = await readFile(fixturePath('corpus', 'pdf', `${BEIJING}.pdf`))
    const damaged = await pdfToText(bytes.subarray(0, 2000), 'cut.pdf').catch((e: unknown) => e)
    expect(isCoreError(damaged, 'REPORT_UNREADABLE')).toBe(true)
    expect((damaged as CoreError).message).toMatch(/^cut\.pdf: /)
  })

  it('leaves the caller’s bytes as they were', async () => {
    const bytes = await readFile(fixturePath('corpus', 'pdf', `${BEIJING}.pdf`))
    const copy = Buffer.from(bytes)
    await pdfToText(bytes, 'a.pdf')
    expect(bytes.equals(copy)).toBe(true)
  })
})
