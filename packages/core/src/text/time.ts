import { chineseNumber, chineseYear, smallNumber } from '../parse/numbers.ts'

/** When a question asks about: the years, the span of a year, and where it says so. */
export interface AskedTime {
  /** Every year named, in order, relative ones resolved (去年 asked on 2026-12-01 -> 2025). */
  years: number[]
  /** A relative word that named a year (去年), shown back to the asker with the year it meant. */
  relative: string | null
  /** Every year of a range (2013年到2017年, 近三年) or the whole record (历年: `all`). */
  range: { from: number; to: number } | null
  /** The range is a five-year plan (十三五期间): asked as one span, not year by year. */
  plan: boolean
  all: boolean
  /** The part of a year asked (上半年, 前三季度, 1-10月), with the last month it runs to. */
  period: { label: string; throughMonth: number } | null
  /** The year of the report asked by (2017年提出到2021年…, 2025年政府工作报告里): not a year asked about. */
  delivered: number | null
  /** Where the question says all this, so that the rest of it can be read without. */
  spans: { start: number; end: number }[]
}

const RELATIVE: [RegExp, number][] = [
  [/大前年/g, -3],
  [/前年/g, -2],
  [/(?<![比较同与])(?:去年|上一?年|前一年)(?!度同期|同期)/g, -1],
  [/今年|本年度|本年|当年|那年|同年|该年/g, 0],
  [/明年|来年|下一年|后一年/g, 1],
  [/后年/g, 2],
]
const YEAR = '((?:19|20)\\d{2}|[〇O零○一二三四五六七八九]{4})\\s*年?'
const RANGE = new RegExp(`(?:从|自)?${YEAR}\\s*(?:年)?\\s*(?:到|至|—|-|~|～|－)\\s*${YEAR}`, 'g')
const RECENT = /(?:近|最近|过去|前)([一二两三四五六七八九十\d]{1,2})年/g
/** Five-year plans, by the first year of each: 十三五 is 2016-2020. */
// 十五 alone is also fifteen: as the tenth plan only in quotes or before 时期, 期间 ….
// 第一个五年计划 (and 一五计划) to 第五个: 1953-1957 to 1976-1980.
const PLAN_PERIOD =
  /[“"]?(十[一二三四五六]|[六七八九])五[”"]?(规划|时期|期间|计划|以来|末)?|[“"](十)五[”"](规划|时期|期间|计划|以来|末)?|(十)五(规划|时期|期间|计划|以来|末)|第([一二三四五六七八九十])个五年(计划|规划)|[“"]?([一二三四五])五[”"]?(计划|时期|期间)/g
const FIRST_YEAR: Record<string, number> = {
  一: 1953,
  二: 1958,
  三: 1966,
  四: 1971,
  五: 1976,
  六: 1981,
  七: 1986,
  八: 1991,
  九: 1996,
  十: 2001,
  十一: 2006,
  十二: 2011,
  十三: 2016,
  十四: 2021,
  十五: 2026,
  十六: 2031,
}

/** Every five-year plan a text names, as spans (“十三五”时期发展成就和“十四五”时期主要目标 -> 2016-2020, 2021-2025). */
export function planPeriodsIn(text: string): { from: number; to: number }[] {
  return [...text.matchAll(PLAN_PERIOD)].flatMap((match) => {
    const { first } = planParts(match)
    return first === undefined ? [] : [{ from: first, to: first + 4 }]
  })
}

/** A plan's first year and the word after its name (时期, 规划), from whichever alternative of `PLAN_PERIOD` matched. */
function planParts(match: RegExpMatchArray): { first: number | undefined; span: string } {
  // Each alternative captures the name (十三, 六, 一) and then what follows it: groups 1 and 2, 3 and 4, ….
  for (let group = 1; group < match.length; group += 2)
    if (match[group] !== undefined) return { first: FIRST_YEAR[match[group]!], span: match[group + 1] ?? '' }
  return { first: undefined, span: '' }
}

/**
 * The span of the first five-year plan a text names (“十三五”时期 -> 2016-2020); `strict`: only as a
 * span of time (时期, 期间, 以来, 末), not as a document (对接“十四五”规划).
 */
export function planPeriodIn(text: string, strict = false): { from: number; to: number; match: RegExpMatchArray } | null {
  for (const match of text.matchAll(PLAN_PERIOD)) {
    const { first, span } = planParts(match)
    if (first !== undefined && (!strict || /时期|期间|以来|末/.test(span))) return { from: first, to: first + 4, match }
  }
  return null
}
/** A year that names a report (2025年政府工作报告, 2017年的报告里) or when it said something (2017年提出). */
const DELIVERED =
  /((?:19|20)\d{2})\s*年(?:的)?(?:(?:政府)?工作报告|报告)|((?:19|20)\d{2})\s*年(?:曾|就)?(?:提出|提到|定下|确定|部署)/g
