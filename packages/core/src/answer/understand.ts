import type { PlaceDirectory, PlaceRef } from '../places/directory.ts'
import { unknownPlaceIn } from '../places/names.ts'
import { askedIndicators, indicatorNames, INDICATORS, type Indicator } from '../text/indicators.ts'
import { ASKING_WORDS } from '../text/vocabulary.ts'
import { cutWords, normalize, phrases, queryTokens } from '../text/segmenter.ts'
import { askedTime, type AskedTime } from '../text/time.ts'
import type { AskContext, AskedMeasure, PlaceLevel, Understood } from '../types.ts'

/** What a question asks for, as `ask` reads it (`Understood` is the part shown back). */
export interface Question {
  /** The places it names, in order (three for 江苏、浙江、广东). */
  places: PlaceRef[]
  /** A whole level asked (各省, 各县): every indexed place of it. */
  level: PlaceLevel | null
  time: AskedTime
  /** The indicator asked, from the vocabulary (text/indicators.ts), if any. */
  indicator: Indicator | null
  /** The level itself (多少, 总量), its growth (增长多少), a yearly average (年均增长), a share (占比), a change (减少了多少) or a sum (十三五期间一共). */
  measure: AskedMeasure
  /** Words that narrow the indicator asked (脱贫地区 农村居民收入, 招商引资 签约额): its figure must bear them. */
  qualifiers: string[]
  /** A target or plan is asked (目标, 计划, 预期, 明年, 下半年 …). */
  target: boolean
  /** Not about a figure: 工作重点是什么, 有哪些重点项目. */
  passage: boolean
  /** Several years or places asked (历年, 2013年到2017年, 江苏、浙江、广东, 各省): a series. */
  series: boolean
  /** A place-like word no gazetteer knows (abc镇): never dropped silently. */
  unknownPlace: string | null
  /** The words searched for (the indicator's name standing for its parts). */
  terms: string[]
  /** What was asked about, in the asker's words, for reasons: 粮食产量, 人口. */
  subject: string
  /** What a follow-up kept from its context (place, time, indicator, measure, target). */
  kept: string[]
  /** The question as typed, normalized (half-width, lower case). */
  said: string
  /** It asks for the level itself in so many words (总量, 完成了多少), not just by default. */
  valueSaid: boolean
}

const TARGET =
  /目标(?!管理|责任|考核)|计划(?!生育)|预期|打算|力争|争取(?:达到|实现|完成|增长)|规划(?!建设|设计)|要(?:达到|稳定|保持|控制|实现|增长|突破|新增|完成|降低|下降|降到|提高|提升|减少|增加)|安排|拟|(?:要求|规定)(?=[^，。？?]{0,16}(?:达到|多少|几))|指标(?=[^，。？?]{0,4}(?:定|多少))|下半年|(?:未来|今后)(?:五|几)年|(?<![主重需只必想])要[\u4e00-\u9fff]{1,4}(?:多少|几)/
/** Words that ask for the result, not the target: 实际完成了多少. */
const RESULT = /实际|完成了|实现了|达到了|做到了/
const GROWTH =
  /增长(?!到)|增速|增幅|涨幅|涨了|上涨|下降|降了|减少了?多少|提高了?多少|同比|比上年|比去年|较上年|增了|百分之几|百分之多少|几个百分点|变化|(?:超出|超过|高出|高于|低于)[^，。]{0,8}多少/
/** Words that ask for the level itself, after a question about its growth: 总量呢, 完成了多少. */
const VALUE = /总量|总额|规模|多大|完成了?多少|是多少亿|有多少亿|达到多少|绝对值|实际完成/
const SHARE = /占比|比重|占[^，。？?]{0,10}(?:比例|多少|几成)/
const CHANGE =
  /(?:增加|减少|新增|增产|减产|脱贫|下降|(?<![减增])少|(?<![增])多)了?(?:多少|几)(?!%|个百分点)(?:万|人|户|个|亿|斤|吨)?|(?:多少|几)[^，。？?]{0,10}(?:脱了?贫|(?:脱离|摆脱)了?贫困)/
const ASKS_FIGURE =
  /多少|几|多大|多高|多快|总量|规模|数量|数字|数据|百分之|比例|比重|占比|增长|增速|增幅|涨幅|达到|完成|是多|有多|金额|产量|收入|GDP|gdp/
