import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath, reportsDir } from '@report-qa/test-fixtures'
import type { Report } from '../src/types.ts'
import { corpusDir, filesUnder, parseFile } from './helpers.ts'

/**
 * Golden files of parser output: metadata, headings and, per paragraph, its ordinal, part and
 * innermost heading. A change in the parser shows up as a diff of these files; review it and run
 * `pnpm --filter @report-qa/core test -u` to accept it.
 */
function outline(report: Report) {
  return {
    source: report.source,
    place: report.place,
    level: report.level,
    year: report.year,
    date: report.date,
    period: report.period?.label ?? null,
    title: report.title,
    speaker: report.speaker,
    sections: report.sections,
    paragraphs: report.paragraphs.map((p) => `${p.ordinal} ${p.part} ${p.sectionPath.at(-1) ?? '-'} | ${p.text.slice(0, 16)}`),
  }
}

describe('parseReports golden output', () => {
  it('matches test/golden/sample-reports.json for the seven sample reports', async () => {
    const out = []
    for (const file of await filesUnder(reportsDir)) out.push(...(await parseFile(file)).map(outline))
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot('./golden/sample-reports.json')
  })

  it('matches test/golden/corpus-reports.json for the messy corpus files (headings only)', async () => {
    const out = []
    for (const file of await filesUnder(corpusDir)) {
      for (const report of await parseFile(file, path.relative(fixturePath(), file).split(path.sep).join('/'))) {
        const { paragraphs, ...rest } = outline(report)
        const parts = { review: 0, plan: 0, other: 0 }
        for (const p of report.paragraphs) parts[p.part]++
        out.push({ ...rest, paragraphs: paragraphs.length, parts })
      }
    }
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot('./golden/corpus-reports.json')
  })
})
