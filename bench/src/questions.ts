import type { ReportIndex } from '@report-qa/core'
import { seededRandom } from '@report-qa/test-fixtures'

/** Indicators most reports state, asked about at every scale. */
const ASKED = ['地区生产总值', '固定资产投资', '一般公共预算收入', '社会消费品零售总额', '粮食产量', '城镇居民人均可支配收入', '规模以上工业增加值', '招商引资']

/** Questions that name a place and year the index holds: 青松县2019年地区生产总值是多少. */
export function placeQuestions(index: ReportIndex, count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const reports = [...index.reports.values()].filter((report) => report.place && report.period)
  const out: string[] = []
  for (let k = 0; k < count && reports.length > 0; k++) {
    const report = reports[Math.floor(random() * reports.length)]!
    const indicator = ASKED[Math.floor(random() * ASKED.length)]!
    out.push(`${report.place}${report.period!.year}年${indicator}是多少`)
  }
  return out
}

/** Questions that name no place: 2019年粮食产量是多少, 招商引资多少. */
export function unplacedQuestions(count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const out: string[] = []
  for (let k = 0; k < count; k++) {
    const indicator = ASKED[Math.floor(random() * ASKED.length)]!
    out.push(random() < 0.5 ? `${2010 + Math.floor(random() * 14)}年${indicator}是多少` : `${indicator}增长了多少`)
  }
  return out
}
