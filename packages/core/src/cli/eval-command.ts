import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ask } from '../answer/ask.ts'
import { ReportIndex } from '../index/report-index.ts'
import { syncIndex } from '../index/sync.ts'
import type { Answer, Citation } from '../types.ts'

export interface EvalQuestion {
  id: string
  q: string
  answerable: boolean
  town: string | null
  expect: string[]
  kind: string
  source: string | null
  /** national | province | city | county | township (the lines added with the PDF and web-page sources carry it). */
  level?: string
  /** For an answer from a PDF: the page its first citation must name. */
  page?: number
}

export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion)
}

/** Why an answer fails its question, or null when it passes. */
export function judge(question: EvalQuestion, answer: Answer): string | null {
  if (!question.answerable) return answer.found ? `should be refused, answered ${answer.answer}` : null
  if (!answer.found) return `not found: ${answer.reason}`
  const first = answer.citations[0]!
  if (question.town && first.place !== question.town) return `cited ${first.place}, expected ${question.town}`
  if (question.source) {
    // The expected file, or a word-for-word copy of it cited alongside (the same report indexed twice).
    const expected = question.source.replace(/^corpus\//, '')
    const fromSource = (c: Citation): boolean => c.source.endsWith(expected)
    const copy = answer.citations.some((c) => fromSource(c) && c.text === first.text && c.paragraph === first.paragraph)
    if (!fromSource(first) && !copy) return `cited ${first.source}, expected ${question.source}`
  }
  if (question.page !== undefined && first.page !== question.page) return `cited page ${first.page ?? '-'}, expected page ${question.page}`
  for (const figure of question.expect) {
    if (!answer.answer!.includes(figure)) return `answer lacks ${figure}: ${answer.answer}`
    if (!first.text.includes(figure)) return `cited paragraph lacks ${figure}`
  }
  return null
}

/** Indexes each folder under its own name, asks every question, prints failures and one summary line. */
export async function runEval(options: { questions: string; reportsDirs: string[]; parseReport: boolean }): Promise<number> {
  const index = new ReportIndex()
  for (const dir of options.reportsDirs) await syncIndex(index, dir, { scope: path.basename(dir) })
  if (options.parseReport) printParseReport(index)
  const questions = await readQuestions(options.questions)
  const byKind = new Map<string, [number, number]>()
  let passed = 0
  for (const question of questions) {
    const failure = judge(question, ask(index, question.q))
    const tally = byKind.get(question.kind) ?? [0, 0]
    byKind.set(question.kind, tally)
    tally[1]++
    if (failure === null) {
      passed++
      tally[0]++
    } else console.log(`FAIL ${question.id} [${question.kind}] ${question.q}\n     ${failure}`)
  }
  const kinds = [...byKind].map(([kind, [ok, all]]) => `${kind} ${ok}/${all}`).join(', ')
  const stats = index.stats()
  console.log(`eval: ${passed}/${questions.length} passed (${kinds}) over ${stats.reports} reports`)
  return passed === questions.length ? 0 : 1
}

function printParseReport(index: ReportIndex): void {
  const reports = [...index.reports.values()]
  const placed = reports.filter((report) => report.place !== null && report.year !== null).length
  const failed = [...index.sources].filter(([, entry]) => entry.error)
  for (const report of reports) {
    if (report.place === null || report.year === null) console.log(`  no place/year: ${report.source} (${report.place ?? '-'} ${report.year ?? '-'})`)
  }
  for (const [source, entry] of failed) console.log(`  unreadable: ${source}: ${entry.error}`)
  console.log(`parse: ${placed}/${reports.length} reports with place and year (${((placed / Math.max(1, reports.length)) * 100).toFixed(1)}%), ${failed.length} files unreadable`)
}
