import MiniSearch from 'minisearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { corpusDir, filesUnder, parseFile, samplePath } from '../../test/helpers.ts'
import { queryTokens, tokenize } from '../text/segmenter.ts'
import type { Report } from '../types.ts'
import { buildUnit, OpenUnit } from './place-unit.ts'
import { MINISEARCH_OPTIONS, SEPARATOR, type PassageDoc } from './search-options.ts'

/** The place's paragraphs indexed the plain way: MiniSearch's own `addAll`. */
function plainMiniSearch(reports: Report[]): MiniSearch<PassageDoc> {
  const search = new MiniSearch(MINISEARCH_OPTIONS)
  reports.forEach((report, r) =>
    search.addAll(
      report.paragraphs.map((p, k) => ({
        id: `${r}#${k}`,
        text: tokenize(p.text).join(SEPARATOR),
        section: tokenize(p.sectionPath.join(' ')).join(SEPARATOR),
      })),
    ),
  )
  return search
}

interface MiniSearchJson {
  documentIds: Record<string, string>
  fieldLength: Record<string, number[]>
  index: [string, Record<string, Record<string, number>>][]
}

function open(bytes: Uint8Array): OpenUnit {
  return OpenUnit.open((offset, length) => bytes.subarray(offset, offset + length))
}

const QUESTIONS = [
  '上半年固定资产投资多少',
  '地区生产总值增长多少',
  '一般公共预算收入',
  '粮食产量',
  '招商引资项目',
  '农村改厕',
  '没有这个词汇的问题',
]

describe('buildUnit', () => {
  let reports: Report[]
  let corpus: Report[]
  beforeAll(async () => {
    reports = [...(await parseFile(samplePath('004'))), ...(await parseFile(samplePath('002')))]
    corpus = (await Promise.all((await filesUnder(corpusDir)).slice(0, 4).map((file) => parseFile(file)))).flat()
  })

  it("writes what MiniSearch's addAll and toJSON make, term for term", () => {
    for (const place of [reports, corpus]) {
      const plain = JSON.parse(JSON.stringify(plainMiniSearch(place))) as MiniSearchJson
      const whole = open(buildUnit(place).bytes).toJs(plain.index.map(([term]) => term))
      expect(Object.fromEntries(whole.index)).toEqual(Object.fromEntries(plain.index))
      // Every document that holds a term, with MiniSearch's id and field lengths; the counts as they are.
      const { documentIds, fieldLength, index: _index, ...counts } = plain
      const held = new Set(plain.index.flatMap(([, fields]) => Object.values(fields).flatMap((docs) => Object.keys(docs))))
      const only = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([doc]) => held.has(doc)))
      expect(whole.documentIds).toEqual(only(documentIds))
      expect(whole.fieldLength).toEqual(only(fieldLength))
      expect(held.size).toBeGreaterThan(Object.keys(documentIds).length * 0.9)
      const { documentIds: _ids, fieldLength: _lengths, index: _terms, ...wholeCounts } = whole
      expect(wholeCounts).toEqual(counts)
    }
  })

  it('ranks every question exactly as the whole MiniSearch index does', () => {
    const plain = plainMiniSearch(corpus)
    const unit = open(buildUnit(corpus).bytes)
    for (const question of QUESTIONS) {
      const query = queryTokens(question).join(SEPARATOR)
      const expected = plain.search(query).map(({ id, score, terms }) => ({ id, score, terms }))
      expect(
        unit.search(query).map(({ id, score, terms }) => ({ id, score, terms })),
        question,
      ).toEqual(expected)
    }
    expect(unit.search(queryTokens('固定资产投资').join(SEPARATOR)).length).toBeGreaterThan(0)
  })

  it('keeps every report’s headings and paragraphs, and names the indicators they hold', () => {
    const built = buildUnit(reports)
    const unit = open(built.bytes)
    expect(unit.reportIds).toEqual(reports.map((report) => report.id))
    reports.forEach((report, r) => expect(unit.text(r)).toEqual({ sections: report.sections, paragraphs: report.paragraphs }))
    expect(built.indicators).toContain('固定资产投资')
    const { report, paragraph } = OpenUnit.locate(String(unit.search(queryTokens('固定资产投资').join(SEPARATOR))[0]!.id))
    expect(unit.text(report).paragraphs[paragraph]!.text).toContain('固定资产投资')
  })

  it('counts what it has read, absent terms included, against the budget of open units', () => {
    const unit = open(buildUnit(reports).bytes)
    const opened = unit.size()
    unit.search(queryTokens('固定资产投资').join(SEPARATOR))
    const searched = unit.size()
    expect(searched).toBeGreaterThan(opened)
    unit.search('没有这个词')
    expect(unit.size()).toBeGreaterThan(searched)
  })

  it('is the same bytes for the same reports, and opens an empty place', () => {
    expect(Buffer.from(buildUnit(reports).bytes).equals(Buffer.from(buildUnit(reports).bytes))).toBe(true)
    const empty = open(buildUnit([]).bytes)
    expect(empty.reportIds).toEqual([])
    expect(empty.search(`固定资产投资${SEPARATOR}增长`)).toEqual([])
  })
})
