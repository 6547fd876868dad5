import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath, scannedPdf } from '@report-qa/test-fixtures'
import { ask } from '../src/answer/ask.ts'
import { askOptions, judge, readQuestions, type EvalQuestion } from '../src/eval/judge.ts'
import { ReportIndex } from '../src/index/report-index.ts'
import { syncIndex } from '../src/index/sync.ts'
import { SCANNED_PDF } from '../src/ingest/pdf.ts'
import type { Report } from '../src/types.ts'
import { tempDir } from './helpers.ts'

/**
 * Reports as they are published: the corpus PDFs (北京市's 2024 work report, 黔东南州's 2023
 * bulletin) and saved bulletin pages (万载县 2015 and 2022, 江西省 2022) of test-fixtures/corpus,
 * indexed as the service indexes them, answer their questions of questions.jsonl with the page
 * of each PDF answer checked against pdftotext's text of that page.
 */
const PDF_DIR = fixturePath('corpus', 'pdf')
/** Questions over these sources that question understanding does not answer yet (see eval.test.ts). */
const NOT_YET = new Set(['q153', 'q154', 'q159'])

let index: ReportIndex
let questions: EvalQuestion[]

beforeAll(async () => {
  index = new ReportIndex()
  await syncIndex(index, fixturePath('corpus'), { scope: 'corpus' })
  questions = (await readQuestions(fixturePath('questions.jsonl'))).filter((q) => /^corpus\/(pdf|html)\//.test(q.source ?? ''))
})

/** pdftotext's text of each page of a corpus PDF, whitespace taken out. */
async function pdftotextPages(pdf: string): Promise<string[]> {
  const text = await readFile(path.join(PDF_DIR, pdf.replace(/\.pdf$/, '.pdftotext')), 'utf8')
  return text.split('\f').map((page) => page.replace(/\s/g, ''))
}

function reportOf(file: string): Report {
  const info = [...index.reports.values()].find((report) => report.source === `corpus/${file}`)
  if (!info) throw new Error(`${file} is not indexed`)
  return index.report(info.id)!
}

describe('the corpus PDFs and saved pages', () => {
  it.each([
    ['pdf/2024年北京市政府工作报告.pdf', 'work-report', '北京市', 'province', 2024, '2023年'],
    [
      'pdf/黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.pdf',
      'statistical-bulletin',
      '黔东南苗族侗族自治州',
      'city',
      2023,
      '2023年',
    ],
    ['html/万载县2015年国民经济和社会发展统计公报.html', 'statistical-bulletin', '万载县', 'county', 2015, '2015年'],
    [
      'html/万载县2022年国民经济和社会发展统计公报 _ 万载县人民政府.html',
      'statistical-bulletin',
      '万载县',
      'county',
      2022,
      '2022年',
    ],
    ['html/江西省2022年国民经济和社会发展统计公报 _ 中国宜春.html', 'statistical-bulletin', '江西省', 'province', 2022, '2022年'],
  ])('%s is a %s of %s (%s), year %i, covering %s', (file, kind, place, level, year, period) => {
    const report = reportOf(file)
    expect({
      kind: report.kind,
      place: report.place,
      level: report.level,
      year: report.year,
      period: report.period?.label,
    }).toEqual({ kind, place, level, year, period })
    expect(report.paragraphs.every((p) => (p.page !== undefined) === file.endsWith('.pdf'))).toBe(true)
  })

  it('parses a bulletin into its numbered sections and its tables, a table row under its caption', () => {
    const bulletin = reportOf('pdf/黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.pdf')
    expect(bulletin.sections.filter((s) => /^[一二三四五六七八九十]+、/.test(s))).toHaveLength(12)
    expect(bulletin.sections.filter((s) => /^表\d+ /.test(s))).toHaveLength(16)
    const pork = bulletin.paragraphs.find((p) => p.text === '#猪肉 万吨 13.49 7.4')!
    expect(pork.sectionPath).toEqual(['二、农业', '表4 2023年主要畜产品产量和牲畜发展情况'])
    expect(pork.page).toBe(5)
    // The paragraph after the table is the section's again.
    const fish = bulletin.paragraphs.find((p) => p.text.startsWith('全年全州水产品产量'))!
    expect(fish.sectionPath).toEqual(['二、农业'])
  })

  it('puts every prose paragraph of a PDF on the pages pdftotext reads it from', async () => {
    for (const file of ['2024年北京市政府工作报告.pdf', '黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.pdf']) {
      const pages = await pdftotextPages(file)
      const paragraphs = reportOf(`pdf/${file}`).paragraphs.filter((p) => /。/.test(p.text))
      expect(paragraphs.length).toBeGreaterThan(40)
      for (const paragraph of paragraphs) {
        const starts = [0, ...(paragraph.pageBreaks ?? [])]
        starts.forEach((start, k) => {
          const onPage = paragraph.text.slice(start, starts[k + 1]).replace(/\s/g, '')
          // pdftotext keeps the footnote markers the reader drops: compare without them.
          const page = pages[paragraph.page! - 1 + k]!.replace(/\[\d{1,2}\]/g, '')
          expect(page, `${file} p${paragraph.page! + k}: ${onPage.slice(0, 40)}`).toContain(onPage.replace(/\[\d{1,2}\]/g, ''))
        })
      }
    }
  })

  it('answers their questions of questions.jsonl, a PDF answer citing the page that holds the figure', async () => {
    expect(questions.filter((q) => q.answerable).length).toBeGreaterThanOrEqual(20)
    for (const question of questions) {
      const answer = ask(index, question.q, askOptions(question))
      if (NOT_YET.has(question.id)) continue
      expect(judge(question, answer), `${question.id} ${question.q}`).toBeNull()
      if (!question.answerable || !question.source!.endsWith('.pdf')) continue
      const first = answer.citations[0]!
      expect(first.page, question.q).toBe(question.page)
      const page = (await pdftotextPages(path.basename(question.source!)))[question.page! - 1]!
      for (const figure of question.expect) expect(page, question.q).toContain(figure)
    }
  })

  it('cites the page a quote is on when its paragraph began on the page before', () => {
    const answer = ask(index, '黔东南苗族侗族自治州食用菌产量是多少')
    const first = answer.citations[0]!
    expect(first.quote.text).toContain('4.25万吨')
    expect(first.page).toBe(4)
    const paragraph = reportOf('pdf/黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.pdf').paragraphs.find(
      (p) => p.ordinal === first.paragraph,
    )!
    expect(paragraph.page).toBe(3)
  })

  it('answers a bulletin for the year of its title, a work report for the year it reviews', () => {
    expect(ask(index, '黔东南苗族侗族自治州2023年地区生产总值是多少').answer).toContain('1329.65亿元')
    expect(ask(index, '北京市2023年地区生产总值是多少').answer).toContain('4.4万亿元')
    expect(ask(index, '北京市2024年地区生产总值是多少').found).toBe(false)
  })
})

describe('a scanned PDF', () => {
  it('is recorded as failed with 扫描件，没有文字层 and indexes nothing, beside a PDF that reads', async () => {
    const temp = await tempDir()
    try {
      await writeFile(path.join(temp.dir, '扫描版.pdf'), await scannedPdf())
      await writeFile(path.join(temp.dir, '北京市.pdf'), await readFile(path.join(PDF_DIR, '2024年北京市政府工作报告.pdf')))
      const scanned = new ReportIndex()
      const sync = await syncIndex(scanned, temp.dir)
      expect(sync.added).toEqual(['北京市.pdf'])
      expect(sync.failed).toEqual([{ source: '扫描版.pdf', error: `扫描版.pdf: ${SCANNED_PDF}` }])
      expect(scanned.failures()).toEqual([{ source: '扫描版.pdf', reason: '扫描件，没有文字层' }])
      expect(scanned.sources.get('扫描版.pdf')?.reportIds).toEqual([])
      expect(scanned.summaries().map((report) => report.source)).toEqual(['北京市.pdf'])
    } finally {
      await temp.dispose()
    }
  })
})
