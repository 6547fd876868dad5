import { describe, expect, it, beforeAll } from 'vitest'
import { fixturePath } from '@report-qa/test-fixtures'
import type { Report } from '../types.ts'
import { parseFile, samplePath, SAMPLES } from '../../test/helpers.ts'
import { parseReports } from './parse-report.ts'

let reports: Map<string, Report>

/** The sample reports by place, parsed once. */
beforeAll(async () => {
  reports = new Map()
  for (const name of Object.keys(SAMPLES) as (keyof typeof SAMPLES)[]) {
    for (const report of await parseFile(samplePath(name))) reports.set(report.place ?? `?${name}`, report)
  }
})

function report(place: string): Report {
  const found = reports.get(place)
  if (!found) throw new Error(`no report for ${place}; have ${[...reports.keys()].join(', ')}`)
  return found
}

function paragraphWith(place: string, text: string) {
  const found = report(place).paragraphs.find((paragraph) => paragraph.text.includes(text))
  if (!found) throw new Error(`no paragraph of ${place} holds ${text}`)
  return found
}

describe('parseReports: metadata of the sample reports', () => {
  it('finds the seven places, all townships', () => {
    expect([...reports.keys()].sort()).toEqual(['东明镇', '北蔡镇', '城关镇', '孙岗镇', '济阳镇', '牛塘镇', '留庄镇'].sort())
    for (const r of reports.values()) expect(r.level, r.place ?? '').toBe('township')
  })

  it.each([
    ['城关镇', SAMPLES['000']],
    ['济阳镇', SAMPLES['001']],
    ['留庄镇', SAMPLES['002']],
    ['北蔡镇', SAMPLES['002']],
    ['孙岗镇', SAMPLES['002']],
    ['东明镇', SAMPLES['003']],
    ['牛塘镇', SAMPLES['004']],
  ])('reads %s from %s', (place, source) => {
    expect(report(place).source).toBe(source)
  })

  it('reads 牛塘镇 from the dateline split over two lines in 004 (no title line)', async () => {
    const [only] = await parseFile(samplePath('004'))
    expect(only?.place).toBe('牛塘镇')
  })

  it('reads 北蔡镇 from the body when the opening says 我代表XX镇人民政府', () => {
    expect(report('北蔡镇').paragraphs[0]?.text).toContain('我代表XX镇人民政府') // the placeholder is there
    expect(report('北蔡镇').place).toBe('北蔡镇')
  })

  it('reads 孙岗镇 from the body when the opening says 我代表镇人民政府', () => {
    expect(report('孙岗镇').place).toBe('孙岗镇')
  })

  it('gives every report an id unique and stable across parses', async () => {
    const ids = [...reports.values()].map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    const again = await parseFile(samplePath('002'))
    expect(again.map((r) => r.id)).toEqual(['留庄镇', '北蔡镇', '孙岗镇'].map((place) => report(place).id))
  })

  it.each([
    ['城关镇', 2023],
    ['济阳镇', 2022],
    ['留庄镇', 2023],
    ['北蔡镇', 2023],
    ['孙岗镇', 2023],
    ['东明镇', 2023],
    ['牛塘镇', 2022],
  ])('reads the year %s delivered its report: %i', (place, year) => {
    expect(report(place).year).toBe(year)
  })

  it.each([
    ['牛塘镇', '2022-07-14'],
    ['城关镇', '2023-05-20'],
    ['济阳镇', '2022-12-09'],
    ['东明镇', '2023-12'],
    ['北蔡镇', null],
  ])('reads the date of %s: %s', (place, date) => {
    expect(report(place).date).toBe(date)
  })

  it.each([
    ['牛塘镇', { year: 2022, kind: 'half', throughMonth: 6, label: '2022年上半年' }],
    ['城关镇', { year: 2023, kind: 'half', throughMonth: 6, label: '2023年上半年' }],
    ['济阳镇', { year: 2022, kind: 'year', throughMonth: 12, label: '2022年' }],
    ['东明镇', { year: 2023, kind: 'year', throughMonth: 12, label: '2023年' }],
    ['北蔡镇', { year: 2023, kind: 'year', throughMonth: 12, label: '2023年' }],
  ])('reads the period %s reviews', (place, period) => {
    expect(report(place).period).toEqual(period)
  })

  // BUG: 孙岗镇's salutation is 各位代表、同志们: so the header runs on to the first long line and
  // swallows the review heading 一、今年以来主要工作回顾; the period falls back to the whole year
  // (actual 2023年) and the review paragraphs get part 'other'.
  it('reads 孙岗镇 as reviewing 2023年1-10月 (截至10月底)', () => {
    expect(report('孙岗镇').period).toEqual({ year: 2023, kind: 'months', throughMonth: 10, label: '2023年1-10月' })
  })

  it.each([
    ['海拉尔区_2017', fixturePath('corpus', 'county', '海拉尔区_2017.txt'), 2017, 2016],
    ['海拉尔区_2019 (GBK)', fixturePath('corpus', 'encodings', '海拉尔区_2019_gbk_crlf.txt'), 2019, 2018],
    ['海拉尔区_2016', fixturePath('corpus', 'county', '海拉尔区_2016.txt'), 2016, 2015],
    ['海拉尔区_2018', fixturePath('corpus', 'county', '海拉尔区_2018.txt'), 2018, 2017],
  ])('reads %s as delivered in its year and reviewing the year before', async (_name, file, delivered, reviewed) => {
    const [only] = await parseFile(file)
    expect(only?.place).toBe('海拉尔区')
    expect(only?.level).toBe('county')
    expect(only?.year).toBe(delivered)
    expect(only?.period).toEqual({ year: reviewed, kind: 'year', throughMonth: 12, label: `${reviewed}年` })
  })

  it.each([
    ['城关镇', '政府工作报告'],
    ['留庄镇', '乡镇政府2023工作报告'],
    ['北蔡镇', '乡镇政府2023工作报告'],
    ['东明镇', '政府工作报告'],
    ['牛塘镇', '牛塘镇政府工作报告'], // no title line: made from the place
  ])('reads the title of %s: %s', (place, title) => {
    expect(report(place).title).toBe(title)
  })

  it.each([
    ['牛塘镇', '汤枫'], // spaced 汤 枫 on its own line
    ['城关镇', '马青松'], // after 城关镇人民政府镇长
    ['济阳镇', '吴存良'],
    ['东明镇', '路凤海'],
    ['北蔡镇', null],
  ])('reads the speaker of %s: %s', (place, speaker) => {
    expect(report(place).speaker).toBe(speaker)
  })
})

