/**
 * The indicators reports state and people ask about, as data: one entry per indicator with its
 * canonical name, the other ways reports and people write it, and what its figure is.
 *
 * A text is read for indicators by longest match over every form of every entry, so an entry
 * also marks the boundary of the others: 单位生产总值能耗 and 人均地区生产总值 are entries of their
 * own, and so never read as 地区生产总值.
 */
export interface Indicator {
  /** Canonical name, as facts and answers name it. */
  name: string
  /**
   * What its plain figure is: an `amount` (亿元, 万吨), a `count` (万人, 户) or a `ratio` that is
   * itself a percentage (失业率, 城镇化率, 居民消费价格涨幅).
   */
  kind: 'amount' | 'count' | 'ratio'
  /** Other ways reports (and people) write it. */
  forms?: string[]
  /** Ways only people write it in a question (外贸, 经济总量 as asked): too loose to read in a report. */
  asked?: string[]
  /** How the State Council's reports name it, where that differs from `name`. */
  national?: string
  /** Asked with no place, it can only mean the country's (赤字率, 特别国债). */
  nationalOnly?: boolean
  /** Forms that may also mean something wider (财政收入 may be all revenue): a figure so named ranks after one named exactly. */
  loose?: string[]
  /** A flow summed over years in a look back over several (城镇新增就业6600万人 in 过去五年 is five years' sum). */
  flow?: boolean
  /** What its share of GDP is called (研发经费投入 占地区生产总值的比重 -> 研发经费投入强度). */
  shareIs?: string
  /** A figure set in the budget (赤字, 专项债券): the plan's figure answers, unless a result is asked (实际). */
  budget?: boolean
  /** Asked as this, the facts of these indicators answer too (农村居民人均可支配收入: before 2013, 农民人均纯收入). */
  accepts?: string[]
}

