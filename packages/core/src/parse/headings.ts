import type { Part } from '../types.ts'

export interface Heading {
  /** The heading's own text (for a heading that runs into its paragraph, the part before 。). */
  text: string
  /** 0: a bare part heading (2024年工作安排); 1: 一、; 2: （一）; 3: 1.; 4: —— / 第一， / 一是. */
  level: number
  /** True when the line is only the heading; false when a paragraph follows on the same line. */
  whole: boolean
}

const NUMERAL = '[一二三四五六七八九十]+'
const LEVELS: [RegExp, number][] = [
  [new RegExp(`^${NUMERAL}[、.．]`), 1],
  [new RegExp(`^[（(]${NUMERAL}[）)]`), 2],
  [/^\d{1,2}[.．、](?!\d)/, 3],
  [/^[（(]\d{1,2}[）)]/, 4],
  [/^——/, 4],
  [new RegExp(`^第${NUMERAL}[，,、]`), 4],
]

const PART_WORDS =
  /工作回顾|发展回顾|工作完成情况|以来.{0,4}工作|主要工作|工作安排|工作计划|主要任务|预期目标|目标任务|工作重点|重点工作|总体要求|奋斗目标|工作打算/

const MAX_HEADING = 40

/** Recognises a heading at the start of a line, or returns null for a plain paragraph. */
export function parseHeading(line: string): Heading | null {
  const level = LEVELS.find(([pattern]) => pattern.test(line))?.[1]
  if (level !== undefined) {
    if (line.length <= MAX_HEADING && !/[。；;]./.test(line)) return { text: stripEnd(line), level, whole: true }
    // A heading that runs into its paragraph: 二、克难求进,经济发展保持稳健态势。经济运行承压回升…
    const stop = line.search(/[。；;：:！!]/)
    if (stop > 0 && stop <= MAX_HEADING) return { text: line.slice(0, stop), level, whole: false }
    return level <= 2 ? { text: line.slice(0, MAX_HEADING), level, whole: false } : null
  }
  // Bare part headings: 2022年上半年工作回顾, 2024年工作安排.
  if (line.length <= 30 && PART_WORDS.test(line) && !/[。；;，,]/.test(line))
    return { text: stripEnd(line), level: 0, whole: true }
  return null
}

/**
 * Whether a heading opens the review of past work, the plan, or neither. A heading that names a
 * year and only work (2023年主要工作) is the plan when that year is the one the report is
 * delivered in (`delivered`), the review when it is earlier.
 */
export function headingPart(text: string, delivered: number | null = null): Part | null {
  const year = /((?:19|20)\d{2})年(?!以来|至|到|-|—)/.exec(text)
  if (year && delivered !== null && /^[\S]{0,3}[、.．]?\s*(?:关于)?(?:19|20)\d{2}年(?:的)?(?:政府)?(?:主要)?工作$/.test(text))
    return Number(year[1]) >= delivered ? 'plan' : 'review'
  // 主要工作 alone is a review (2023年主要工作); beside a plan word it is the plan (目标任务和主要工作).
  if (/回顾|完成情况|以来|过去|成绩|工作总结/.test(text)) return 'review'
  // 第一个五年计划时期内…一九五八年的伟大成就: the achievements of a time (not 取得新成就, which may be aimed at).
  if (/的\p{Script=Han}{0,2}成就$/u.test(text)) return 'review'
  // 当前国内形势和基本任务: what was done and what is to be done, neither part alone.
  if (/形势/.test(text) && !/今年|明年|今后|未来|面临|\d{4}年/.test(text)) return null
  if (/主要工作$/.test(text) && !/目标|任务|安排|计划/.test(text)) return 'review'
  if (/安排|计划|任务|目标|打算|思路|展望|重点|要求|下半年|今后|未来|明年|今年|部署|建议|取向/.test(text)) return 'plan'
  return null
}

function stripEnd(text: string): string {
  return text.replace(/[：:。]$/, '')
}
