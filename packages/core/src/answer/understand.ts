import { isPlaceName, placeUnits } from '../parse/places.ts'
import { yearsIn } from '../parse/numbers.ts'
import { canonicalize, queryTokens } from '../text/segmenter.ts'
import { INDICATORS } from '../text/vocabulary.ts'
import type { Understood } from '../types.ts'

export interface Question extends Understood {
  /** A place named in the question that no report is from. */
  unknownPlace: string | null
  /** The last month the asked period runs to: 6 for 上半年, 12 for 全年. */
  throughMonth: number | null
  /** What was asked about, in the asker's words, for reasons: 地区生产总值, 今天天气. */
  subject: string
  /** A rate is asked (增长, 增速, 比重 …) rather than an amount. */
  rate: boolean
}

const TARGET = /目标(?!管理|责任|考核)|计划(?!生育)|预期|明年|下半年|打算|力争|规划(?!建设|设计)|要达到/g
const PERIODS: [RegExp, string, number][] = [
  [/上半年/, '上半年', 6],
  [/前三季度|1-9月/, '前三季度', 9],
  [/全年/, '全年', 12],
]
const ASKED_INDICATORS = [...INDICATORS].sort((a, b) => b.length - a.length)

/** Place, year, period, indicator and intent of a question, against the places the index holds. */
export function understand(question: string, aliases: Map<string, string>): Question {
  let rest = canonicalize(question)
  const alias = namedAlias(rest, aliases)
  const place = alias === null ? null : aliases.get(alias)!
  if (alias !== null) rest = rest.replace(alias, ' ')
  const unknownPlace = place ? null : (placeUnits(rest).find((unit) => isPlaceName(unit) && !/^[全本我该各]/.test(unit)) ?? null)
  if (unknownPlace) rest = rest.replace(unknownPlace, ' ')
  const year = yearsIn(rest)[0] ?? null
  rest = rest.replace(/(?:19|20)\d{2}\s*年(?:度)?/g, ' ')
  const period = PERIODS.find(([pattern]) => pattern.test(rest))
  const target = rest.search(TARGET) >= 0
  const indicator = ASKED_INDICATORS.find((name) => rest.includes(name)) ?? null
  const cleaned = rest
    .replace(TARGET, ' ')
    .replace(/上半年|前三季度|全年/g, ' ')
    // 多少头牛: the measure word stands apart from the noun (not the word 头牛).
    .replace(/(?:多少|几)(头|只|匹|口|个|户|人|家|亩|吨|株|棵|件|次|项|所|座|条|名)/g, ' $1 ')
    .replace(/了|多少|是什么|什么/g, ' ')
  return {
    place,
    year,
    period: period?.[1] ?? null,
    throughMonth: period?.[2] ?? null,
    indicator,
    target,
    terms: searchTerms(queryTokens(cleaned), indicator),
    unknownPlace,
    subject:
      indicator ??
      cleaned
        .replace(/[\s\p{P}]/gu, '')
        .replace(/^(?:的|请问|我想知道)+/, '')
        .replace(/(?:是|有|达到|完成了?|为)?(?:多少|几|什么|怎么样|如何|情况|咋样)+.*$/, ''),
    rate: /增长|增速|增幅|比重|占比|比例|百分|率/.test(rest.replace(indicator ?? '', '')),
  }
}

const ranks = new WeakMap<Map<string, string>, Map<string, number>>()

/**
 * The first alias of `aliases` (longest first) that `text` contains, found by looking up the
 * question's substrings rather than scanning thousands of aliases.
 */
function namedAlias(text: string, aliases: Map<string, string>): string | null {
  let rank = ranks.get(aliases)
  if (!rank) ranks.set(aliases, (rank = new Map([...aliases.keys()].map((alias, k) => [alias, k]))))
  const longest = aliases.keys().next().value?.length ?? 0
  for (let length = Math.min(longest, text.length); length >= 1; length--) {
    let best: string | null = null
    for (let start = 0; start + length <= text.length; start++) {
      const candidate = text.slice(start, start + length)
      const k = rank.get(candidate)
      if (k !== undefined && (best === null || k < rank.get(best)!)) best = candidate
    }
    if (best !== null) return best
  }
  return null
}

/**
 * The words searched: the indicator (always, even when the segmenter did not emit it whole) stands
 * for its parts (地区, 生产, 总值), which would otherwise let any clause naming the indicator outweigh
 * the one that gives its figure. Bare numbers are dropped.
 */
function searchTerms(tokens: string[], indicator: string | null): string[] {
  const terms = tokens.filter((term) => !/^\d+$/.test(term) && (indicator === null || term === indicator || !indicator.includes(term)))
  return indicator && !terms.includes(indicator) ? [...terms, indicator] : terms
}
