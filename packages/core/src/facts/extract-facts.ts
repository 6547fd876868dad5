import { splitClauses, splitSentences, type Span } from '../parse/clauses.ts'
import { findFigures, withoutFigures, type Figure } from '../parse/figures.ts'
import { normalize } from '../text/segmenter.ts'
import { planPeriodIn } from '../text/time.ts'
import { chineseYear, YEAR_DIGITS } from '../parse/numbers.ts'
import { INDICATORS, indicatorMentions, type Indicator, type IndicatorMention } from '../text/indicators.ts'
import { placeEndingAt } from '../places/report-place.ts'
import type { Fact, Measure, Part } from '../types.ts'

/** What a paragraph's figures are read against: where it stands in its report. */
export interface FactContext {
  part: Part
  /** The paragraph looks back over several years (过去五年, “十三五”时期): a figure without a year is a sum, not a year's. */
  multiYear?: boolean
  /** The year the report's review covers (a figure of the review is for it unless it says otherwise). */
  year: number | null
  /** The year its plan is for (a figure of the plan is that year's target). */
  planYear: number | null
  /** The report's place: an indicator of another unit named before it (4个县一般公共预算收入) is not its figure. */
  place?: string | null
  /** Delivered early in the year it plans: 今年 is the plan's year, not the one reviewed. */
  early?: boolean
  /** A city's, province's or the country's report: its 县域 figures are the counties'. */
  aboveCounty?: boolean
  /** The last year of the five-year plan the paragraph's heading sets out (“十四五”时期主要目标: 2025). */
  periodEnd?: number | null
}

/**
 * The figures of a paragraph that belong to an indicator, each with what it measures and the year
 * it is for. A figure belongs to the nearest indicator named before it in its sentence when only
 * verbs and measure words stand between (地区生产总值完成1794.5亿元，增长8.5%: both are 地区生产总值's),
 * never across another subject (，其中工业投资12亿元) or a comparison (，高于全省1.2个百分点); a list
 * with 分别 pairs in order (固定资产投资、社会消费品零售总额分别增长10%和8%). A figure no indicator
 * governs yields no fact: a wrong fact is worse than none.
 */
