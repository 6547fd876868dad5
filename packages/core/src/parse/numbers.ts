const DIGITS: Record<string, number> = {
  〇: 0,
  O: 0,
  o: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** A year's digits as reports write them (regular-expression source): 2019, 一九八二, 二〇一九. */
export const YEAR_DIGITS = '(?:19|20)\\d{2}|[一二][〇○O零九][〇○O零一二三四五六七八九]{2}'

/** 二〇一九 / 二O一一 -> 2019 / 2011; digit-by-digit years only. */
export function chineseYear(text: string): number | null {
  if (text.length !== 4) return null
  let year = 0
  for (const char of text) {
    const digit = DIGITS[char]
    if (digit === undefined) return null
    year = year * 10 + digit
  }
  return year
}

/** 十 -> 10, 十二 -> 12, 三 -> 3, 12 -> 12 (months, ordinals up to 99). */
export function smallNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text)
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text)
  if (!match || text === '') return null
  const [, tens, ten, ones] = match
  if (!ten) return tens && !ones ? DIGITS[tens]! : null
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0)
}

/** Every year written in a text, in Arabic (2019年) or Chinese (二〇一九年) digits. */
export function yearsIn(text: string): number[] {
  const years: number[] = []
  for (const match of text.matchAll(/((?:19|20)\d{2})\s*年|([〇O零○Ｏ一二三四五六七八九]{4})年/g)) {
    const year = match[1] ? Number(match[1]) : chineseYear(match[2]!)
    if (year !== null && year >= 1949 && year <= 2100) years.push(year)
  }
  return years
}

const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/**
 * A number in Chinese numerals: 十一点八 -> 11.8, 四亿零七百万 -> 407000000, 二〇二三 -> 2023
 * (digit by digit); null when it is not one.
 */
export function chineseNumber(text: string): number | null {
  const [whole, fraction] = text.split('点')
  if (whole === undefined || (fraction !== undefined && !/^[〇O零○一二三四五六七八九]+$/.test(fraction))) return null
  let value: number | null
  if (/^[〇O零○一二两三四五六七八九]{2,}$/.test(whole)) value = Number([...whole].map((c) => DIGITS[c]).join(''))
  else value = positional(whole)
  if (value === null) return null
  return fraction ? Number(`${value}.${[...fraction].map((c) => DIGITS[c]).join('')}`) : value
}

/** 四亿零七百万 -> 407000000: sections of 亿 and 万, each of 千百十 and digits. */
function positional(text: string): number | null {
  if (text === '') return null
  let total = 0
  let section = 0
  let digit: number | null = null
  for (const char of text) {
    const d = DIGITS[char]
    if (d !== undefined) {
      digit = d
      continue
    }
    const unit = UNITS[char]
    if (unit) {
      section += (digit ?? 1) * unit
      digit = null
    } else if (char === '万' || char === '亿') {
      const scale = char === '万' ? 1e4 : 1e8
      section += digit ?? 0
      // 四亿零七百万: 万 scales only what came after the last 亿.
      total = char === '亿' ? (total + section) * scale : total + section * scale
      section = 0
      digit = null
    } else return null
  }
  return total + section + (digit ?? 0)
}
