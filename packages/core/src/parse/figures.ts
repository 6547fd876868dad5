import { chineseNumber } from './numbers.ts'

/** A figure as a report writes it: 1794.5亿元, 8.5%, 60余家次, 百分之十一点八, 四亿零七百多万吨. */
export interface Figure {
  /** Offsets in the text (UTF-16, end exclusive): `text.slice(start, end)` is the figure as written. */
  start: number
  end: number
  /** The number as written, read: 1794.5 for 1794.5亿元, 11.8 for 百分之十一点八, 407000000 for 四亿零七百多万吨. */
  value: number
  /** The unit after the number: 亿元, %, 个百分点, 万吨, 家次 … */
  unit: string
}

/**
 * Units, longest first. Money, weight, people, land and percentages are what indicators take;
 * the counting words (户, 家, 项 …) keep a count whole (60余家次) for other questions.
 */
const UNITS = [
  '微克/立方米',
  '美元',
  '元',
  '千瓦时',
  '千瓦',
  '立方米',
  '吨',
  '斤',
  '公斤',
  '人次',
  '人',
  '户次',
  '户',
  '亩',
  '平方米',
  '平方公里',
  '公顷',
  '公里',
  '千米',
  '标箱',
  '套',
  '家次',
  '家',
  '个',
  '所',
  '座',
  '项',
  '件',
  '次',
  '台',
  '辆',
  '头',
  '只',
  '株',
  '棵',
  '名',
  '处',
  '条',
  '间',
  '张',
  '床',
]
/** A unit may be scaled: 万亿元, 亿斤, 万千瓦, 千万吨. */
const UNIT = `个百分点|百分点|(?:万亿|千亿|百亿|亿|千万|百万|万|千)?(?:${UNITS.join('|')})|倍|天|岁|%|‰|万(?=[，,。；;、\\s]|$)`
const NUMERAL = '[零〇一二两三四五六七八九十百千万亿]'
/** Units a number in Chinese numerals takes (二十大, 一是, 两个维护 name no quantity); 万 and 亿 read as part of the number. */
const CHINESE_UNIT = '元|吨|斤|人|亩|平方公里|公里'

const FIGURE = new RegExp(
  [
    // 21.95亿元, 60余家次, 1,234.5万元, 33，212万吨 (old reports group digits with a full-width comma),
    // 7 4 7 7 2 亿元 (one report spaces its digits), 约 4.4 万亿元
    `(\\d(?:[\\d,]|，(?=\\d{3}(?!\\d))| (?=[\\d.]))*(?: ?\\. ?\\d(?:\\d| (?=\\d))*)?)(多|余)? ?(${UNIT})(?:[－—–~～至到-]\\d+(?:\\.\\d+)?\\3)?`,
    // 百分之十一点八, 百分之5
    `百分之(${NUMERAL}+(?:点${NUMERAL}+)?|\\d+(?:\\.\\d+)?)`,
    // 四亿零七百多万吨, 二十三万人 (not 万吨 alone: a unit, as in a table's 产量（万吨）)
    `([零〇一二两三四五六七八九十百千]${NUMERAL}*(?:点${NUMERAL}+)?(?:[多余]${NUMERAL}*)?)(${CHINESE_UNIT})`,
  ].join('|'),
  'g',
)

/** `text` with every figure (number and unit) taken out. */
export function withoutFigures(text: string): string {
  return text.replace(FIGURE, '').replace(/\d+(?:\.\d+)?(?:多|余)?(?:万亿|亿|万|千)?/g, '')
}

/**
 * Every figure of `text`, read as a number with its unit. `text` is normalized (half-width digits
 * and ％, see `normalize`), so that offsets are those of the original text.
 */
export function findFigures(text: string): Figure[] {
  const figures: Figure[] = []
  for (const match of text.matchAll(FIGURE)) {
    const start = match.index
    const end = start + match[0].length
    if (match[1] !== undefined) {
      // A year or a date is no figure: 2023年 has no unit here, but 1-6月 would read as 6 月.
      const value = Number(match[1].replace(/[,， ]/g, ''))
      if (Number.isFinite(value)) figures.push({ start, end, value, unit: match[3]! })
    } else if (match[4] !== undefined) {
      const value = /\d/.test(match[4]) ? Number(match[4]) : chineseNumber(match[4])
      if (value !== null) figures.push({ start, end, value, unit: '%' })
    } else {
      // 突破百亿元大关, 万亿元: a milestone, not a figure (二百七十元 is one).
      const value = /[零〇一二两三四五六七八九]/.test(match[5]!) ? chineseNumber(match[5]!.replace(/[多余]/, '')) : null
      if (value !== null && value > 0) figures.push({ start, end, value, unit: match[6]! })
    }
  }
  return figures
}