export function extractFacts(text: string, context: FactContext): Omit<Fact, 'paragraph' | 'part'>[] {
  const normalized = normalize(text)
  const facts: Omit<Fact, 'paragraph' | 'part'>[] = []
  const mentions = subjects(
    normalized,
    withSharedEndings(normalized, withEconomy(normalized, withElliptic(normalized, indicatorMentions(normalized)))),
    context.place ?? null,
    context.aboveCounty === true,
  )
  if (mentions.length === 0) return facts
  const figures = withCountsBefore(normalized, findFigures(normalized), mentions)
  let carried: IndicatorMention | null = null
  for (const sentence of splitSentences(normalized)) {
    let own = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end)
    // 全省生产总值…战略目标。2005年，初步核算达到10116.6亿元: the subject carries into a sentence that
    // opens on a year and goes straight to the figure.
    const lead =
      own.length === 0 && carried ? /^\s*(?:19|20)\d{2}年[，,]/.exec(normalized.slice(sentence.start, sentence.end)) : null
    if (lead) {
      const at = sentence.start + lead[0].length
      own = [{ ...carried!, start: at, end: at }]
    }
    carried = lastUnfigured(normalized, own.length > 0 ? own : [], figures, sentence)
    if (own.length === 0) continue
    const clauses = splitClauses(normalized.slice(sentence.start, sentence.end)).map((c) => ({
      start: c.start + sentence.start,
      end: c.end + sentence.start,
    }))
    const sentenceFigures = figures.filter((f) => f.start >= sentence.start && f.end <= sentence.end)
    const leadYear = leadingYear(normalized.slice(sentence.start, sentence.end))
    const targetSentence = TARGET_WORDS.test(normalized.slice(sentence.start, sentence.end))
    for (const [mention, figure] of attach(normalized, own, sentenceFigures, clauses)) {
      const between = normalized.slice(mention.end, figure.start)
      const first = clauseAt(clauses, mention.start)
      const last = clauseAt(clauses, figure.start)
      const prefix = normalized.slice(first.start, mention.start)
      // 工业总产值比一九六四年增长百分之十一: a figure compared with the reviewed year (or a later one) is
      // of some year after it, which the clause does not say.
      // (比１９５５年基本建设投资增长６２％: the year compared with may also stand before the indicator.)
      const compared = COMPARED_YEAR.exec(between) ?? COMPARED_BEFORE.exec(prefix)
      const base = compared ? yearOf(compared[1]!) : null
      // (Planned, 计划草案拟定，工业总产值比一九六四年增长百分之十一左右 is the plan year's, over the reviewed one.)
      const planned = context.part === 'plan' || /计划|拟定|拟|预计/.test(normalized.slice(sentence.start, figure.start))
      if (base !== null && context.year !== null && base >= context.year && !planned) continue
      // 到2017年，生产总值突破4000亿元: a clause of a time alone is the time of the clauses after it in its
      // sentence (到 2021年，全县生产总值年均增长11.5%以上，…，固定资产投资年均增长15%以上), until another year.
      const timeOnly = timeBefore(normalized, clauses, first)
      // 财政收入突破600亿元，比2012年翻一番: a doubling set as a goal, of a year the clause does not say.
      if (timeOnly === null && /^[，,]?比(?:19|20)\d{2}年翻(?:一|两)?番/.test(normalized.slice(figure.end, figure.end + 12)))
        continue
      // 从2015年的87.55亿元增长到118.32亿元: a year belongs to the figure right after it, not to one further on.
      const starts = /^的?(?:增长|增加|提高|上升|下降|降低|降|回落|减少|扩大|缩小)?(?:到|至)/.test(
        normalized.slice(figure.end, figure.end + 6),
      )
      const change = /[由从]/.test(between) ? spanBefore(normalized, mention.start) : null
      const lastWords = afterLastFigure(between)
      const explicit =
        baseYear(lastWords) ??
        yearBefore(lastWords) ??
        (withoutFigures(between) === between ? yearBefore(prefix) : null) ??
        leadYear ??
        (timeOnly ? Number(timeOnly[1]) : null) ??
        (change ? (starts ? change.from : change.to) : null)
      // “十三五”时期城镇新增就业超过6000万人: a five-year plan's span, summed, and stamped with its last year.
      // A plan's span that opens the sentence (“十四五”时期…的总体目标：…，城镇化率达到64%) holds for all of
      // it, unless a year is written in between.
      const upTo = normalized.slice(sentence.start, figure.start)
      const opening = upTo.slice(0, findFigures(upTo)[0]?.start ?? upTo.length)
      const period =
        explicit === null
          ? (lastPlanEnd(afterLastFigure(upTo)) ??
            (/(?:19|20)\d{2}年/.test(upTo.slice(opening.length)) ? null : openingPlanEnd(opening)))
          : null
      if (mention.dated && explicit === null) continue
      // A look back over several years: a flow's figure (or a change) stated with no year is their sum.
      const severalYears = (context.multiYear === true || period !== null) && explicit === null
      const overYears = severalYears && mention.indicator.flow === true
      // 累计新增城镇就业5870万人: a sum over years, however it is worded after.
      let measure =
        // (全年累计接待游客1529万人次 is the year's; 五年累计…112.1亿美元,2007年达到30.1亿美元, the
        // clause after the sum, a year's.)
        /(?<!全年)(?:累计|共计|总计)/.test(prefix) && figure.unit !== '%' && last.start === first.start
          ? 'total'
          : figure.end <= mention.start && LEFT_POVERTY.test(normalized.slice(mention.end, last.end))
            ? /五年|累计|共计|总计/.test(prefix)
              ? 'total'
              : 'change'
            : // 经济年均增长保持在6.5%以上: the mention itself says the yearly average.
              measureOf(
                mention.indicator,
                figure,
                `${/年均.*(?:增长|增速)/.test(normalized.slice(mention.start, mention.end)) ? '年均' : ''}${between}`,
                overYears,
                explicit ?? context.year,
                explicit !== null,
              )
      // 过去五年…贫困人口减少6800多万: a change over the years looked back on is their sum, no year's.
      if (measure === 'change' && severalYears && figure.unit !== '%' && !figure.unit.includes('百分点')) measure = 'total'
      // 这五年计划安排平均每年有财政赤字三十亿元左右: a yearly average over years, the level of none.
      if (measure === 'value' && /平均每年|每年平均/.test(prefix)) continue
      // 粮食连年丰收、总产稳定在740亿斤以上: true of every year, the figure of none.
      if (!measure || (explicit === null && /连年|连续\S{0,3}年|年年|多年/.test(normalized.slice(first.start, figure.start))))
        continue
      // 由53.9亿元增长到69.3亿元: the figure a change starts from is of a year the text does not give.
      if (explicit === null && period === null && /[由从]/.test(between) && starts) continue
      let indicator = mention.indicator.name
      // 研发经费支出相当于全市生产总值的比例达到4.4%: that share has a name of its own.
      if (measure === 'share' && mention.indicator.shareIs && /生产总值|gdp/.test(between))
        [indicator, measure] = [mention.indicator.shareIs, 'value']
      // 去年, 过去一年 look back even in a plan; 今年拟安排 looks ahead even in a review.
      const lead = normalized.slice(sentence.start, figure.start)
      // The sentence, or a short one right before it (过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%).
      const before = normalized.slice(Math.max(0, normalized.lastIndexOf('。', sentence.start - 2) + 1), sentence.start)
      // 过去五年，… opens a paragraph of results, even in the plan part.
      const back =
        context.multiYear === true ||
        LOOKS_BACK.test(lead) ||
        (before.length <= 40 && LOOKS_BACK.test(before)) ||
        (period !== null && context.planYear !== null && period < context.planYear)
      // In a report delivered early in a year, 今年拟安排 looks ahead for the rest of its paragraph.
      const ahead =
        !back && (LOOKS_AHEAD.test(lead) || (context.early === true && LOOKS_AHEAD.test(normalized.slice(0, figure.start))))
      // 去年…曾提出，要把全年物价上涨幅度控制在百分之十以内: a target recalled, never a result.
      // (去年政府工作报告提出，物价涨幅要从１４．８％降到１０％左右: the same.)
      const recalled =
        /(?:要把|提出要?|要求|力争)[^。]{0,30}控制在[^。\d]{0,4}$/.test(lead) ||
        /报告(?:提出|要求)[^。]{0,40}要[^。]{0,20}$/.test(lead)
      // 一九八一年计划为百分之三点七，实际达到百分之四点六: what was achieved, beside the plan.
      const actual = /实际(?:达到|完成|实现|增长|为|回落到|降到|下降到|回落至|降至)?$/.test(between)
      const reached = timeOnly?.[0] !== undefined && context.year !== null && Number(timeOnly[1]) > context.year
      // 钢产量…到一九五八年就增加到一千一百零八万吨, in the plan part of the report that reviews 1958: done.
      const done = explicit !== null && context.year !== null && explicit <= context.year && !TARGET_WORDS.test(lead)
      // 第六个五年计划规定，一九八五年工农业总产值达到…, in the report of 1982: a year still ahead is a target.
      const future = explicit !== null && context.year !== null && explicit > (context.planYear ?? context.year + 1)
      const target =
        recalled ||
        reached ||
        future ||
        (!back && !actual && !done && (context.part === 'plan' || ahead || (targetSentence && TARGET_WORDS.test(lead))))
      // 通过五年的努力，使全市生产总值达到3800亿元: a five-year target is for the last of the five.
      const fiveYears =
        target && explicit === null && period === null && context.planYear !== null && /五年|今后五年|未来五年/.test(lead)
      const year =
        explicit ??
        period ??
        (target && context.periodEnd
          ? context.periodEnd
          : fiveYears
            ? context.planYear! + 4
            : (target && context.part !== 'review') || ahead
              ? context.planYear
              : // 完成了年初确定的预期目标: a target a review recalls is the reviewed year's.
                context.year)
      facts.push({
        indicator,
        measure,
        target,
        year,
        figure: text.slice(figure.start, figure.end),
        value:
          /(?:下降|减少|回落|降低|负增长)[^，,；;]{0,4}$/.test(between) && measure === 'growth' ? -figure.value : figure.value,
        unit: figure.unit,
        start: figure.start,
        end: figure.end,
        quote: { start: first.start, end: Math.max(last.end, figure.end) },
        exact: !mention.indicator.loose?.includes(normalized.slice(mention.start, mention.end)),
      })
    }
  }
  return facts
}