// 每年增长 is a yearly average, not every year.
const ALL = /历年|历年来|逐年|每年(?!增长|递增|平均|提高)|各年|多年来|这些年|年度变化|历史数据/
const PERIODS: [RegExp, string, number][] = [
  [/上半年|1\s*[-—–~至到]\s*6\s*月(?:份)?|前(?:6|六)个月/g, '上半年', 6],
  [/前三季度|1\s*[-—–~至到]\s*9\s*月(?:份)?/g, '前三季度', 9],
  [/(?:第)?一季度|1\s*[-—–~至到]\s*3\s*月(?:份)?/g, '一季度', 3],
  [/1\s*[-—–~至到]\s*(\d{1,2})\s*月(?:份)?|截至(\d{1,2}|[一二三四五六七八九十]{1,2})月底/g, '', 0],
  [/全年/g, '全年', 12],
]

/**
 * The time a question asks about, relative years counted from `today`: 去年 asked on 2026-12-01
 * means 2025, 明年的目标 2027's target. A year written out wins over a relative word; a relative
 * word that compares (比上年, 同比) names no year.
 */
export function askedTime(text: string, today: Date): AskedTime {
  const spans: { start: number; end: number }[] = []
  const mark = (match: RegExpMatchArray): void => void spans.push({ start: match.index!, end: match.index! + match[0].length })
  const now = today.getFullYear()

  let range: AskedTime['range'] = null
  for (const match of text.matchAll(RANGE)) {
    const from = yearOf(match[1]!)
    const to = yearOf(match[2]!)
    if (from && to && from < to && to - from <= 80) {
      range = { from, to }
      mark(match)
    }
  }
  const planned = planPeriodIn(text)
  if (planned) {
    range ??= { from: planned.from, to: planned.to }
    mark(planned.match)
  }
  for (const match of text.matchAll(RECENT)) {
    const n = /\d/.test(match[1]!) ? Number(match[1]) : chineseNumber(match[1]!)
    if (n && n >= 2 && n <= 30) {
      range ??= { from: now - n, to: now - 1 }
      mark(match)
    }
  }
  let delivered: number | null = null
  for (const match of text.matchAll(DELIVERED)) {
    const year = match[1] ?? match[2]!
    delivered ??= Number(year)
    spans.push({ start: match.index, end: match.index + year.length + 1 })
  }
  const years: { at: number; year: number }[] = []
  for (const match of text.matchAll(
    /(?<![\d.])((?:19|20)\d{2})\s*(?:年[底末]?|年度)?(?![\d.%万亿])|(?<![\d.])(\d\d)年(?!代|来|以来|间|内|前|后|[底末]?(?:以上|左右))|([〇O零○一二三四五六七八九]{4})年[底末]?/g,
  )) {
    if (spans.some((span) => match.index >= span.start && match.index < span.end)) continue
    // 82年, 94年, 23年: two digits, of the last century from 50 on.
    const two = Number(match[2])
    const year = match[1] ? Number(match[1]) : match[2] ? (two >= 50 ? 1900 : 2000) + two : chineseYear(match[3]!)
    if (year !== null && year >= 1949 && year <= 2100) {
      years.push({ at: match.index, year })
      mark(match)
    }
  }
  // Relative words when no year is written, each once (去年和前年 -> two years).
  const said: { at: number; word: string }[] = []
  const written = years.length > 0
  for (const [pattern, offset] of RELATIVE) {
    for (const match of text.matchAll(pattern)) {
      if (!written && !years.some((y) => y.year === now + offset)) {
        years.push({ at: match.index, year: now + offset })
        said.push({ at: match.index, word: match[0] })
      }
      mark(match)
    }
  }
  const relative =
    said.length === 0
      ? null
      : said
          .sort((a, b) => a.at - b.at)
          .map((s) => s.word)
          .join('、')
  let period: AskedTime['period'] = null
  for (const [pattern, label, month] of PERIODS) {
    for (const match of text.matchAll(pattern)) {
      if (!period) {
        const through = month || smallNumber(match[1] ?? match[2] ?? '') || 0
        if (through >= 1 && through <= 12) period = { label: label || `1-${through}月`, throughMonth: through }
      }
      mark(match)
    }
  }
  const all = ALL.test(text)
  return {
    years: years.sort((a, b) => a.at - b.at).map((y) => y.year),
    relative,
    range,
    plan: planned !== null && range?.from === planned.from && range.to === planned.to,
    all,
    delivered,
    period,
    spans: spans.sort((a, b) => a.start - b.start),
  }
}

function yearOf(text: string): number | null {
  return /^\d/.test(text) ? Number(text) : chineseYear(text)
}
