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
  /** Level of the place asked about: national, province, city, county, township. */
  level?: string
  /** The day relative years (去年, 今年) count from, for questions that use them. */
  asOf?: string
  /** For an answer from a PDF: the page its first citation must name. */
  page?: number
}

/** right; wrong: a figure stated as found that is not the one asked (or an answer to a refusal); missed: not found. */
export type Verdict = 'right' | 'wrong' | 'missed'

export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuestion)
}

/** How an answer fares: right, wrong (stated as found but not the asked figure) or missed (not found). */
export function verdict(question: EvalQuestion, answer: Answer): { verdict: Verdict; why: string | null } {
  const why = judge(question, answer)
  return { verdict: why === null ? 'right' : answer.found ? 'wrong' : 'missed', why }
}

/** Why an answer fails its question, or null when it passes. */
export function judge(question: EvalQuestion, answer: Answer): string | null {
  if (!question.answerable) return answer.found ? `should be refused, answered ${answer.answer}` : null
  if (!answer.found) return `not found: ${answer.reason}`
  const first = answer.citations[0]!
  if (question.town && first.place !== question.town) return `cited ${first.place}, expected ${question.town}`
  if (question.source) {
    // The expected file, or a word-for-word copy of its paragraph cited alongside (the same report in two files).
    const expected = question.source.replace(/^corpus\//, '')
    const fromSource = (c: Citation): boolean => c.source.endsWith(expected)
    const copy = answer.citations.some((c) => fromSource(c) && c.text === first.text)
    if (!fromSource(first) && !copy) return `cited ${first.source}, expected ${question.source}`
  }
  if (question.page !== undefined && first.page !== question.page) return `cited page ${first.page ?? '-'}, expected page ${question.page}`
  for (const figure of question.expect) {
    if (!answer.answer!.includes(figure)) return `answer lacks ${figure}: ${answer.answer}`
    if (!first.text.includes(figure)) return `cited paragraph lacks ${figure}`
  }
  return null
}

/** Indexes each folder under its own name, asks every question, prints failures and a summary by level and kind. */
export async function runEval(options: { questions: string[]; reportsDirs: string[]; parseReport: boolean }): Promise<number> {
  const index = new ReportIndex()
  for (const dir of options.reportsDirs) await syncIndex(index, dir, { scope: path.basename(dir) })
  if (options.parseReport) printParseReport(index)
  const questions = (await Promise.all(options.questions.map(readQuestions))).flat()
  const tally = { all: new Tally(), level: new Map<string, Tally>(), kind: new Map<string, Tally>() }
  for (const question of questions) {
    const { verdict: v, why } = verdict(question, ask(index, question.q, question.asOf ? { today: question.asOf } : {}))
    for (const tallyOf of [tally.all, at(tally.level, question.level ?? levelOf(question)), at(tally.kind, question.kind)]) tallyOf.add(v)
    if (why !== null) console.log(`${v === 'wrong' ? 'WRONG' : 'MISS '} ${question.id} [${question.level ?? '-'} ${question.kind}] ${question.q}\n      ${why}`)
  }
  const by = (map: Map<string, Tally>): string => [...map].map(([name, t]) => `${name} ${t.right}/${t.total}`).join(', ')
  console.log(`eval: ${tally.all.right}/${tally.all.total} right (${tally.all.percent()}), ${tally.all.wrong} wrong figures stated as found, ${tally.all.missed} not found, over ${index.stats().reports} reports`)
  console.log(`  by level: ${by(tally.level)}`)
  console.log(`  by kind:  ${by(tally.kind)}`)
  return tally.all.right === tally.all.total ? 0 : 1
}

class Tally {
  right = 0
  wrong = 0
  missed = 0
  get total(): number {
    return this.right + this.wrong + this.missed
  }
  add(verdict: Verdict): void {
    this[verdict]++
  }
  percent(): string {
    return `${((this.right / Math.max(1, this.total)) * 100).toFixed(1)}%`
  }
}

function at(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key)
  if (!tally) map.set(key, (tally = new Tally()))
  return tally
}

/** Questions written before levels were recorded: townships, but for the corpus ones. */
function levelOf(question: EvalQuestion): string {
  return question.source?.startsWith('corpus/') ? 'county' : 'township'
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