const LIST_COUNT = /(?:哪|几)(?:个|项|大)?(?:方面|领域|项|条|点|件事|大任务|大工程)|哪几(?:个|项|类|种)?[？?]?$/
const ASKS_PASSAGE = /什么|啥|意思|含义|哪些|哪几|哪个|如何|怎么|怎样|重点|举措|措施|任务|思路|要求|内容|方向|部署/
/** A whole level asked: 各省, 全国各省份, 各县区. */
const LEVEL: [RegExp, PlaceLevel][] = [
  [/各省|各省份|各省区市|各省市区|31个省/, 'province'],
  [/各市|各地市|各城市|各设区市/, 'city'],
  [/各县|各区县|各县区|各县市区/, 'county'],
]
function levelSpans(text: string): { start: number; end: number }[] {
  return LEVEL.flatMap(([pattern]) =>
    [...text.matchAll(new RegExp(pattern.source, 'g'))].map((m) => ({ start: m.index, end: m.index + m[0].length })),
  )
}

/** A turn that only continues a conversation: 那2015年呢, 保定市呢, 换成驻马店. */
const FOLLOW_UP = /呢[？?。]?$|^那|^换成|^改成|^再看|当年|那年|同年|该年|同期/

/**
 * Place, time, indicator and intent of a question, against the places the index holds. With the
 * `context` of the previous answer, a turn that leaves something out keeps it from there (增速呢
 * keeps the place and year; 保定市呢 the indicator, year and measure), and relative years count
 * from the year the conversation is about (明年的目标呢 after a 2023 figure: 2024).
 */
export function understand(question: string, directory: PlaceDirectory, today: Date, context?: AskContext): Question {
  const reference = context && conversationYear(context) !== null ? new Date(conversationYear(context)!, 6, 1) : today
  const turn = readTurn(question, directory, reference)
  return context ? followUp(turn, context, directory) : turn
}

/** The year a conversation is about: its last year asked. */
function conversationYear(context: AskContext): number | null {
  return context.years.at(-1) ?? context.range?.to ?? null
}

function readTurn(question: string, directory: PlaceDirectory, today: Date): Question {
  const text = normalize(question)
  const words = new Set(cutWords(text))
  const found = directory.find(text, words)
  const time = askedTime(text, today)
  // Offsets end here: the rest is read with its plain speech rewritten (收了多少税 -> 税收收入).
  const rest = phrases(blank(text, [...found.spans, ...time.spans, ...levelSpans(text)]))
  const mentions = askedIndicators(rest)
  // Words run together name one thing by the last (招商引资实际到位资金 asks 实际到位资金); an
  // indicator after 占 is the whole a share is of (占GDP的比重), not the one asked.
  const subjects = mentions.filter((m) => !/占[^，。]{0,4}$/.test(rest.slice(Math.max(0, m.start - 5), m.start)))
  const head = subjects.findIndex((m, i) => subjects[i + 1]?.start !== m.end)
  let indicator = subjects[head]?.indicator ?? null
  // 城乡居民人均可支配收入是多少 (not 分别): all residents' income.
  if (indicator && /城乡(?:常住)?居民(?:人均可支配)?收入/.test(rest) && !/分别|各/.test(rest))
    indicator = INDICATORS.get('居民人均可支配收入') ?? indicator
  const asked = indicator ? blank(rest, mentions) : rest
  const named = subjects.map((m) => rest.slice(m.start, m.end)).join('')
  const level = LEVEL.find(([pattern]) => pattern.test(text))?.[1] ?? null
  const places = distinct(found.refs)
  const cleaned = rest
    .replace(new RegExp(TARGET.source, 'g'), ' ')
    // 多少头牛: the measure word stands apart from the noun (not the word 头牛).
    .replace(/(?:多少|几)(头|只|匹|口|个|户|人|家|亩|吨|株|棵|件|次|项|所|座|条|名)/g, ' $1 ')
    .replace(/了|多少|是什么|什么样的?|什么/g, ' ')
  // 明年的, and 2017年提出到2021年: a year after the asking or the saying is a target.
  const target =
    TARGET.test(asked) || // not the indicator's own words (人均预期寿命)
    (time.relative !== null && time.years[0]! > today.getFullYear()) ||
    (time.delivered !== null && (time.years[0] ?? 0) > time.delivered)
  let measure = measureOf(asked, named, indicator, time, text)
  // 研发经费支出占GDP比重: that share has a name of its own (研发经费投入强度).
  const share =
    measure === 'share' && indicator?.shareIs && /生产总值|gdp|GDP/.test(text) ? INDICATORS.get(indicator.shareIs) : undefined
  if (share) [indicator, measure] = [share, 'value']
  return {
    places,
    level,
    time,
    indicator,
    measure,
    // A word of the indicator's own names (支出 of 研发经费支出, said apart: 研发经费2024年支出了多少) narrows nothing.
    qualifiers: indicator
      ? queryTokens(asked).filter(
          (word) =>
            !asking(word) &&
            !/^\d|^(?:几|多少)/.test(word) && // 几万人: how many, in the unit
            !indicatorNames(indicator).some((n) => n.includes(word)),
        )
      : [],
    target,
    // 重点做好几个方面: how many parts a list has is told by the list.
    passage: !indicator && ASKS_PASSAGE.test(rest) && (!ASKS_FIGURE.test(rest) || LIST_COUNT.test(rest)),
    series: isSeries(level, places, time, measure),
    unknownPlace: found.refs.length === 0 ? unknownPlaceIn(blank(rest, mentions)) : null,
    terms: searchTerms(queryTokens(cleaned), indicator?.name ?? null),
    subject: indicator?.name ?? subjectOf(cleaned),
    kept: [],
    said: text.trim(),
    valueSaid: VALUE.test(asked),
  }
}