export const INDICATOR_LIST: Indicator[] = [
  // Output
  {
    name: '地区生产总值',
    kind: 'amount',
    national: '国内生产总值',
    forms: [
      '国内生产总值',
      '生产总值',
      'gdp',
      '经济总量',
      '地区生产总值(gdp)',
      '经济增长',
      '经济增速',
      '经济年均增长',
      '年均经济增长',
    ],
    asked: ['经济规模', '国民经济总量'],
    loose: ['经济总量', '经济增长', '经济增速', '经济年均增长', '年均经济增长'],
  },
  {
    name: '人均地区生产总值',
    kind: 'amount',
    national: '人均国内生产总值',
    forms: ['人均国内生产总值', '人均生产总值', '人均gdp'],
  },
  { name: '国民生产总值', kind: 'amount', forms: ['国民总收入'], asked: ['gnp'] },
  { name: '国民收入', kind: 'amount' },
  { name: '工农业总产值', kind: 'amount' },
  { name: '钢产量', kind: 'amount', forms: ['钢铁产量'] },
  {
    name: '单位地区生产总值能耗',
    kind: 'ratio',
    forms: [
      '单位生产总值能耗',
      '单位国内生产总值能耗',
      '单位gdp能耗',
      '国内生产总值能耗',
      '国内生产总值能源消耗',
      '万元生产总值能耗',
      '万元gdp能耗',
      '生产总值能耗',
      '单位地区生产总值能源消耗',
    ],
  },
  { name: '海洋生产总值', kind: 'amount' },
  { name: '第一产业增加值', kind: 'amount' },
  { name: '第二产业增加值', kind: 'amount' },
  { name: '第三产业增加值', kind: 'amount', forms: ['服务业增加值'] },
  { name: '规模以上工业增加值', kind: 'amount', forms: ['规上工业增加值', '规模以上工业企业增加值'] },
  { name: '工业增加值', kind: 'amount', forms: ['全部工业增加值'] },
  { name: '规模以上工业产值', kind: 'amount', forms: ['规上工业产值', '规模以上工业总产值', '规上工业总产值'] },
  { name: '规模以上工业营业收入', kind: 'amount', forms: ['规上工业营业收入'] },
  { name: '工业总产值', kind: 'amount' },
  { name: '农业增加值', kind: 'amount' },
  { name: '农业总产值', kind: 'amount', forms: ['农林牧渔业总产值', '农林牧渔总产值'] },
  { name: '制造业增加值', kind: 'amount' },
  { name: '高新技术产业增加值', kind: 'amount' },
  { name: '数字经济核心产业增加值', kind: 'amount' },
  // Public finance
  {
    name: '一般公共预算收入',
    kind: 'amount',
    national: '全国一般公共预算收入',
    forms: [
      '地方一般公共预算收入',
      '全国一般公共预算收入',
      '一般预算收入',
      '地方一般预算收入',
      '公共财政预算收入',
      '地方公共财政预算收入',
      '财政一般预算收入',
      '地方财政一般预算收入',
      '公共财政收入',
      '地方财政收入',
      '一般公共预算收入',
      '财政收入',
      '地方级收入',
      '地方财政一般公共预算收入',
    ],
    loose: ['财政收入', '地方财政收入', '公共财政收入'],
  },
  { name: '财政总收入', kind: 'amount', forms: ['全部财政收入', '全口径财政收入', '财政收入总额'] },
  { name: '数字经济规模', kind: 'amount', forms: ['数字经济总量', '数字经济核心产业规模'] },
  {
    name: '一般公共预算支出',
    kind: 'amount',
    forms: ['一般预算支出', '公共财政预算支出', '地方一般公共预算支出', '财政支出', '地方财政支出'],
  },
  { name: '税收收入', kind: 'amount', forms: ['税收总收入', '全口径税收', '税收收入'], asked: ['税收'] },
  { name: '非税收入', kind: 'amount' },
  { name: '外汇储备', kind: 'amount', forms: ['国家外汇储备'], asked: ['外储'] },
  // Not 常住人口: 每万人口 counts the patents.
  {
    name: '每万人口高价值发明专利拥有量',
    kind: 'count',
    forms: ['每万人高价值发明专利拥有量', '每万人口发明专利拥有量', '每万人发明专利拥有量'],
  },
  { name: '财政赤字', kind: 'amount', budget: true, nationalOnly: true, forms: ['赤字规模', '财政赤字规模'], asked: ['赤字'] },
  { name: '中央财政赤字', kind: 'amount', budget: true, nationalOnly: true, forms: ['中央财政赤字预算', '中央财政预算赤字'] },
  { name: '地方财政赤字', kind: 'amount', budget: true, nationalOnly: true },
  { name: '赤字率', kind: 'ratio', budget: true, nationalOnly: true, forms: ['财政赤字率'] },
  { name: '长期建设国债', kind: 'amount', budget: true, nationalOnly: true, forms: ['建设国债', '长期国债', '国债'] },
  {
    name: '地方政府专项债券',
    kind: 'amount',
    budget: true,
    flow: true,
    forms: [
      '专项债券',
      '地方专项债券',
      '新增专项债券',
      '地方政府专项债',
      '专项债',
      '专项债资金',
      '新增专项债资金',
      '专项债券资金',
    ],
  },
  { name: '超长期特别国债', kind: 'amount', budget: true, nationalOnly: true },
  // 抗疫特别国债, 补充资本的特别国债; asked plainly, the ultra-long ones answer too.
  { name: '特别国债', kind: 'amount', budget: true, nationalOnly: true, accepts: ['超长期特别国债'] },
  { name: '中央预算内投资', kind: 'amount', budget: true, nationalOnly: true },
  { name: '减税降费', kind: 'amount', flow: true, forms: ['新增减税降费', '减税降费及退税缓税缓费', '减税降费退税'] },
  // Investment, consumption, trade
  {
    name: '固定资产投资',
    kind: 'amount',
    flow: true,
    forms: ['全社会固定资产投资', '城镇固定资产投资', '固投', '固定资产投资额', '500万元以上固定资产投资'],
  },
  // Parts of it the reports state apart: none is the whole, nor another part (工业技改投资 is not 工业投资).
  { name: '工业投资', kind: 'amount', flow: true, forms: ['工业固定资产投资', '工业固投'] },
  { name: '民间投资', kind: 'amount', flow: true, forms: ['民间固定资产投资', '民间固投'] },
  { name: '基础设施投资', kind: 'amount', flow: true },
  // The State Council's reports of the planned economy: 基本建设投资总额, 通过国家预算的部分.
  { name: '基本建设投资', kind: 'amount', flow: true, forms: ['基本建设投资总额', '基本建设投资额'] },
  { name: '房地产开发投资', kind: 'amount', flow: true },
  {
    name: '社会消费品零售总额',
    kind: 'amount',
    // 社会商品零售总额: how the State Council's reports named it until the 1980s.
    forms: ['社会消费品零售额', '消费品零售总额', '社零总额', '社零', '全社会消费品零售总额', '社会商品零售总额'],
  },
  {
    name: '进出口总额',
    kind: 'amount',
    forms: [
      '外贸进出口总额',
      '外贸进出口',
      '进出口总值',
      '进出口贸易总额',
      '对外贸易进出口总额',
      '货物进出口总额',
      '货物贸易进出口',
      '外贸进出口总值',
      '进出口额',
      '外贸进出口额',
      '进出口',
      '对外贸易总额',
      '外贸总额',
    ],
    asked: ['外贸', '对外贸易'],
  },
  { name: '出口总额', kind: 'amount', forms: ['出口额', '出口总值', '外贸出口', '出口'] },
  {
    name: '实际利用外资',
    kind: 'amount',
    flow: true,
    forms: [
      '实际使用外资',
      '实到外资',
      '实际利用外商直接投资',
      '利用外资',
      '实际使用外商直接投资',
      '实际使用外资金额',
      '外商直接投资实际到位资金',
      '实际到位外资',
      '实际到账外资',
      '外商直接投资',
    ],
    asked: ['引进外资'],
  },
  { name: '招商引资', kind: 'amount', flow: true, forms: ['招商引资到位资金'] },
  { name: '实际到位资金', kind: 'amount', flow: true },
  // People and incomes
  { name: '常住人口', kind: 'count', forms: ['年末常住人口', '常住总人口'], asked: ['人口', '人口总量'] },
  { name: '农村贫困人口', kind: 'count', forms: ['贫困人口', '建档立卡贫困人口', '农村建档立卡贫困人口', '贫困人数'] },
  { name: '城镇化率', kind: 'ratio', forms: ['常住人口城镇化率', '城镇化水平', '户籍人口城镇化率'] },
  {
    name: '城镇新增就业',
    kind: 'count',
    flow: true,
    forms: ['新增城镇就业', '城镇新增就业人数', '城镇新增就业人口', '城镇新增就业人员', '新增就业人员', '新增就业'],
    loose: ['新增就业'],
  },
  { name: '新增就业岗位', kind: 'count', flow: true },
  { name: '城镇调查失业率', kind: 'ratio', forms: ['调查失业率', '城镇调查失业率'], asked: ['失业率'] },
  { name: '城镇登记失业率', kind: 'ratio', forms: ['登记失业率'] },
  {
    name: '居民人均可支配收入',
    kind: 'amount',
    forms: [
      '全体居民人均可支配收入',
      '全省居民人均可支配收入',
      '全市居民人均可支配收入',
      '全县居民人均可支配收入',
      '居民年人均可支配收入',
    ],
    asked: ['居民收入', '老百姓收入', '人均收入'],
  },
  {
    name: '城镇居民人均可支配收入',
    kind: 'amount',
    // 收人: a misprint some reports carry (驻马店市 2005).
    forms: [
      '城镇常住居民人均可支配收入',
      '城镇居民家庭人均可支配收入',
      '城镇居民收入',
      '城镇居民人均可支配收人',
      '城镇居民可支配收人',
    ],
  },
  {
    name: '农村居民人均可支配收入',
    kind: 'amount',
    forms: ['农村常住居民人均可支配收入', '农民人均可支配收入', '农村居民收入'],
    // Before 2013 the statistic was 纯收入: a farmer's income of those years is that figure.
    accepts: ['农民人均纯收入'],
  },
  {
    name: '农民人均纯收入',
    kind: 'amount',
    forms: [
      '农村居民人均纯收入',
      '农村居民家庭人均纯收入',
      '农民纯收入',
      '农民的纯收入',
      '农民平均每人纯收入',
      '农民平均每人的纯收入',
      '农民按人口平均的纯收入',
      '农民人均收入',
    ],
  },
  { name: '贫困发生率', kind: 'ratio', forms: ['农村贫困发生率'] },
  {
    name: '居民消费价格涨幅',
    kind: 'ratio',
    forms: [
      '居民消费价格',
      '居民消费价格总水平',
      '居民消费价格指数',
      '居民消费价格总水平涨幅',
      '居民消费价格指数涨幅',
      'cpi',
      '物价上涨幅度',
      '物价涨幅',
      '物价总水平',
    ],
    asked: ['物价'],
    loose: ['物价上涨幅度', '物价涨幅', '物价总水平'],
    // Before the consumer price index, the State Council's reports gave retail prices.
    accepts: ['零售物价涨幅'],
  },
  {
    name: '零售物价涨幅',
    kind: 'ratio',
    forms: [
      '零售物价',
      '零售物价上涨幅度',
      '零售物价总水平',
      '零售物价总指数',
      '零售物价指数',
      '商品零售价格',
      '商品零售价格指数',
    ],
  },
  // Agriculture, environment, research
  { name: '粮食产量', kind: 'amount', forms: ['粮食总产量', '粮食总产', '粮食生产', '粮食年产量'], asked: ['粮食'] },
  { name: '粮食种植面积', kind: 'amount', forms: ['粮食播种面积'] },
  { name: '棉花产量', kind: 'amount', forms: ['棉花总产量', '棉花总产'] },
  { name: '森林覆盖率', kind: 'ratio' },
  // Trees outside forests count too: not the forest cover.
  { name: '林木覆盖率', kind: 'ratio' },
  {
    name: '优良天数比率',
    kind: 'ratio',
    forms: ['空气质量优良天数比率', '空气质量优良天数比例', '优良天数比例', '空气优良天数比率'],
  },
  {
    name: '空气质量优良天数',
    kind: 'count',
    forms: ['优良天数', '空气优良天数', '优良空气', '空气质量优良天'],
    asked: ['空气好的日子', '空气好的天数', '蓝天天数'],
  },
  {
    name: '空气质量优良天数比例',
    kind: 'ratio',
    forms: [
      '空气优良天数比例',
      '优良天数比例',
      '优良天数比率',
      '空气质量优良率',
      '空气优良率',
      '优良天数占比',
      '空气质量优良天数比率',
    ],
  },
  {
    name: '细颗粒物平均浓度',
    kind: 'amount',
    forms: [
      'pm2.5平均浓度',
      'pm2.5浓度',
      'pm2.5年均浓度',
      'pm2.5年浓度',
      '细颗粒物浓度',
      '细颗粒物年均浓度',
      '细颗粒物(pm2.5)平均浓度',
      '细颗粒物(pm2.5)浓度',
      'pm2.5',
    ],
  },
  { name: '技术合同成交额', kind: 'amount', forms: ['技术合同交易额', '技术合同成交金额'] },
  {
    name: '接待游客',
    kind: 'count',
    forms: [
      '接待游客量',
      '游客接待量',
      '接待国内外游客',
      '接待境内外游客',
      '接待海内外游客',
      '接待游客人次',
      '接待游客总人数',
      '接待旅游总人数',
      '旅游接待',
      '旅游接待人次',
      '游客接待人次',
    ],
    asked: ['游客', '来了多少游客'],
  },
  {
    name: '旅游收入',
    kind: 'amount',
    forms: ['旅游总收入', '旅游综合收入', '旅游业总收入', '游客花费', '旅游总花费'],
    asked: ['花了多少钱', '花了多少', '花费'],
  },
  { name: '人均预期寿命', kind: 'count', forms: ['人均期望寿命', '居民人均预期寿命'] },
  {
    name: '研发经费投入',
    kind: 'amount',
    shareIs: '研发经费投入强度',
    forms: [
      '研发投入',
      '研发经费',
      '研究与试验发展经费',
      '研究与试验发展经费投入',
      'r&d经费',
      '全社会研发投入',
      '全社会研发经费投入',
      '研发经费支出',
      '全社会研发经费支出',
      'r&d经费支出',
      '研究与试验发展经费支出',
      '研究与实验发展经费',
      '研究与实验发展经费支出',
    ],
  },
  {
    name: '研发经费投入强度',
    kind: 'ratio',
    forms: [
      '研发投入强度',
      '研发经费投入强度',
      '全社会研发投入强度',
      '全社会研发经费投入强度',
      '研究与试验发展经费投入强度',
      '研究与实验发展经费投入强度',
      '研究与实验经费投入强度',
      '研究与试验经费投入强度',
      'r&d经费投入强度',
    ],
  },
  // Townships and counties
  { name: '村级集体经济收入', kind: 'amount' },
  { name: '集体经济收入', kind: 'amount' },
  { name: '民生投入', kind: 'amount', flow: true, forms: ['民生支出'] },
  { name: '建档立卡贫困户', kind: 'count' },
  { name: '农村改厕', kind: 'count', flow: true },
  { name: '高标准农田', kind: 'amount', flow: true },
  { name: '植树造林', kind: 'amount', flow: true, forms: ['营造林', '造林'] },
  // What migrant workers from the place earned (输出劳动力8400人，务工增收2.74亿元).
  { name: '务工收入', kind: 'amount', flow: true, forms: ['务工增收', '劳务收入'] },
  { name: '消防安全检查', kind: 'count' },
]

