/**
 * Why a question was not answered, as the Chinese sentence the asker reads: every refusal's reason
 * comes from here.
 */
export const REASONS = {
  noReports: (place: string) => `没有${place}的报告`,
  unknownPlace: (name: string) => `没有${name}的报告，也找不到叫${name}的地方`,
  ambiguous: (name: string, options: string[]) => `有${options.length}个地方叫${name}（${options.join('、')}），请写明是哪一个`,
  onePlace: (places: string) => `一次请只问一个地方（问到了${places}）`,
  noNational: () => '没有国务院的政府工作报告，无法回答全国的数据',
  aDay: (day: string) => `政府工作报告只有年度和阶段的数据，回答不了${day}的情况`,
  notUnderstood: () => '没有看懂要查什么：请写明地点和指标，例如“牛塘镇上半年固定资产投资多少”',
  tooManyPlaces: (count: number, subject: string | null, examples: string) =>
    `请指明地点：${subject ? `${count}个地方的报告都提到${subject}` : `现有${count}个地方的报告`}，例如${examples}`,
  severalPlaces: (places: string, subject: string) => `请指明地点：${places}等的报告中都有${subject}`,
  noYear: (who: string, year: number, target: boolean, held: string) =>
    `没有${who}${year}年${target ? '的计划' : '的报告'}${held}`,
  noPeriod: (who: string, period: string, held: string) => `${who}的报告没有${period}的数据${held}`,
  noData: (who: string, subject: string, target: boolean) => `${who}的报告中没有${subject}${target ? '的目标' : '的数据'}`,
  onlyTarget: (who: string, subject: string) => `${who}的报告中只有${subject}的目标或计划，没有完成情况`,
  onlyResult: (who: string, subject: string) => `${who}的报告中没有${subject}的目标，只有完成情况`,
  otherMeasure: (who: string, subject: string, gives: string, lacks: string) =>
    `${who}的报告只给出${subject}的${gives}，没有${lacks}`,
  noPassage: (who: string, subject: string) => `${who}的报告中没有找到${subject}的内容`,
  noLevel: (level: string) =>
    `没有${({ province: '省级', city: '市级', county: '县级', township: '乡镇', national: '全国' } as Record<string, string>)[level] ?? level}的报告`,
  noSeries: (places: string, subject: string) => `${places}的报告中都没有所问年份的${subject}数据`,
} as const

/** How a refusal names what a measure is: the amount (总量) or its growth (增速). */
export const MEASURE_NAMES = {
  value: '总量',
  growth: '增速',
  share: '占比',
  'avg-growth': '年均增速',
  change: '增减量',
  total: '累计数',
} as const

/** 1999年、2000年 … 2014年、2016年 as 1999—2014年、2016年: consecutive years as one span. */
export function yearList(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (sorted[j + 1] === sorted[j]! + 1) j++
    parts.push(
      j - i >= 2
        ? `${sorted[i]}—${sorted[j]}年`
        : sorted
            .slice(i, j + 1)
            .map((y) => `${y}年`)
            .join('、'),
    )
    i = j + 1
  }
  return parts.join('、')
}
