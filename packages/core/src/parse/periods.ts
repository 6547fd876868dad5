import type { Period } from '../types.ts'
import { smallNumber, yearsIn } from './numbers.ts'

export interface PeriodClues {
  /** The heading that opens the review (2022年上半年工作回顾), if any. */
  heading: string | null
  /** The review part's text. */
  review: string
  /** Year the report was delivered, and its month when known. */
  year: number | null
  month: number | null
  /** The year its plan names (2012年工作安排), when one of its plan headings does. */
  planned?: number | null
}

/**
 * The span a report reviews. An explicit heading wins (2022年上半年工作回顾); otherwise the
 * delivery date decides: a report delivered in early Y reviews Y-1, a mid-year one the first half,
 * a late one the year so far (截至10月底).
 */
export function findPeriod({ heading, review, year, month, planned = null }: PeriodClues): Period | null {
  const head = heading ?? ''
  const headYear = /((?:19|20)\d{2})\s*年(?!以来|至|到|-|—|起)/.exec(head)
    ? (yearsIn(head.replace(/(?:19|20)\d{2}\s*年(?:以来|至|到|-|—|起)/g, ''))[0] ?? null)
    : null
  const opening = review.slice(0, 600)
  if (
    /上半年|1[-—–至~]6月/.test(head) ||
    (!headYear && month !== null && month >= 5 && month <= 8 && /上半年|1[-—–至~]6月/.test(opening))
  ) {
    const y = headYear ?? year
    return y ? half(y) : null
  }
  if (headYear) return upTo(headYear, 12)
  // A plan for a year (2012年工作安排) follows the review of the year before, in a report delivered early in it.
  // (现在，我着重报告1979年以来…的情况和1981年国民经济计划的安排: delivered late in 1980, a review of
  // 1979 and of 1980 so far; 1979 is the last whole year.)
  if (planned !== null && (month === null || month <= 4) && !/今年以来/.test(head))
    return upTo(new RegExp(`报告${planned - 2}年以来`).test(opening) ? planned - 2 : planned - 1, 12)
  if (year === null) return guessFromText(review, Infinity)
  if (/今年以来/.test(head) || (month !== null && month >= 9)) return upTo(year, monthsCovered(review))
  // (A report of mid-year that does not say 上半年 and looks back on the year before more than on its
  // own, 1957年6月26日's on 1956年, reviews that year.)
  if (month !== null && month >= 5) return mentions(review, year - 1) > mentions(review, year) ? upTo(year - 1, 12) : half(year)
  // Undated: the year before delivery, unless the review speaks of the delivery year more.
  if (month === null) return upTo(mentions(review, year) > mentions(review, year - 1) ? year : year - 1, 12)
  return upTo(year - 1, 12)
}

function half(year: number): Period {
  return { year, kind: 'half', throughMonth: 6, label: `${year}年上半年` }
}

function upTo(year: number, throughMonth: number): Period {
  if (throughMonth >= 12) return { year, kind: 'year', throughMonth: 12, label: `${year}年` }
  return { year, kind: 'months', throughMonth, label: `${year}年1-${throughMonth}月` }
}

/** 截至10月底 / 1-10月 in a review of the year so far: the latest month named, else the full year. */
function monthsCovered(review: string): number {
  let latest = 0
  for (const match of review.matchAll(/截至(?:目前|\d{4}年)?(\d{1,2}|[一二三四五六七八九十]{1,2})月底|1[-—–至~](\d{1,2})月/g)) {
    const month = smallNumber(match[1] ?? match[2]!)
    if (month && month <= 12) latest = Math.max(latest, month)
  }
  return latest >= 9 ? latest : 12
}

/** How often the review names `year` as a time, not as the plan it announces (三、2021年的工作安排). */
function mentions(review: string, year: number): number {
  const text = review
    .slice(0, 3000)
    .replace(new RegExp(`${year}年(?:的)?(?:政府)?(?:工作安排|重点工作|工作|目标|计划|预期|任务|国民经济|是)`, 'g'), '')
  return yearsIn(text).filter((y) => y === year).length
}

/** No date and no heading: the year the review names most often. */
function guessFromText(review: string, latest: number): Period | null {
  const counts = new Map<number, number>()
  for (const year of yearsIn(review.slice(0, 3000))) if (year <= latest) counts.set(year, (counts.get(year) ?? 0) + 1)
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]
  return top ? upTo(top[0], 12) : null
}