export const INDICATORS = new Map(INDICATOR_LIST.map((indicator) => [indicator.name, indicator]))
export const INDICATOR_NAMES = INDICATOR_LIST.map((indicator) => indicator.name)

/** Wordings that name two indicators at once, in order (城乡居民人均可支配收入分别增长5.8%和7.5%). */
const COMPOSITES: [string[], string[]][] = [
  [
    [
      '城镇和农村居民人均可支配收入',
      '城乡居民人均可支配收入',
      '城乡人均可支配收入',
      '城镇、农村居民人均可支配收入',
      '城镇农村居民人均可支配收入',
      '城乡常住居民人均可支配收入',
      '城乡居民收入',
    ],
    ['城镇居民人均可支配收入', '农村居民人均可支配收入'],
  ],
  [
    ['城镇居民人均可支配收入和农民人均纯收入', '城镇居民人均可支配收入和农村居民人均纯收入'],
    ['城镇居民人均可支配收入', '农民人均纯收入'],
  ],
]

export interface IndicatorMention {
  indicator: Indicator
  start: number
  end: number
  /** Read from a loose word (粮食 alone): a figure of it counts only with its year written. */
  dated?: true
}

/**
 * A longest-match reader over a set of forms, keyed by the UTF-16 code of their first character:
 * one table read per character of the text, with no string made for it (most characters start
 * no form, and indicators are read in every paragraph twice as an index is built).
 */
