/**
 * Indicators people ask about, by their canonical name. Each is one dictionary word for the
 * segmenter, so that a clause either names the indicator or does not.
 */
export const INDICATORS = [
  '地区生产总值', '国内生产总值', '生产总值', '固定资产投资', '一般公共预算收入', '一般公共预算支出', '地方一般公共预算收入',
  '规模以上工业产值', '规模以上工业增加值', '规模以上工业营业收入', '工业总产值', '工业增加值', '农业增加值', '农业总产值',
  '社会消费品零售总额', '城镇居民人均可支配收入', '农村居民人均可支配收入', '居民人均可支配收入', '农民人均纯收入',
  '税收收入', '税收总收入', '财政收入', '全口径税收', '进出口总额', '外贸进出口', '实际利用外资', '招商引资', '实际到位资金',
  '粮食产量', '粮食种植面积', '城镇登记失业率', '城镇新增就业', '新增就业岗位', '优良天数比率', '空气质量优良天数',
  '村级集体经济收入', '集体经济收入', '民生投入', '建档立卡贫困户', '农村改厕', '高标准农田', '植树造林', '消防安全检查',
] as const

/**
 * Other ways to say an indicator or a period, rewritten to one form in questions and in indexed
 * text alike (offsets are never taken from rewritten text).
 */
export const SYNONYMS: [RegExp, string][] = [
  [/gdp/gi, '地区生产总值'],
  [/(?<!地区|国内)生产总值/g, '地区生产总值'],
  [/固投/g, '固定资产投资'],
  [/规上/g, '规模以上'],
  [/社零(?:总额)?/g, '社会消费品零售总额'],
  [/(?<![\d.])1\s*[-—–~至到]\s*6\s*月(?:份)?/g, '上半年'],
  [/前(?:6|六)个月/g, '上半年'],
  [/(?<![\d.])1\s*[-—–~至到]\s*(\d{1,2})\s*月/g, '1-$1月'],
  [/低保户/g, '低保'],
  [/(?:外贸|对外贸易)进出口(?:总额)?/g, '进出口总额'],
]

/** Query words that carry no meaning for retrieval. */
export const QUERY_STOPWORDS = new Set([
  '多少', '是', '的', '了', '吗', '呢', '啊', '什么', '几', '哪些', '有', '有多少', '情况', '怎么样', '怎样', '如何', '请问', '一下',
  '告诉', '我', '我们', '数据', '数字', '大概', '一共', '总共', '共', '达到', '完成', '实现', '多', '少', '搞', '知道', '想', '查',
  '查询', '个', '咋样', '咋', '么', '为', '到', '在', '上', '年', '今年', '去年', '当年', '同期', '全年', '其',
])

/** Words dropped from indexed text too: punctuation-like function words. */
export const STOPWORDS = new Set([
  '的', '了', '和', '与', '及', '等', '在', '是', '为', '对', '将', '把', '被', '也', '都', '而', '并', '或', '之', '其', '以', '于',
])
