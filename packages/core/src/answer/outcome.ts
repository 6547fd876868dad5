import type { ReportIndex } from '../index/report-index.ts'
import type { Answer, Citation, ReportInfo } from '../types.ts'
import type { Question } from './understand.ts'

/** What answering a question comes to, before `ask` adds the question, what it understood and the time taken. */
export type Outcome = Pick<Answer, 'found' | 'answer' | 'reason' | 'citations' | 'related'> & {
  /** The measure answered, when it is not the one asked (增速 kept, the level given; a target set as growth). */
  measure?: Question['measure']
}

/** The place a question is answered for: its index key and the name answers and reasons use. */
export interface Place {
  key: string
  name: string
  /** The State Council's reports (answers say 国内生产总值, not 地区生产总值). */
  national: boolean
}

export function refuse(reason: string, related: Citation[] = []): Outcome & { reason: string } {
  return { found: false, answer: null, reason, citations: [], ...(related.length > 0 ? { related } : {}) }
}

/** The reports of a place a question may be answered from: those delivered in the year it names a report by (2017年提出). */
export function reportsAsked(index: ReportIndex, q: Question, key: string | null): ReportInfo[] {
  const all = index.reportsOf(key)
  const year = q.time.delivered
  return year === null ? all : all.filter((report) => report.year === year)
}