/**
 * Several years or places asked; a five-year plan (十三五期间) is one span, and a sum over a span of
 * years (1998到2002年累计) one figure.
 */
function isSeries(level: PlaceLevel | null, places: PlaceRef[], time: AskedTime, measure: AskedMeasure): boolean {
  return (
    level !== null ||
    places.length > 1 ||
    time.years.length > 1 ||
    (time.range !== null && !time.plan && measure !== 'total') ||
    time.all
  )
}

function measureOf(asked: string, named: string, indicator: Indicator | null, time: AskedTime, text: string): AskedMeasure {
  if (SHARE.test(asked)) return 'share'
  if (/年均|平均每年|每年(?:平均)?(?:增长|递增)/.test(asked) || /年均.*(?:增长|增速)/.test(named)) return 'avg-growth'
  // 多少贫困人口脱贫 asks a change; 还剩多少…脱贫, the ones left.
  if (CHANGE.test(asked) && indicator?.kind === 'count' && !/剩/.test(asked))
    // 2013到2017年这五年贫困人口减少了多少: the change over the span, summed.
    // (十三五期间多少农村贫困人口脱贫: a plan's five years, summed too.)
    return time.range && time.years.length === 0 && (time.plan || /这五年|五年来|一共|累计|总共|共/.test(text))
      ? 'total'
      : 'change'
  // 历年变化, 2010年到2015年的变化: how the level changed, year by year.
  const overYears = (time.range !== null || time.all) && /变化|走势|趋势/.test(asked)
  if (
    (GROWTH.test(asked) || /增长|增速/.test(named)) &&
    indicator?.kind !== 'ratio' &&
    !(overYears && !/增长|增速|增幅/.test(asked))
  )
    return 'growth'
  // 十三五期间城镇新增就业多少, 过去五年城镇新增就业多少人: a flow over a span of years is its sum
  // (not 过去五年每年新增就业多少).
  if (
    time.range &&
    time.years.length === 0 &&
    indicator?.flow &&
    /期间|时期|一共|共|累计|总共|以来|过去/.test(text) &&
    !/每年|各年|历年|逐年|分别/.test(text)
  )
    return 'total'
  return 'value'
}