class FormMatcher {
  /** For each code, 1 + its list's place in `lists`; 0 when no form starts with it. */
  private readonly first = new Uint16Array(0x10000)
  /** Forms sharing a first character, longest first. */
  private readonly lists: [string, Indicator[]][][] = []

  constructor(entries: [string, Indicator[]][]) {
    for (const entry of entries) {
      const code = entry[0].charCodeAt(0)
      if (this.first[code] === 0) this.first[code] = this.lists.push([])
      this.lists[this.first[code]! - 1]!.push(entry)
    }
    for (const list of this.lists) list.sort((a, b) => b[0].length - a[0].length)
  }

  /**
   * Every indicator named in `text` (already lower-cased and half-width), leftmost-longest, without
   * overlaps; a composite wording gives one mention per indicator, over the same span.
   */
  find(text: string): IndicatorMention[] {
    const found: IndicatorMention[] = []
    for (let i = 0; i < text.length; i++) {
      const list = this.first[text.charCodeAt(i)]!
      if (list === 0) continue
      // Common characters start many forms (全, 地, 农): their second character passes over most.
      const second = text.charCodeAt(i + 1)
      for (const [form, indicators] of this.lists[list - 1]!) {
        if ((form.length === 1 || form.charCodeAt(1) === second) && text.startsWith(form, i)) {
          for (const indicator of indicators) found.push({ indicator, start: i, end: i + form.length })
          i += form.length - 1
          break
        }
      }
    }
    return found
  }
}