describe('parseReports: the State Council’s reports', () => {
  it('are 全国’s by what they say, whatever the file is called, and old openings too', () => {
    const opening = (text: string) =>
      parseReports(`各位代表：\n\n${text}\n\n一、过去一年的工作\n\n国内生产总值增长5%。`, 'upload/report.txt')[0]!
    expect(opening('现在，我代表国务院，向大会报告政府工作，请予审议。').place).toBe('全国')
    expect(opening('现在，我受国务院的委托，向全国人民代表大会报告政府工作。').place).toBe('全国')
    expect(opening('我现在根据国务院的决定，向第二届全国人民代表大会第一次会议作政府工作报告。').place).toBe('全国')
    // A province’s report that thanks the State Council is not the State Council’s.
    expect(opening('现在，我代表省人民政府，向大会报告工作。在党中央、国务院的坚强领导下，河北省经济稳中向好。').place).not.toBe(
      '全国',
    )
  })
})

describe('parseReports: headings', () => {
  it('lists 000 headings 一、 and （一） in document order', () => {
    expect(report('城关镇').sections).toEqual([
      '一、上半年工作回顾',
      '（一）我们着力夯基础、重保障，凝心聚力促发展',
      '（二）我们着力保安全、守底线，锲而不舍稳大局',
      '（三）我们着力优环境、办实事，全力以赴保民生',
      '二、下半年工作安排',
    ])
  })

  it('nests （一） under 一、 in a paragraph’s section path', () => {
    expect(paragraphWith('城关镇', '项目建设扎实开展').sectionPath).toEqual([
      '一、上半年工作回顾',
      '（一）我们着力夯基础、重保障，凝心聚力促发展',
    ])
  })

  it('reads bare part headings (2023年工作回顾, 2024年工作安排) and —— headings in 003', () => {
    const sections = report('东明镇').sections
    expect(sections[0]).toBe('2023年工作回顾')
    expect(sections).toContain('——全力以赴拼经济、强产业，发展态势更加稳健')
    expect(sections).toContain('2024年工作安排')
    expect(paragraphWith('东明镇', '现代农业质效齐增').sectionPath).toEqual([
      '2023年工作回顾',
      '——全力以赴拼经济、强产业，发展态势更加稳健',
    ])
    expect(paragraphWith('东明镇', '推动农业提质增效').sectionPath).toEqual(['2024年工作安排', '一、更高质量赋能现代化产业经济'])
  })

  it('reads a heading that runs into its paragraph (004: 二、克难求进,经济发展保持稳健态势。…)', () => {
    const sections = report('牛塘镇').sections
    expect(sections[0]).toBe('2022年上半年工作回顾')
    expect(sections).toContain('二、克难求进,经济发展保持稳健态势')
    expect(sections).toContain('2022年下半年主要工作任务')
    const paragraph = paragraphWith('牛塘镇', '固定资产投资21.95亿元')
    expect(paragraph.text.startsWith('二、克难求进,经济发展保持稳健态势。经济运行承压回升。')).toBe(true)
    expect(paragraph.sectionPath).toEqual(['2022年上半年工作回顾', '二、克难求进,经济发展保持稳健态势'])
  })

  it('reads half-width (一) and 第一, headings in 北蔡镇', () => {
    const sections = report('北蔡镇').sections
    expect(sections).toContain('(一)“六稳”“六保”取得积极成效')
    expect(sections).toContain('第一,聚焦增强新动能,着力稳增长、优结构')
    const second = sections.indexOf('二、2023年主要任务')
    expect(second).toBeGreaterThan(0)
    expect(sections.indexOf('第一,聚焦增强新动能,着力稳增长、优结构')).toBeGreaterThan(second)
  })

  it('reads 一、2022年以来工作完成情况 and 二、 2023年的工作计划 in 001', () => {
    const sections = report('济阳镇').sections
    expect(sections[0]).toBe('一、2022年以来工作完成情况')
    expect(sections.some((s) => /^二、\s*2023年的工作计划$/.test(s))).toBe(true)
  })
})

