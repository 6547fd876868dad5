import path from 'node:path'
import { ReportIndex } from '../index/report-index.ts'
import { syncIndex } from '../index/sync.ts'
import { runEvalFiles } from '../eval/run.ts'

/** Indexes each folder under its own name, asks every question of the files, prints failures and summaries. */
export async function runEval(options: { questions: string[]; reportsDirs: string[]; parseReport: boolean }): Promise<number> {
  const index = new ReportIndex()
  for (const dir of options.reportsDirs) await syncIndex(index, dir, { scope: path.basename(dir) })
  if (options.parseReport) printParseReport(index)
  return runEvalFiles(index, options.questions)
}

function printParseReport(index: ReportIndex): void {
  const reports = [...index.reports.values()]
  const placed = reports.filter((report) => report.place !== null && report.year !== null).length
  const failed = [...index.sources].filter(([, entry]) => entry.error)
  for (const report of reports) {
    if (report.place === null || report.year === null)
      console.log(`  no place/year: ${report.source} (${report.place ?? '-'} ${report.year ?? '-'})`)
  }
  for (const [source, entry] of failed) console.log(`  unreadable: ${source}: ${entry.error}`)
  console.log(
    `parse: ${placed}/${reports.length} reports with place and year (${((placed / Math.max(1, reports.length)) * 100).toFixed(1)}%), ${failed.length} files unreadable`,
  )
}
