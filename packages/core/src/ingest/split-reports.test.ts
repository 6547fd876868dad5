import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath, reportsDir } from '@report-qa/test-fixtures'
import { parseReports } from '../parse/parse-report.ts'
import { readReportFile } from './read-report-file.ts'
import { splitReports } from './split-reports.ts'
import { corpusDir, filesUnder, SAMPLES, samplePath } from '../../test/helpers.ts'

describe('splitReports', () => {
  it('splits 002 into three reports: 留庄镇, 北蔡镇, 孙岗镇, in that order', async () => {
    const text = await readReportFile(samplePath('002'))
    const parts = splitReports(text)
    expect(parts).toHaveLength(3)
    for (const part of parts) expect(part.split('\n')[0]).toBe('乡镇政府2023工作报告')
    // The README's line ranges: 留庄镇 1-28, 北蔡镇 29-80, 孙岗镇 81-119.
    expect(parts.map((part) => part.split('\n').length)).toEqual([28, 52, 39])
    expect(parts.join('\n')).toBe(text)
    const places = parseReports(text, SAMPLES['002']).map((report) => report.place)
    expect(places).toEqual(['留庄镇', '北蔡镇', '孙岗镇'])
  })

  it.each(['000', '001', '003', '004'] as const)('keeps sample %s as one report', async (name) => {
    const text = await readReportFile(samplePath(name))
    expect(splitReports(text)).toEqual([text])
  })

  it('does not split a body repeated twice into two reports', async () => {
    for (const file of ['河北省_2006_report.txt', '河北省_2010_report.txt']) {
      const text = await readReportFile(fixturePath('corpus', 'province', file))
      expect(splitReports(text), file).toHaveLength(1)
    }
  })

  it('finds one report in every messy corpus file', async () => {
    for (const file of await filesUnder(corpusDir)) {
      const reports = parseReports(await readReportFile(file), path.relative(corpusDir, file))
      expect(reports, path.basename(file)).toHaveLength(1)
    }
  })

  it('gives seven reports over the five sample files', async () => {
    let count = 0
    for (const file of await filesUnder(reportsDir)) count += splitReports(await readReportFile(file)).length
    expect(count).toBe(7)
  })

  it('leaves a short text whole', () => {
    expect(splitReports('政府工作报告\n各位代表：\n现在，我代表牛塘镇人民政府向大会作工作报告。')).toHaveLength(1)
  })
})