describe('parseReports: paragraphs', () => {
  it('gives every paragraph an increasing ordinal, a section path and a part', () => {
    for (const r of reports.values()) {
      let last = 0
      expect(r.paragraphs.length, r.place ?? '').toBeGreaterThan(10)
      for (const p of r.paragraphs) {
        expect(Number.isInteger(p.ordinal)).toBe(true)
        expect(p.ordinal).toBeGreaterThan(last)
        last = p.ordinal
        expect(Array.isArray(p.sectionPath)).toBe(true)
        for (const heading of p.sectionPath) expect(r.sections).toContain(heading)
        expect(['review', 'plan', 'other']).toContain(p.part)
        expect(p.text.length).toBeGreaterThan(0)
      }
    }
  })

  it('gives the 004 paragraph with 固定资产投资21.95亿元 ordinal 9, its section and part review', () => {
    const paragraph = paragraphWith('牛塘镇', '固定资产投资21.95亿元')
    expect(paragraph.ordinal).toBe(9)
    expect(paragraph.sectionPath.at(-1)).toBe('二、克难求进,经济发展保持稳健态势')
    expect(paragraph.part).toBe('review')
  })

  it('marks 000 paragraphs under 一、上半年工作回顾 review and under 二、下半年工作安排 plan', () => {
    const paragraphs = report('城关镇').paragraphs
    const review = paragraphs.filter((p) => p.sectionPath[0] === '一、上半年工作回顾')
    const plan = paragraphs.filter((p) => p.sectionPath[0] === '二、下半年工作安排')
    expect(review.length).toBeGreaterThan(5)
    expect(plan.length).toBeGreaterThan(3)
    for (const p of review) expect(p.part).toBe('review')
    for (const p of plan) expect(p.part).toBe('plan')
    expect(paragraphs.filter((p) => p.sectionPath.length === 0).map((p) => p.part)).toEqual(['other'])
  })

  it.each([
    ['牛塘镇', '2022年上半年工作回顾', '2022年下半年主要工作任务'],
    ['东明镇', '2023年工作回顾', '2024年工作安排'],
    ['济阳镇', '一、2022年以来工作完成情况', null],
    ['北蔡镇', '一、2023年工作回顾', '二、2023年主要任务'],
  ])('marks %s paragraphs by the part heading they sit under', (place, reviewHeading, planHeading) => {
    for (const p of report(place).paragraphs) {
      if (p.sectionPath[0] === reviewHeading) expect(p.part, p.text.slice(0, 30)).toBe('review')
      else if (planHeading !== null && p.sectionPath[0] === planHeading) expect(p.part, p.text.slice(0, 30)).toBe('plan')
    }
    expect(report(place).paragraphs.filter((p) => p.part === 'review').length).toBeGreaterThan(3)
    expect(report(place).paragraphs.filter((p) => p.part === 'plan').length).toBeGreaterThan(3)
  })

  // BUG (same cause as the period above): the review heading 一、今年以来主要工作回顾 is taken for
  // part of the header, so 孙岗镇's review paragraphs (截至10月底,全镇实现财政收入4720万元…) are 'other'.
  it('marks 孙岗镇 paragraphs under 一、今年以来主要工作回顾 review', () => {
    expect(report('孙岗镇').sections[0]).toBe('一、今年以来主要工作回顾')
    expect(paragraphWith('孙岗镇', '财政收入4720万元').part).toBe('review')
  })

  it('counts title and dateline lines in the ordinal (004 has no title: line 9 is ordinal 9)', () => {
    expect(report('牛塘镇').paragraphs[0]?.ordinal).toBe(5) // 1-2 dateline, 3 speaker, 4 各位代表
  })

  it('parses a synthetic report with 1. and (1) headings under 一、', () => {
    const body = '本镇经济运行总体平稳，各项事业取得新进展，全年完成各项目标任务，为下一步发展奠定了坚实基础。'
    const text = [
      '测试镇政府工作报告',
      '——2023年1月10日在测试镇第一届人民代表大会第一次会议上',
      '各位代表：',
      '一、2022年工作回顾',
      body,
      '1.经济发展',
      '全镇完成固定资产投资3.5亿元，同比增长8%，' + body,
      '(1)工业',
      '规模以上工业产值12亿元，' + body,
      '二、2023年工作安排',
      '力争固定资产投资达到4亿元，' + body,
      ...Array.from({ length: 20 }, () => body),
    ].join('\n')
    const [only] = parseReports(text, 'test.txt')
    expect(only?.place).toBe('测试镇')
    expect(only?.date).toBe('2023-01-10')
    expect(only?.period?.label).toBe('2022年')
    expect(only?.sections).toEqual(['一、2022年工作回顾', '1.经济发展', '(1)工业', '二、2023年工作安排'])
    const byText = (needle: string) => only?.paragraphs.find((p) => p.text.includes(needle))
    expect(byText('固定资产投资3.5亿元')?.sectionPath).toEqual(['一、2022年工作回顾', '1.经济发展'])
    expect(byText('规模以上工业产值12亿元')?.sectionPath).toEqual(['一、2022年工作回顾', '1.经济发展', '(1)工业'])
    expect(byText('规模以上工业产值12亿元')?.part).toBe('review')
    expect(byText('力争固定资产投资达到4亿元')?.part).toBe('plan')
    expect(byText('力争固定资产投资达到4亿元')?.sectionPath).toEqual(['二、2023年工作安排'])
  })
})