/** An indicator's names: canonical, as reports write it (its loose and national names among them), and with `asked` as only people ask it. */
export function indicatorNames(indicator: Indicator, asked = true): string[] {
  return [indicator.name, ...(indicator.forms ?? []), ...(asked ? (indicator.asked ?? []) : [])]
}

function entries(withAsked: boolean): [string, Indicator[]][] {
  const single = INDICATOR_LIST.flatMap((indicator) =>
    indicatorNames(indicator, withAsked).map((form): [string, Indicator[]] => [form, [indicator]]),
  )
  const composite = COMPOSITES.flatMap(([forms, names]) =>
    forms.map((form): [string, Indicator[]] => [form, names.map((name) => INDICATORS.get(name)!)]),
  )
  return [...single, ...composite]
}

const inReports = new FormMatcher(entries(false))
const inQuestions = new FormMatcher(entries(true))

/** The indicators a report's text names (normalized: lower-case, half-width), in order. */
export function indicatorMentions(normalized: string): IndicatorMention[] {
  return inReports.find(normalized)
}

/** The indicators a question names, including forms only people use (外贸, 粮食, 失业率). */
export function askedIndicators(normalized: string): IndicatorMention[] {
  return inQuestions.find(normalized)
}

/** How an answer names an indicator for a place: 国内生产总值 for the country, 地区生产总值 for a province. */
export function indicatorLabel(indicator: Indicator, national: boolean): string {
  return national && indicator.national ? indicator.national : indicator.name
}