/** Words that state a target (预期目标是, 力争); 实现了年初确定的主要目标 states results. */
/** The last mention of a sentence that no figure follows in it: its subject may carry into the next. */
function lastUnfigured(text: string, mentions: IndicatorMention[], figures: Figure[], sentence: Span): IndicatorMention | null {
  const last = mentions.at(-1)
  if (!last || last.start === last.end) return null
  return figures.some((f) => f.start >= last.end && f.end <= sentence.end) ? null : last
}

const TARGET_WORDS =
  /预期目标(?!任务)|(?<!实现|完成|达到|确定的)主要目标(?:是|为|[:：])|目标(?:是|为|[:：])|(?<!作为|为)奋斗目标|力争|计划(?:完成|实现|达到|增长|为)|计划草案|拟定|确保(?!了)/
// 赤字率从去年的2.1%提高到2.3%: 去年 is where a change starts from, not the year of the figure.
const LOOKS_BACK =
  /(?<![比较同与])(?:去年|上年)(?!同期|底|末|以来|的[\d.]+[%％]?(?:提高|增加|上升|下降|降低|减少)?(?:到|至))|过去一年/
const LOOKS_AHEAD = /今年(?!以来|上半年|前|1-|一季度|一至)[^。]{0,12}(?:拟|要|预期|目标|安排|计划|预算|力争|确保|将)/

/**
 * Mentions that are the report's own subjects: not the whole a share is taken of (占全省生产总值的
 * 比重), not a comparison, not another unit's (4个县一般公共预算收入, 襄阳、宜昌经济总量, 对共建国家进出口额).
 */
