import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedDir } from '@report-qa/test-fixtures'
import { readReportFile } from '../src/ingest/read-report-file.ts'
import { listReportFiles } from '../src/index/sync.ts'
import { parseReports } from '../src/parse/parse-report.ts'
import { shortForms } from '../src/places/gazetteer.ts'
import type { Report } from '../src/types.ts'

/** The full messy corpus (276 files) beside the repository; the fixtures hold a sample of it. */
const CORPUS = sharedDir ? path.join(sharedDir, 'corpus') : ''
const present = sharedDir !== null
const reports: Report[] = []
const failures: string[] = []
let files: string[] = []

beforeAll(async () => {
  if (!present) return
  files = await listReportFiles(CORPUS)
  for (const file of files) {
    try {
      reports.push(...parseReports(await readReportFile(path.join(CORPUS, file), file), file))
    } catch (error) {
      failures.push(`${file}: ${(error as Error).message}`)
    }
  }
}, 60_000)

describe.skipIf(!present)(
  `the corpus at ${present ? CORPUS : '../shared/corpus (absent beside the repository: skipped)'}`,
  () => {
    it('ingests every file without a crash', () => {
      expect(files.length).toBeGreaterThan(200)
      expect(failures).toEqual([])
      expect(reports.length).toBeGreaterThanOrEqual(files.length)
    })

    it('finds place and year for at least 95% of the reports', () => {
      const missing = reports.filter((report) => report.place === null || report.year === null)
      expect(1 - missing.length / reports.length, missing.map((r) => r.source).join('\n')).toBeGreaterThanOrEqual(0.95)
    })

    it('finds a place the file name agrees with for at least 95% of the reports', () => {
      const disagree = reports.filter((report) => {
        const name = path.basename(report.source)
        if (report.place === '全国') return !name.includes('国务院')
        return (
          report.place === null ||
          ![
            report.place,
            ...shortForms(report.place, report.level === 'national' || !report.level ? 'county' : report.level),
          ].some((alias) => name.includes(alias))
        )
      })
      expect(
        1 - disagree.length / reports.length,
        disagree.map((r) => `${r.source}: ${r.place}`).join('\n'),
      ).toBeGreaterThanOrEqual(0.95)
    })

    it('finds a review period for at least 95% of the reports', () => {
      const without = reports.filter((report) => report.period === null)
      expect(1 - without.length / reports.length, without.map((r) => r.source).join('\n')).toBeGreaterThanOrEqual(0.95)
    })

    it('gives every report paragraphs, and finds a review part in at least 80% of them', () => {
      for (const report of reports) expect(report.paragraphs.length, report.source).toBeGreaterThan(0)
      // A floor, not a goal: 81% when written. Old national reports have no 回顾 heading at all, but
      // some misses are parser gaps (一、关于2012年政府工作, and the 各位代表、同志们 header bug).
      const reviewed = reports.filter((report) => report.paragraphs.some((p) => p.part === 'review'))
      expect(reviewed.length / reports.length).toBeGreaterThanOrEqual(0.8)
    })

    // county/安新县2024年政府工作报告.txt is a 新安县 report (全景新安, 技能洛阳) that never names
    // itself in full and says 我代表县人民政府: the county its body names most is 新安县 (洛阳市).
    it('finds 新安县 for county/安新县2024年政府工作报告.txt, whatever its file is called', () => {
      const report = reports.find((r) => r.source === 'county/安新县2024年政府工作报告.txt')
      expect(report).toMatchObject({ place: '新安县', placeCode: '410323', parents: ['河南省', '洛阳市'] })
    })

    it('resolves at least 95% of the reports to one division of the gazetteer (or the country)', () => {
      const unresolved = reports.filter((report) => report.place !== '全国' && report.placeCode === null)
      expect(
        1 - unresolved.length / reports.length,
        unresolved.map((r) => `${r.source}: ${r.place}`).join('\n'),
      ).toBeGreaterThanOrEqual(0.95)
    })

    it.each([
      ['county/保定市满城区2022年政府工作报告.txt', '满城区', ['河北省', '保定市']],
      ['county/保定市清苑区2003年政府工作报告.txt', '清苑县', ['河北省', '保定市']],
      ['county/海拉尔区_2016.txt', '海拉尔区', ['内蒙古自治区', '呼伦贝尔市']],
      ['province/2025年宁夏政府工作报告.txt', '宁夏回族自治区', []],
      ['city/驻马店市_2017_二O一七年政府工作报告.txt', '驻马店市', ['河南省']],
    ])('%s is delivered by %s (parents %j)', (source, place, parents) => {
      expect(reports.find((r) => r.source === source)).toMatchObject({ place, parents })
    })

    it.each([
      ['province/河北省_2026_report.txt', 2025, 2026],
      ['province/河北省_2018_report.txt', 2018, 2019],
      ['city/保定市_2006_report.txt', 2006, 2007],
      ['city/保定市_2023_report.txt', 2022, 2023],
      ['city/驻马店市_2014_二O一二年政府工作报告.txt', 2011, 2012],
      ['county/米易县2024年政府工作报告.txt', 2021, 2022],
      ['national/2013年中华人民共和国国务院政府工作报告.txt', 2012, 2013],
    ])('%s reviews %i and plans %i (its own text, not its file name)', (source, reviewed, planned) => {
      const report = reports.find((r) => r.source === source)
      expect(report?.period?.year).toBe(reviewed)
      expect(report?.planYear).toBe(planned)
    })
  },
)
