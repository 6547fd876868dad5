import type { Period, ReportKind } from '../types.ts'
import type { Heading } from './headings.ts'
import { yearsIn } from './numbers.ts'

/**
 * Statistical bulletins (国民经济和社会发展统计公报): the year's figures of a place, published by its
 * statistics bureau beside the work report. Unlike a work report, a bulletin titled 2023 gives 2023's
 * figures, has no plan, and is split into numbered sections (一、综合, 二、农业 or 01综合, 02农业)
 * and tables (表1 2023年年末户籍人口及其构成, then one line a row).
 */
export function reportKind(title: string): ReportKind {
  return isBulletinTitle(title) ? 'statistical-bulletin' : 'work-report'
}

export function isBulletinTitle(text: string): boolean {
  return /统计公报/.test(text) && !/工作报告/.test(text)
}

/** A bulletin's year is its title's (2023年…统计公报 gives 2023's figures); its period that whole year. */
export function bulletinPeriod(title: string, fallback: number | null): Period | null {
  const year = yearsIn(title)[0] ?? fallback
  return year === null ? null : { year, kind: 'year', throughMonth: 12, label: `${year}年` }
}

/** Level of a table caption: under every numbered heading. */
export const TABLE_LEVEL = 5

/**
 * The headings a bulletin has beyond a work report's: sections numbered 01综合, 02农业 (as 江西省's
 * pages write them), and table captions (表4 2023年主要畜产品产量和牲畜发展情况).
 */
export function bulletinHeading(line: string): Heading | null {
  if (/^(?:0[1-9]|1\d)\p{Script=Han}[\p{Script=Han}、]{1,15}$/u.test(line) && !/^\d+[月日年号个家亿万]/.test(line)) {
    return { text: line, level: 1, whole: true }
  }
  if (/^表\s*\d{1,2}(?!\d)\s*\S/.test(line) && line.length <= 60 && !/[。；，]/.test(line))
    return { text: line, level: TABLE_LEVEL, whole: true }
  return null
}

/** A table row: cells set apart by spaces, no sentence punctuation (畜牧业 75.17 5.1). */
export function isTableRow(line: string): boolean {
  return line.includes(' ') && !/[。；，！？]/.test(line)
}