/** The places named, one each: 全国 and 我国 in one question name one place. */
function distinct(refs: PlaceRef[]): PlaceRef[] {
  const seen = new Set<string>()
  return refs.filter((ref) => {
    const key = ref.kind === 'place' ? ref.place.key : ref.kind === 'national' ? '全国' : ref.text
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * A turn read against the conversation so far: what it leaves out, it keeps. The place and time are
 * kept whenever the turn names none; the indicator when the turn asks nothing of its own but a
 * change of place, time, measure or target (财政收入呢 changes it; 其中牛有多少 asks its own).
 */
function followUp(turn: Question, context: AskContext, directory: PlaceDirectory): Question {
  const kept: string[] = []
  const q = { ...turn }
  if (turn.places.length === 0 && turn.level === null && !turn.unknownPlace && (context.places.length > 0 || context.level)) {
    q.places = context.places.flatMap((p): PlaceRef[] => {
      if (p.key === directory.national?.key) return [{ kind: 'national', text: p.name }]
      const place = directory.places.find((indexed) => indexed.key === p.key)
      return place ? [{ kind: 'place', place, text: p.name }] : []
    })
    q.level = context.level
    kept.push('place')
  }
  const timed = turn.time.years.length > 0 || turn.time.range !== null || turn.time.all || turn.time.period !== null
  if (!timed && (context.years.length > 0 || context.range || context.all)) {
    q.time = {
      ...turn.time,
      years: context.years,
      range: context.range,
      all: context.all,
      period: context.period ? { label: context.period, throughMonth: periodMonth(context.period) } : null,
    }
    kept.push('time')
  }
  // Words of the turn's own, beyond how it asks (收入总额是多少 after 一般公共预算收入 asks nothing new).
  const ownWords = turn.terms.filter((term) => !asking(term) && !context.indicator?.includes(term)).length > 0
  // 从2017年到2022年是怎么变化的: a passage's words, but a change of time for the figure asked before.
  const passage = turn.passage && !(timed || turn.places.length > 0)
  // 广东2024年实际产量是多少 after 粮食产量: no words of its own, so the same indicator.
  if (!turn.indicator && context.indicator && !passage && !ownWords) {
    q.indicator = INDICATORS.get(context.indicator) ?? null
    q.subject = context.indicator
    q.terms = [context.indicator]
    q.qualifiers = context.qualifiers ?? []
    q.passage = false
    kept.push('indicator')
  }
  // 城镇居民呢 after 农民人均纯收入: the same income of another group.
  const group = !turn.indicator && context.indicator ? otherGroup(turn.said, context.indicator) : null
  if (group) {
    q.indicator = group
    q.subject = group.name
    q.terms = [group.name]
    q.passage = false
    kept.push('indicator')
  }
  // The measure and the target carry on unless the turn says otherwise (增速呢, 总量呢, 目标呢, 实际完成了多少),
  // in a turn that leans on the one before; a whole question of its own (驻马店市2016年和2020年生产总值对比)
  // asks what it says.
  const leans = kept.length > 0 || FOLLOW_UP.test(turn.said)
  // A turn that names its indicator asks its own measure (2025年定的粮食目标是多少), unless it only
  // swaps the indicator (粮食产量呢: the rate if given, else the level).
  const saysMeasure = turn.measure !== 'value' || turn.valueSaid || (turn.indicator !== null && !FOLLOW_UP.test(turn.said))
  if (leans && !saysMeasure && q.indicator && context.measure !== 'value') {
    q.measure = q.indicator.kind === 'ratio' && context.measure === 'growth' ? 'value' : context.measure
    // Kept across a change of indicator (增速 before, 粮食产量呢 now), it gives way when not given,
    // in this turn and in the ones that carry it on.
    const changed = q.indicator.name !== context.indicator || context.measureSoft === true
    kept.push(changed ? 'measure?' : 'measure')
  }
  if (leans && !turn.target && context.target && !RESULT.test(turn.said)) {
    q.target = true
    kept.push('target')
  }
  q.series = isSeries(q.level, q.places, q.time, q.measure)
  q.kept = kept
  return q
}

/** Incomes asked of one group after another's (城镇居民呢 after 农民人均纯收入). */
const INCOMES: [RegExp, string][] = [
  [/^(?:那)?城镇(?:居民)?(?:的)?呢/, '城镇居民人均可支配收入'],
  [/^(?:那)?(?:农村(?:居民)?|农民)(?:的)?呢/, '农村居民人均可支配收入'],
]

function otherGroup(said: string, indicator: string): Indicator | null {
  if (!/收入/.test(indicator)) return null
  const name = INCOMES.find(([pattern]) => pattern.test(said))?.[1]
  return name && name !== indicator ? (INDICATORS.get(name) ?? null) : null
}

function periodMonth(label: string): number {
  return label === '上半年' ? 6 : label === '前三季度' ? 9 : label === '一季度' ? 3 : Number(/1-(\d+)月/.exec(label)?.[1] ?? 12)
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
    ...(q.kept.length > 0 ? { followUp: q.kept } : {}),
    ...extra,
  }
}

/** The context of an answer to `q` about `places`: what a follow-up keeps. */
export function contextOf(q: Question, places: { key: string; name: string }[]): AskContext {
  return {
    v: 1,
    places,
    level: q.level,
    years: q.time.years,
    range: q.time.range,
    all: q.time.all,
    period: q.time.period?.label ?? null,
    indicator: q.indicator?.name ?? null,
    ...(q.indicator && q.qualifiers.length > 0 ? { qualifiers: q.qualifiers } : {}),
    measure: q.measure,
    ...(q.kept.includes('measure?') ? { measureSoft: true } : {}),
    target: q.target,
  }
}

/** A word made only of asking words (控制目标 = 控制 + 目标). */
export function asking(word: string): boolean {
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
