import { canonicalize } from '../text/segmenter.ts'
import type { Citation } from '../types.ts'

/** Time words an answer's quote may open with, the label's or a time clause's (2024年，). */
const LEADING_TIME = /^(?:(?:19|20)\d{2}年(?![底末初内前中])|今年|上半年|1[-—–]\d{1,2}月(?:份)?|全年|年初以来|今年以来)+([，,]?)/

/**
 * The answer: 牛塘镇2022年上半年：固定资产投资21.95亿元，同比增长13%。 The label (place and time)
 * comes from the report's metadata, the rest is the quote as written, less the time words and the
 * 全镇 that the label already says.
 */
export function answerSentence(place: string, when: string, quote: string): string {
  // The time the label gives, or a time clause (2024年，); 2025年底封关运作 keeps its year (a time within it).
  const body = quote
    .replace(LEADING_TIME, (time, comma: string) =>
      comma || (time.match(/(?:19|20)\d{2}年/g) ?? []).every((year) => when.includes(year)) ? '' : time,
    )
    .replace(/^(?:全镇|全乡|全县|全区|全市|全省|我镇|我县|我区|我市|我省)/, '')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/[。；，\s]+$/, '')
  return `${place}${when}：${body}。`
}

const NUMBER = /\d+(?:\.\d+)?/g

/**
 * The last check before an answer leaves: the quote lies in the paragraph at its offsets, and every
 * number of the answer past its place-and-time label is in the quote.
 */
export function verify(answer: string, citation: Citation): boolean {
  const { quote, text } = citation
  if (text.slice(quote.start, quote.end) !== quote.text) return false
  const body = answer.slice(answer.indexOf('：') + 1)
  const quoted = new Set(canonicalize(quote.text).match(NUMBER) ?? [])
  return (canonicalize(body).match(NUMBER) ?? []).every((n) => quoted.has(n))
}
