import type { PlaceDirectory, PlaceRef } from '../places/directory.ts'
import { unknownPlaceIn } from '../places/names.ts'
import { askedIndicators, type Indicator } from '../text/indicators.ts'
import { ASKING_WORDS } from '../text/vocabulary.ts'
import { cutWords, normalize, phrases, queryTokens } from '../text/segmenter.ts'
import { askedTime, type AskedTime } from '../text/time.ts'
import type { Understood } from '../types.ts'

/** What a question asks for, as `ask` reads it (`Understood` is the part shown back). */
export interface Question {
  /** The places it names, in order (三 for 江苏、浙江、广东). */
  places: PlaceRef[]
  time: AskedTime
  /** The indicator asked, from the vocabulary (text/indicators.ts), if any. */
  indicator: Indicator | null
  /** The level itself (多少, 总量), its growth (增长多少, 增速), a yearly average (年均增长), a share (占比) or a change (减少了多少). */
  measure: 'value' | 'growth' | 'avg-growth' | 'share' | 'change' | 'total'
  /** Words that narrow the indicator asked (脱贫地区 农村居民收入, 招商引资 签约额): its figure must bear them. */
  qualifiers: string[]
  /** A target or plan is asked (目标, 计划, 预期, 明年, 下半年 …). */
  target: boolean
  /** Not about a figure: 工作重点是什么, 有哪些重点项目. */
  passage: boolean
  /** A place-like word no gazetteer knows (abc镇): never dropped silently. */
  unknownPlace: string | null
  /** The words searched for (the indicator's name standing for its parts). */
  terms: string[]
  /** What was asked about, in the asker's words, for reasons: 粮食产量, 人口. */
  subject: string
}

const TARGET =
  /目标(?!管理|责任|考核)|计划(?!生育)|预期|打算|力争|规划(?!建设|设计)|要(?:达到|稳定|保持|控制|实现|增长|突破|新增|完成)|安排|拟|下半年/
const GROWTH =
  /增长|增速|增幅|涨幅|涨了|上涨|下降|降了|减少了?多少|提高了?多少|同比|比上年|比去年|较上年|增了|百分之几|几个百分点|变化/
const SHARE = /占比|比重|占[^，。？?]{0,10}(?:比例|多少|几成)/
const CHANGE = /(?:增加|减少|新增|增产|减产|脱贫|下降)了?(?:多少|几)(?!%|个百分点)(?:万|人|户|个|亿|斤|吨)?/
const ASKS_FIGURE =
  /多少|几|多大|多高|多快|总量|规模|数量|数字|数据|百分之|比例|比重|占比|增长|增速|增幅|涨幅|达到|完成|是多|有多|金额|产量|收入|GDP|gdp/
const ASKS_PASSAGE = /什么|哪些|哪几|哪个|如何|怎么|怎样|重点|举措|措施|任务|思路|要求|内容|方向|部署/

/** Place, time, indicator and intent of a question, against the places the index holds. */
export function understand(question: string, directory: PlaceDirectory, today: Date): Question {
  const text = normalize(question)
  const words = new Set(cutWords(text))
  const found = directory.find(text, words)
  const time = askedTime(text, today)
  // Offsets end here: the rest is read with its plain speech rewritten (收了多少税 -> 税收收入).
  const rest = phrases(blank(text, [...found.spans, ...time.spans]))
  const mentions = askedIndicators(rest)
  // Words run together name one thing by the last (招商引资实际到位资金 asks 实际到位资金).
  const head = mentions.findIndex((m, i) => mentions[i + 1]?.start !== m.end)
  const indicator = mentions[head]?.indicator ?? null
  const asked = indicator ? blank(rest, mentions) : rest
  const named = mentions.map((m) => rest.slice(m.start, m.end)).join('')
  const growth = (GROWTH.test(asked) || /增长|增速/.test(named)) && indicator?.kind !== 'ratio'
  const target = TARGET.test(rest) || (time.relative !== null && time.years[0]! > today.getFullYear())
  const passage = !indicator && ASKS_PASSAGE.test(rest) && !ASKS_FIGURE.test(rest)
  const cleaned = rest
    .replace(new RegExp(TARGET.source, 'g'), ' ')
    // 多少头牛: the measure word stands apart from the noun (not the word 头牛).
    .replace(/(?:多少|几)(头|只|匹|口|个|户|人|家|亩|吨|株|棵|件|次|项|所|座|条|名)/g, ' $1 ')
    .replace(/了|多少|是什么|什么/g, ' ')
  return {
    places: found.refs,
    time,
    indicator,
    measure: SHARE.test(asked)
      ? 'share'
      : /年均|平均每年/.test(asked)
        ? 'avg-growth'
        : CHANGE.test(asked) && indicator?.kind === 'count'
          ? 'change'
          : growth
            ? 'growth'
            : // 十三五期间城镇新增就业多少: a flow over a span of years is its sum.
              time.range && time.years.length === 0 && indicator?.flow && /期间|时期|一共|共|累计|总共|以来/.test(text)
              ? 'total'
              : 'value',
    qualifiers: indicator
      ? queryTokens(asked).filter((word) => !asking(word) && !/^\d/.test(word) && !indicator.name.includes(word))
      : [],
    target,
    passage,
    unknownPlace: found.refs.length === 0 ? unknownPlaceIn(blank(rest, mentions)) : null,
    terms: searchTerms(queryTokens(cleaned), indicator?.name ?? null),
    subject: indicator?.name ?? subjectOf(cleaned),
  }
}

/** What `understood` shows of a question once its place is settled. */
export function shown(q: Question, place: string | null, extra: Partial<Understood> = {}): Understood {
  return {
    place,
    year: q.time.years[0] ?? null,
    period: q.time.period?.label ?? null,
    indicator: q.indicator?.name ?? null,
    target: q.target,
    terms: q.terms,
    measure: q.measure,
    ...(q.time.relative ? { relative: q.time.relative } : {}),
    ...extra,
  }
}

/** A word made only of asking words (控制目标 = 控制 + 目标). */
function asking(word: string): boolean {
  if (ASKING_WORDS.has(word)) return true
  for (let cut = word.length - 1; cut >= 1; cut--)
    if (ASKING_WORDS.has(word.slice(0, cut)) && asking(word.slice(cut))) return true
  return false
}

/** `text` with the given spans blanked out (offsets kept). */
function blank(text: string, spans: { start: number; end: number }[]): string {
  let out = text
  for (const { start, end } of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end)
  return out
}

function subjectOf(cleaned: string): string {
  return cleaned
    .replace(/[\s\p{P}]/gu, '')
    .replace(/^(?:的|请问|我想知道)+/, '')
    .replace(/^(?:有|是)(?=.)/, '')
    .replace(/(?:是|有|达到|完成了?|为)?(?:多少|几|什么|怎么样|如何|情况|咋样)+.*$/, '')
}

/**
 * The words searched: the indicator (always, even when the segmenter did not emit it whole) stands
 * for its parts (地区, 生产, 总值), which would otherwise let any clause naming the indicator outweigh
 * the one that gives its figure. Bare numbers are dropped.
 */
function searchTerms(tokens: string[], indicator: string | null): string[] {
  const terms = tokens.filter(
    (term) => !/^\d+$/.test(term) && (indicator === null || term === indicator || !indicator.includes(term)),
  )
  return indicator && !terms.includes(indicator) ? [...terms, indicator] : terms
}
