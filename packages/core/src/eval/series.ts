import type { Answer } from '../types.ts'

/** A series or comparison question of test-fixtures/series.jsonl: its expected points and missing years. */
export interface SeriesQuestion {
  id: string
  q: string
  kind: string
  indicator: string
  measure: 'amount' | 'rate'
  points: { place: string; year: number; expect: string; source?: string }[]
  missing: { place: string; year: number | null }[]
  asOf?: string
}

/**
 * A series answer point by point: an expected point is right when the answer has a point of that
 * place and year whose figure is the expected one and whose cited paragraph holds it (from the
 * expected file or a word-for-word copy of its paragraph); a missing one when the answer lists it as
 * missing. A point given for a year or place expected missing is invented.
 */
export function judgePoints(
  question: SeriesQuestion,
  answer: Answer,
): { right: number; total: number; failures: string[]; invented: string[] } {
  const failures: string[] = []
  const invented: string[] = []
  const series = answer.series ?? []
  let right = 0
  for (const expected of question.points) {
    const point = series.find((p) => p.place === expected.place && p.year === expected.year)
    if (!point) failures.push(`${expected.place} ${expected.year}: no point (${answer.reason ?? answer.answer})`)
    else if (!point.figure.includes(expected.expect) && !expected.expect.includes(point.figure))
      failures.push(`${expected.place} ${expected.year}: ${point.figure}, expected ${expected.expect}`)
    else if (!point.citation.text.includes(expected.expect))
      failures.push(`${expected.place} ${expected.year}: the cited paragraph lacks ${expected.expect}`)
    else right++
  }
  for (const expected of question.missing) {
    const point = series.find((p) => p.place === expected.place && (expected.year === null || p.year === expected.year))
    if (point) invented.push(`${expected.place} ${expected.year ?? ''}: invented ${point.figure} (expected missing)`)
    else if (
      (answer.missing ?? []).some((m) => m.place === expected.place && (expected.year === null || m.year === expected.year))
    )
      right++
    else failures.push(`${expected.place} ${expected.year ?? ''}: not listed as missing`)
  }
  return { right, total: question.points.length + question.missing.length, failures, invented }
}