function subjects(text: string, mentions: IndicatorMention[], place: string | null, aboveCounty = false): IndicatorMention[] {
  return mentions.filter((m) => {
    const before = text.slice(Math.max(0, m.start - 8), m.start)
    if (/(?:占|相当于|超过|高于|低于|快于|慢于|与|同)(?:全国|全省|全市|全县|全区|地区)?$/.test(before)) return false
    // Those a measure reaches (覆盖贫困人口9542户), a part in brackets ((其中贫困人口31850人)); but
    // 带动固定资产投资增长5.1% is the investment's own growth.
    if (/(?:覆盖|惠及|帮扶|资助|救助)$|[(（]其中$/.test(before)) return false
    // 吸纳京津技术合同成交额: the part that came from elsewhere.
    if (/吸纳\p{Script=Han}{0,4}$|京津冀?$|京冀$|津冀$/u.test(before)) return false
    if (
      /(?:\d+|[一二三四五六七八九十两]+)个(?:县市区|县区|县|区|市|乡镇|镇|乡|街道|村|省份|省)$|等$|地区$|对$|园区$|开发区$/.test(
        before,
      )
    )
      return false
    // 全市产业集聚区完成固定资产投资970.3亿元: a zone's, not the place's.
    if (/(?:集聚区|园区|开发区|高新区|示范区|工业区|产业带)(?:完成|实现|共|累计|新增)?$/.test(before)) return false
    // 县域生产总值 is a county's own in its report, the counties' sum in a city's or a province's.
    if (aboveCounty && /县域$|城区$|市区$/.test(before)) return false
    // 对共建“一带一路”国家进出口额: other countries' (but 国家财政收入 is the country's own), with
    // their goods too (对共建“一带一路”国家和地区货物进出口额).
    if (/国家$/.test(before) && place !== '全国') return false
    if (TRADE_PARTNERS_BEFORE.test(text.slice(Math.max(0, m.start - 30), m.start))) return false
    // Another place named right before (高新区一般公共预算收入, 襄阳、宜昌经济总量), unless it is the
    // report's own (全市, 驻马店市生产总值).
    // 全省财政收入 in a city's report is the province's; 全市 in a city's, its own.
    const whole = /全([省市县区镇乡旗州盟国])$/.exec(before)
    if (whole && place && place !== '全国' && !ownWhole(place).includes(whole[1]!)) return false
    if (/(?:全|我|本|该)[省市县区镇乡旗州盟]$/.test(before)) return true
    const unit = /\p{Script=Han}{1,5}(?:省|市|县|区|镇|乡|旗)$/u.exec(before)?.[0] ?? placeEndingAt(before)
    if (!unit) return true
    const stem = place?.replace(/(?:省|市|县|区|镇|乡|旗|自治区|自治州)$/, '') ?? null
    return (
      stem !== null && stem.length >= 2 && (unit.includes(stem) || stem.includes(unit.replace(/(?:省|市|县|区|镇|乡|旗)$/, '')))
    )
  })
}

/** The 全X a place's report says of itself: 全市 in 驻马店市's, 全区 in a district's or an autonomous region's. */
function ownWhole(place: string): string[] {
  if (/自治区$/.test(place)) return ['区']
  const unit = /[省市县区镇乡旗州盟]$/.exec(place)?.[0]
  // 街道 and places the text does not end in a unit: say nothing against.
  return unit ? [unit] : [...'省市县区镇乡旗州盟']
}

/** 对共建“一带一路”国家和地区: trade with other economies, named before what it is of. */
export const TRADE_PARTNERS = /对[^，,。；;]{0,16}(?:国家|地区|经济体)/
const TRADE_PARTNERS_BEFORE = new RegExp(`${TRADE_PARTNERS.source}[^，,。；;]{0,6}$`)

const GRAIN = INDICATORS.get('粮食产量')!
const GDP = INDICATORS.get('地区生产总值')!
const COTTON = INDICATORS.get('棉花产量')!
const INCOME_ALL = INDICATORS.get('居民人均可支配收入')!
/** 总产, 总产量, 产量 alone, after 粮食 in the same sentence (粮食播种面积4157万亩、产量1146.1万吨) or paragraph opening (——粮食生产再创新高。…总产量达到853.2亿斤). */
const ELLIPTIC = /总产量|总产|产量/g

function withElliptic(text: string, mentions: IndicatorMention[]): IndicatorMention[] {
  const grain = text.includes('粮食')
  if (!grain && !text.includes('棉花')) return mentions
  const added: IndicatorMention[] = []
  for (const match of grain ? text.matchAll(ELLIPTIC) : []) {
    const start = match.index
    if (mentions.some((m) => start < m.end && start + match[0].length > m.start)) continue
    const before = text.slice(0, start)
    const sentenceStart = Math.max(before.lastIndexOf('。'), 0)
    const grain = before.lastIndexOf('粮食')
    // Another crop named between (油料、蔬菜产量) is that crop's output.
    const lead = before.slice(-2)
    const bare = !/\p{Script=Han}$/u.test(lead) || /粮食|全年|全省|全市|全县|全区|总$|\d年$/.test(lead)
    if (
      bare &&
      grain >= 0 &&
      (grain >= sentenceStart || grain < 40) &&
      !/[棉油菜果肉蛋奶茶糖鱼]\p{Script=Han}{0,2}$/u.test(before.slice(-3))
    ) {
      added.push({ indicator: GRAIN, start, end: start + match[0].length })
    }
  }
  // 棉花达到六百零八万吨, 粮食增长百分之十七点六，即增产五百七十八亿斤，到一九五七年达到三千八百五十六
  // 亿斤: 粮食 or 棉花 alone, going straight to its change or level in a sentence that weighs it in 斤
  // or 吨, is its output.
  for (const match of text.matchAll(/(粮食|棉花)(?=[：:]|增产|增长|增加|达到)/g)) {
    const start = match.index
    const end = text.indexOf('。', start)
    if (mentions.some((m) => start < m.end && start + 2 > m.start)) continue
    const sentence = text.slice(start, end < 0 ? undefined : end)
    if (!/(?:斤|吨)/.test(sentence)) continue
    const indicator = match[1] === '粮食' ? GRAIN : COTTON
    // A sentence that goes on to a span (到一九五七年, 五年计划): each figure only with its year written.
    if (/(?:到|至)[〇○零一二三四五六七八九\d]{4}年|五年|计划/.test(sentence))
      added.push({ indicator, start, end: start + 2, dated: true })
    else added.push({ indicator, start, end: start + 2 })
  }
  return added.length === 0 ? mentions : [...mentions, ...added].sort((a, b) => a.start - b.start)
}

/** A paragraph on the economy as a whole: ——经济发展贡献新担当。 */
const ECONOMY_LEAD = /^\s*——经济[^。；;]{2,16}。/

/**
 * 全年增长 and 总量达, in the sentence after a paragraph's opening on the economy (——经济发展贡献新担当。
 * …全年增长4.8%、总量达5.3万亿元), with no indicator named before them: the economy's, GDP.
 */
function withEconomy(text: string, mentions: IndicatorMention[]): IndicatorMention[] {
  const lead = ECONOMY_LEAD.exec(text)
  if (!lead) return mentions
  const end = text.indexOf('。', lead[0].length)
  const sentence = text.slice(lead[0].length, end < 0 ? undefined : end)
  const added: IndicatorMention[] = []
  for (const match of sentence.matchAll(/全年(?=增长)|总量(?=达|为|突破|超过)/g)) {
    const start = lead[0].length + match.index
    if (mentions.some((m) => m.start < start && m.end > lead[0].length)) break
    added.push({ indicator: GDP, start, end: start + match[0].length })
  }
  return added.length === 0 ? mentions : [...mentions, ...added].sort((a, b) => a.start - b.start)
}

/** The time a clause of its own sets for `clause` (到2017年，…), if no other year is written between: [到 or undefined, year]. */
function timeBefore(text: string, clauses: Span[], clause: Span): [string | undefined, string] | null {
  for (const before of clauses.filter((c) => c.end <= clause.start).reverse()) {
    const words = text.slice(before.start, before.end)
    const time = /^\s*(?:力争|预计)?(到|至)?\s*((?:19|20)\d{2})\s*年(?:底|末)?\s*$/.exec(words)
    if (time) return [time[1], time[2]!]
    if (ANY_YEAR.test(words)) return null
  }
  return null
}

function clauseAt(clauses: Span[], offset: number): Span {
  return clauses.find((c) => offset >= c.start && offset < c.end) ?? { start: offset, end: offset }
}

/**
 * Words that may stand between an indicator and its figure: verbs of achieving and changing, the
 * comparison base (比上年), approximations, years (从2010年的162.4亿元增加到2015年的), other figures
 * of the same indicator. Anything else is another subject or a comparison, and the figure is not
 * the indicator's.
 */
const CONNECTOR =
  '年底|年末|五年来|五年间|五年内|五年|均值|平均每人|不少于|不低于|不超过|不高于|完成|实现|境内外|海内外|国内外|增产|减产|脱贫|实现脱贫|可达到|可达|可望|有望|达到|达|为|是|增长到|增加到|提高到|上升到|下降到|降至|降到|增至|增长|增加|提高|上升|下降|减少|回落|降低|负增长|突破|超过|超|跨越|迈上|跃上|跃升|首次|历史性地|稳定在|保持在|稳定|保持|控制在|预计|预期|初步核算|按可比价格计算|按可比价计算|按可比口径计算|可比口径|同口径|可比价|可比|同比|同期|比上年|较上年|比去年|较去年|比上年同期|上年|去年|全年|年均|平均|分别|总量|总额|规模|约|近|以上|左右|实际|名义|全省|全市|全县|全区|全镇|全乡|全国|我省|我市|我县|我区|我镇|累计|共计|总计|合计|共|增速|增幅|涨幅|速度|占比|比重|比例|上涨|由|从|到|至|和|与|及|的|了|在|年|亿元|万亿元|万元|元|以内|之间|分别为|分别达到|拟按|拟安排|拟发行|拟|按|安排|发行|争取|力争|确保|计划|目标|预期目标|为目标|约为|稳步|持续|进一步|继续|再|又|将|要|首次突破|成功|跨过|跨上|攀升至|升至|跃居|跃升至|迈过|站上|大关|台阶|提升|提升至|提升到|调控|调控目标|关口|仅为|仅|只有|连跨|个|千亿|万亿|亿|万|屡创历史新高|创历史新高|再创新高|创新高|再获丰收|获得丰收|去年|今年|当年|总额|就|已经|已|即|再上新台阶|上新台阶|新台阶|拟定为|拟定|定为'
const CONNECTORS = new RegExp(`^(?:${CONNECTOR})*$`)
/** A clause that carries on the subject of the one before: 增长8.5%, 同比下降12.43%. */
const CONTINUES = new RegExp(
  String.raw`^即?(?:去年|今年|全年|当年|(?:${YEAR_DIGITS})年)?(?:全国|全省|全市|全县|全区)?(?:平均每人)?(?:又|再|还)?(?:增产|减产|占|同比|比上年|比去年|较上年|较去年|比\d|比[一二][〇○O零九]|增长|下降|增幅|增速|减少|提高|降低|上涨|回落|年均|总量|总额|达到|达|完成|实现|实际增长|实际回落|实际下降|实际降|名义增长|按可比价格计算|按可比价计算|按可比口径计算|可比价|可比|同口径|分别|突破|首次突破|跨越|迈上|跃上|站上|拟定为|拟定|定为)|^(?:从|由)(?:19|20)\d{2}年|^到(?:${YEAR_DIGITS})年(?:就|又|已经|已)?(?:增加|增长|提高|上升|达到|发展)`,
)
/** A clause that only ranks or compares (居全省第3位, 增速全国第3, 高于全国1.2个百分点): the clause after it may still carry on the subject. */
const RANKS =
  /^(?:增速|增幅|总量|均)?(?:居|位居|位列|排名|排|列|高于|低于|快于|超过|追平|领跑)?(?:全国|全省|全市|中部|西部|东部|东北|同类|沿海)[^，,；;。]*$|^(?:居|位居|位列|排名|排|列)[^\d]*第?\d*位?$|^(?:位次|排名|排位)[^\d，,；;。]{0,8}$/

/** Strips what `CONNECTORS` cannot: years, other figures, spaces and brackets. */
function gist(between: string): string {
  return (
    // 一九七八年又比一九七七年增长: years, and the one compared with.
    withoutFigures(between.replace(YEARS_WRITTEN, ''))
      .replace(/[(（][^)）]{0,40}[)）]/g, '')
      // 剔除虚增空转因素后, 按可比口径计算: how the figure was counted, not another subject.
      .replace(/[“"]?(?:十[一二三四五六]?|[六七八九])五[”"]?(?:末|初|时期|期间)?/g, '')
      .replace(/(?:剔除|扣除|不含|按)[^，,；;。\d]{1,12}?(?:后|外|计算|口径)/g, '')
      // 占地区生产总值的比重, 相当于全市生产总值的比例: a share of GDP.
      .replace(/(?:占|相当于)(?:全国|全省|全市|全县|全区|地区|国内)?(?:地区|国内)?(?:生产总值|gdp)的?(?:比重|比例)/g, '占比')
      // 民生支出1041亿元，占一般公共预算支出的87.2%: a share of something else, right before its figure.
      .replace(/(?:占|相当于)[^，,。；;\d]{1,16}?的?(?:比重|比例)?$/, '占比')
      // 在上年大幅度增长的基础上: what the figure builds on.
      .replace(/在[^，,；;。\d]{0,24}基础上/g, '')
      // 增速全国第3, 居全省第二位: a rank in passing.
      .replace(
        /(?:增速|增幅|总量)?(?:居|位居|位列|排名)?(?:全国|全省|全市|中部|西部|东部|东北)第?[一二三四五六七八九十\d]*位?/g,
        '',
      )
      .replace(/[\s“”"'、()（）★☆※]|gdp/g, '')
  )
}

/**
 * The figures, with the ones a count of people gives before naming them (10.8万农村贫困人口): the
 * noun is the unit there, which the figures' reading cannot know.
 */
function withCountsBefore(text: string, figures: Figure[], mentions: IndicatorMention[]): Figure[] {
  const added: Figure[] = []
  for (const mention of mentions) {
    if (mention.indicator.kind !== 'count' || !/人口|人数|人员/.test(text.slice(mention.start, mention.end))) continue
    const count = /(?<![\d.])(\d+(?:\.\d+)?)([余多]?)万([余多]?)$/.exec(
      text.slice(Math.max(0, mention.start - 12), mention.start),
    )
    if (!count) continue
    const start = mention.start - count[0].length
    if (figures.some((f) => f.start < mention.start && f.end > start)) continue
    added.push({ start, end: mention.start, value: Number(count[1]), unit: '万人' })
  }
  return added.length === 0 ? figures : [...figures, ...added].sort((a, b) => a.start - b.start)
}

/** What people counted before 贫困人口 did: they left poverty (a change of the count). */
const LEFT_POVERTY = /^(?:实现|稳定|全部|基本|已经?|如期)*(?:脱贫|摆脱了?贫困|脱离了?贫困)/
/** A verb that puts a figure before its indicator: 拟发行1500亿元长期建设国债, 完成全镇3647户农村改厕. */
const FIGURE_FIRST = /(?:发行|安排|拟安排|拟发行|新增|下达|投入|筹措|完成|实现|新建|建成|改造|帮扶|累计|共)(?:全[镇乡县区市省])?$/

/** Each figure with the mention that governs it, as described at `extractFacts`. */
function attach(text: string, mentions: IndicatorMention[], figures: Figure[], clauses: Span[]): [IndicatorMention, Figure][] {
  const pairs: [IndicatorMention, Figure][] = []
  const paired = new Set<Figure>()
  // 分别: the mentions listed just before it, and as many figures after it, in order.
  for (const clause of clauses) {
    const at = text.indexOf('分别', clause.start)
    if (at < 0 || at >= clause.end) continue
    const listed = listBefore(text, mentions, clause, at)
    const ending = listed.length >= 2 ? listed : sharedEnding(text, clause, at)
    const after = figures.filter((f) => f.start > at && f.start < sentenceEnd(clauses, clause, text))
    const same = after.filter((f) => sameKind(f, after[0]!))
    // 接待游客超10.9亿人次，旅游总收入超1.3万亿元，分别增长15.8%和11.5%: the subjects of the clauses before.
    const group = ending.length >= 2 ? ending : clauseSubjects(text, mentions, clauses, clause, at, same.length)
    if (group.length >= 2 && same.length >= group.length) {
      group.forEach((mention, i) => mention && pairs.push([mention, same[i]!]))
    }
    // Figures after 分别 are a list's: never the one mention before them alone.
    if (after.length > 1) for (const figure of after) paired.add(figure)
  }
  for (const figure of figures) {
    if (paired.has(figure)) continue
    // A figure before its indicator: 拟发行1500亿元长期建设国债, 安排3000亿元资金.
    const next = mentions.find(
      (m) => m.start >= figure.end && m.start <= figure.end + 1 && text.slice(figure.end, m.start) !== '、',
    )
    const clause = clauseAt(clauses, figure.start)
    if (
      next &&
      clauseAt(clauses, next.start).start === clause.start &&
      (FIGURE_FIRST.test(text.slice(clause.start, figure.start)) ||
        // 10.8万农村贫困人口实现稳定脱贫: the people who left poverty, counted before they are named.
        (text.slice(clause.start, figure.start).trim() === '' && LEFT_POVERTY.test(text.slice(next.end, clause.end))))
    ) {
      pairs.push([next, figure])
      continue
    }
    const before = mentions.filter((m) => m.end <= figure.start)
    const mention = before.at(-1)
    if (!mention) continue
    if (before.at(-2)?.start === mention.start) {
      // 城乡居民人均可支配收入达到25780元 with no 分别: all residents' income; another composite
      // without 分别 (城镇和农村居民…增长6%) does not say which of its indicators.
      const all = /^城乡(?:常住)?居民/.test(text.slice(mention.start, mention.end)) ? INCOME_ALL : null
      if (all && governs(text, mention, figure, clauses)) pairs.push([{ ...mention, indicator: all }, figure])
      continue
    }
    if (governs(text, mention, figure, clauses)) pairs.push([mention, figure])
  }
  return pairs
}

function sentenceEnd(clauses: Span[], clause: Span, text: string): number {
  // Figures of 分别 stay in its clause and the ones that carry it on (分别增长7.2%、10.5%和8%).
  let end = clause.end
  for (const next of clauses.filter((c) => c.start > clause.start)) {
    if (!/^(?:和|、|\d|同比|增长|分别)/.test(text.slice(next.start, next.end))) break
    end = next.end
  }
  return end
}

function sameKind(a: Figure, b: Figure): boolean {
  return (a.unit === '%') === (b.unit === '%')
}

/** The mentions, with the things listed before 分别 that are indicators by a shared ending (粮食 of 粮食、油料、蔬菜产量). */
function withSharedEndings(text: string, mentions: IndicatorMention[]): IndicatorMention[] {
  if (!text.includes('分别')) return mentions
  const added = splitClauses(text).flatMap((clause) => {
    const at = text.indexOf('分别', clause.start)
    if (at < 0 || at >= clause.end) return []
    return sharedEnding(text, clause, at).filter(
      (m): m is IndicatorMention => m !== null && !mentions.some((n) => m.start < n.end && m.end > n.start),
    )
  })
  return added.length === 0 ? mentions : [...mentions, ...added].sort((a, b) => a.start - b.start)
}

/**
 * Things listed before 分别 that share the last one's ending (粮食、油料、蔬菜产量分别达118.3万吨、…):
 * each with that ending, read as an indicator where it is one (粮食产量), in order; null where not.
 */
function sharedEnding(text: string, clause: Span, at: number): (IndicatorMention | null)[] {
  const list = /(?:\p{Script=Han}{1,8}[、和及与])+\p{Script=Han}{2,14}$/u.exec(text.slice(clause.start, at))
  if (!list) return []
  const items: Span[] = []
  const start = clause.start + list.index
  for (const item of list[0].matchAll(/(?:全年|全[省市县区]|今年|去年)?([^、和及与]+)/g)) {
    const from = start + item.index + item[0].length - item[1]!.length
    items.push({ start: from, end: from + item[1]!.length })
  }
  const last = text.slice(items.at(-1)!.start, items.at(-1)!.end)
  // (城镇居民、农村居民人均可支配收入: an ending as long as 人均可支配收入.)
  for (let length = 2; length <= Math.min(8, last.length - 1); length++) {
    const ending = last.slice(-length)
    const read = items.map((item): IndicatorMention | null => {
      const word = text.slice(item.start, item.end)
      const whole = word.endsWith(ending) ? word : word + ending
      const found = indicatorMentions(normalize(whole))
      return found.length === 1 && found[0]!.start === 0 && found[0]!.end === whole.length ? { ...found[0]!, ...item } : null
    })
    if (read.some((mention) => mention !== null)) return read
  }
  return []
}

/** The last mention of each of the `count` clauses of a sentence before `at` (one subject a clause). */
function clauseSubjects(
  text: string,
  mentions: IndicatorMention[],
  clauses: Span[],
  clause: Span,
  at: number,
  count: number,
): IndicatorMention[] {
  if (count < 2) return []
  // The clause of 分别 itself, when it names something before 分别; else only the clauses before it.
  const own = mentions.some((m) => m.start >= clause.start && m.end <= at)
  // 高技术制造业、装备制造业增加值分别增长8.9%、7.7%: the clause lists its own subjects, not all of them indicators.
  if (own && /[、和与及]/.test(text.slice(clause.start, at))) return []
  // 城乡居民人均可支配收入分别达43020元、22680元，分别增长8.5%、10%: the same list again.
  const previous = clauses.filter((c) => c.start < clause.start).at(-1)
  if (!own && previous) {
    const inPrevious = mentions.filter((m) => m.start >= previous.start && m.end <= previous.end)
    const composite = inPrevious.filter((m) => m.start === inPrevious.at(-1)!.start)
    if (composite.length >= 2) return composite.length === count ? composite : []
    // 农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元: the list of the clause before.
    const listed = inPrevious.every((m, i) => i === 0 || /^[和、及与]$/.test(text.slice(inPrevious[i - 1]!.end, m.start)))
    if (inPrevious.length === count && listed && /^(?:(?:19|20)\d{2}年|全年|当年)?$/.test(text.slice(clause.start, at)))
      return inPrevious
  }
  const before = clauses.filter((c) => (own ? c.start <= clause.start : c.start < clause.start)).slice(-count)
  const subjects = before.map((c) => mentions.filter((m) => m.start >= c.start && m.end <= Math.min(c.end, at)).at(-1))
  return subjects.every((m) => m !== undefined) && before.length === count ? (subjects as IndicatorMention[]) : []
}

/** The mentions joined by 、和及与 right before `at` in its clause: 固定资产投资、社会消费品零售总额分别. */
function listBefore(text: string, mentions: IndicatorMention[], clause: Span, at: number): IndicatorMention[] {
  const inClause = mentions.filter((m) => m.start >= clause.start && m.end <= at)
  const group: IndicatorMention[] = []
  let end = at
  for (let i = inClause.length - 1; i >= 0; i--) {
    const m = inClause[i]!
    const gap = text.slice(m.end, end)
    const sameSpan = group.length > 0 && m.start === group[0]!.start // a composite: 城乡居民人均可支配收入
    if (!sameSpan && (group.length === 0 ? !CONNECTORS.test(gist(gap)) : !/^(?:、|和|及|与|以及|,|，)$/.test(gap))) break
    group.unshift(m)
    end = m.start
  }
  return group
}

/** Whether `figure` is `mention`'s: only connectors between, across clauses that carry the subject on. */
function governs(text: string, mention: IndicatorMention, figure: Figure, clauses: Span[]): boolean {
  const first = clauseAt(clauses, mention.start)
  const last = clauseAt(clauses, figure.start)
  if (first.start === last.start) return CONNECTORS.test(gist(text.slice(mention.end, figure.start)))
  if (!CONNECTORS.test(gist(text.slice(mention.end, first.end)))) return false
  for (const clause of clauses) {
    if (clause.start <= first.start || clause.start > last.start) continue
    const upTo = clause.start === last.start ? figure.start : clause.end
    const words = text.slice(clause.start, upTo)
    // (通过国家预算的部分: which part of it the figure after is.)
    // (经过上下各方面的努力: how, before what came of it.)
    if (
      clause.start !== last.start &&
      (RANKS.test(words) || /^在.{0,24}基础上$|^[^\d，,]{0,14}的部分$|^经过[^\d，,]{0,16}努力$/.test(words))
    )
      continue
    if (!CONTINUES.test(words) || !CONNECTORS.test(gist(words))) return false
  }
  return true
}

/**
 * What a figure measures of its indicator, from its unit and the words before it: the level itself
 * (1794.5亿元; 5.5% for a ratio such as 失业率), its growth (增长8.5%), a yearly average (年均增长),
 * a share (比重), a change (增加120亿元, 提高0.5个百分点) or a sum over years (累计); null when the
 * unit cannot be the indicator's (人 for an amount of money).
 */
function measureOf(
  indicator: Indicator,
  figure: Figure,
  between: string,
  overYears: boolean,
  year: number | null,
  yearWritten: boolean,
): Measure | null {
  const words = gist(between)
  const percent = figure.unit === '%' || figure.unit === '‰'
  // 粮食产量连年稳定在1.3万亿斤以上: true of every year, the figure of none.
  if (/连年|连续|年年|多年/.test(between)) return null
  if (figure.unit === '个百分点' || figure.unit === '百分点') return 'change'
  if (percent) {
    // 完成年计划２７％: how much of the plan is done, no growth.
    if (/完成(?:全?年)?计划的?$/.test(words)) return null
    // 城镇调查失业率平均为4.2%: a ratio's average over the year is its value.
    if (indicator.kind === 'ratio' && !/年均|平均每年/.test(words)) return /比重|占比/.test(words) ? 'share' : 'value'
    // 全国平均每人达到三百五十五元，比上年增长14.7%: an average over people, not over years.
    if (/年均|平均每年|平均(?!每人)/.test(words)) return 'avg-growth'
    if (/比重|占比|占/.test(words)) return 'share'
    if (indicator.kind === 'ratio') return 'value'
    // 比2011年增长21.9%: growth over several years, not the year's.
    const base = /[比较]((?:19|20)\d{2})年/.exec(between)
    if (base && year !== null && Number(base[1]) !== year - 1) return 'change'
    return 'growth'
  }
  if (indicator.kind === 'ratio') return null
  // (１９５５年完成的基本建设投资额共为８６．３亿元: one year's, with its year written.)
  if (/累计|共计|总计|五年/.test(words) || (/^共/.test(words) && !yearWritten)) return 'total'
  if (/年均(?:增长|增加|新增)?$/.test(words)) return 'change'
  if (/(?:增加|增长|减少|下降|提高|新增|降低|增产|减产|脱贫)了?$/.test(words)) return 'change'
  if (!unitFits(indicator, figure.unit)) return null
  // A flow looked back on over five years (城镇新增就业超过6000万人) is their sum.
  if (overYears) return 'total'
  return 'value'
}

/** Units of an amount (money, output, land, energy) and of a count (people, households, firms …). */
const AMOUNT_UNIT = /元$|吨$|斤$|亩$|米$|千瓦|公里$|标箱$|公顷$|微克\/立方米$/
const COUNT_UNIT =
  /^万$|岁$|人$|人次$|户$|户次$|个$|家$|家次$|所$|座$|项$|件$|次$|套$|台$|辆$|头$|只$|名$|处$|条$|间$|张$|床$|株$|棵$|天$/

/** Whether a figure's unit can be an indicator's level: money for an amount of money, people for a count. */
export function unitFits(indicator: Indicator, unit: string): boolean {
  if (indicator.kind === 'ratio') return unit === '%' || unit === '‰'
  return indicator.kind === 'count' ? COUNT_UNIT.test(unit) : AMOUNT_UNIT.test(unit)
}

/** The last year of the last five-year plan a text names as a span (“十二五”末, “十三五”时期): 2015, 2020. */
function lastPlanEnd(text: string): number | null {
  const plan = [...text.matchAll(/[“"]?(十[一二三四五六]?|[六七八九])五[”"]?(?:时期|期间|以来|末)/g)].at(-1)
  const first = plan ? planPeriodIn(plan[0])?.from : undefined
  return first === undefined ? null : first + 4
}

/** The last year of a five-year plan a sentence opens on as its time (“十四五”时期，…; not 由“十二五”末的). */
function openingPlanEnd(opening: string): number | null {
  const plan = /^[^由从，,]{0,8}?[“"]?(十[一二三四五六]?|[六七八九])五[”"]?(?:时期|期间)/.exec(opening)
  return plan ? lastPlanEnd(plan[0]) : null
}

/** The text after the last figure in it (all of it when it holds none). */
function afterLastFigure(text: string): string {
  const last = findFigures(text).at(-1)
  return last ? text.slice(last.end) : text
}

/** A year in Arabic or Chinese digits: 2015, 一九八二. */
const YEAR = `(${YEAR_DIGITS})\\s*年`
const ANY_YEAR = new RegExp(YEAR)
/** 比一九六四年, 较2015年: the year a figure is compared with. */
const COMPARED_YEAR = new RegExp(`(?:比|较)${YEAR}`)
const COMPARED_BEFORE = new RegExp(`(?:比|较)${YEAR}$`)
/** Years as `gist` strips them, with the year compared with. */
const YEARS_WRITTEN = new RegExp(`(?:比|较)?${YEAR}(?:底|末|度)?`, 'g')
const YEAR_BEFORE = new RegExp(`(?<!比|较|同|较之|与)${YEAR}(?!以来|至|到|-|—|～|~|起|初)`, 'g')
const YEAR_LEADING = new RegExp(`^\\s*(?:——)?${YEAR}(?!以来|至|到|-|—|～|~|起|初|上半年|前三季度|1-)`)

function yearOf(text: string): number | null {
  const year = /^\d/.test(text) ? Number(text) : chineseYear(text)
  return year !== null && year >= 1949 && year <= 2100 ? year : null
}

/** A year written right before the figure: 从2010年的162.4亿元 (but not the base of 比2015年增长). */
function yearBefore(between: string): number | null {
  const last = [...between.matchAll(YEAR_BEFORE)].at(-1)
  return last ? yearOf(last[1]!) : null
}

/** 比一九五七年的一百二十六亿元: the figure right after a year compared with is that year's. */
function baseYear(between: string): number | null {
  const base = BASE_FIGURE.exec(between)
  return base ? yearOf(base[1]!) : null
}

const BASE_FIGURE = new RegExp(`(?:比|较)${YEAR}的$`)

/** A change over years: 从2015年的2.6万亿元增长到2020年的3.62万亿元, 由1997年的5160元增加到2002年的. */
const SPAN = new RegExp(`[由从]${YEAR}的?[^。；;]{0,30}?(?:到|至)${YEAR}`, 'g')

/**
 * The years of the last change over years stated before `at` in the paragraph, with no other year
 * written between: a change that gives none (一般公共预算收入从2649.2亿元增长到3826.4亿元) is over
 * the same years.
 */
function spanBefore(text: string, at: number): { from: number; to: number } | null {
  let last: RegExpMatchArray | null = null
  for (const match of text.slice(0, at).matchAll(SPAN)) last = match
  if (!last) return null
  const after = text.slice(last.index! + last[0].length, at)
  if (ANY_YEAR.test(after)) return null
  const [from, to] = [yearOf(last[1]!), yearOf(last[2]!)]
  return from !== null && to !== null ? { from, to } : null
}

/** A sentence that opens on a year (2015年，全区地区生产总值…): its figures are that year's. */
function leadingYear(sentence: string): number | null {
  const match = YEAR_LEADING.exec(sentence)
  return match ? yearOf(match[1]!) : null
}
