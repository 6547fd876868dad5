import type { ReportIndex } from '../index/report-index.ts'
import { indicatorLabel } from '../text/indicators.ts'
import type { Citation, SeriesPoint } from '../types.ts'
import { citeFact, factsOf, indicatorsAsked, pick, type Found, wantedFacts } from './answer-figure.ts'
import { refuse, type Outcome, type Place } from './outcome.ts'
import { REASONS } from './reasons.ts'
import type { Question } from './understand.ts'

/**
 * One indicator over several years or places (海拉尔区2013年到2017年一般公共预算收入, 江苏、浙江、
 * 广东2024年GDP增速, 各省): for each place and year the figure a single question would get, each
 * with its own citation; what no report gives is listed as missing, never filled in. Figures
 * convert within a unit family (万元 -> 亿元) so that they compare; the figure as written stays.
 */
export function answerSeries(
  index: ReportIndex,
  q: Question,
  places: Place[],
  absent: string[],
  byValue: boolean,
): Outcome & Pick<import('../types.ts').Answer, 'series' | 'missing'> {
  const points: (SeriesPoint & { rank: number })[] = []
  const missing: { place: string; year: number | null }[] = []
  const asked = askedYears(q)
  // A whole level in given years (2024年各县GDP) reads the level's facts of those years, not each place's unit.
  const ofLevel =
    q.level && asked
      ? index.levelFactsOf(
          places.map((p) => p.key),
          indicatorsAsked(q),
          q.level,
          asked,
          { target: q.target, measure: q.measure },
        )
      : null
  const picked: { best: Found; place: Place; rank: number }[] = []
  for (const [rank, place] of places.entries()) {
    const wanted = wantedFacts(ofLevel?.get(place.key) ?? factsOf(index, q, place, index.reportsOf(place.key)), q)
    const years = asked ?? (q.time.all ? [...new Set(wanted.map(({ fact }) => fact.year!))].sort((a, b) => a - b) : [null])
    for (const year of years) {
      const best = pick(wanted, year, q.target)
      if (best) picked.push({ best, place, rank })
      else missing.push({ place: place.name, year })
    }
  }
  // The paragraphs cited, read together (a level's lie side by side in the artifact).
  index.readCited(picked.map(({ best }) => best.hit))
  for (const { best, place, rank } of picked) points.push({ ...point(best, place), rank })
  for (const name of absent) for (const year of asked ?? [null]) missing.push({ place: name, year })
  if (points.length === 0) {
    const subject = q.indicator
      ? indicatorLabel(
          q.indicator,
          places.some((p) => p.national),
        )
      : q.subject
    return {
      ...refuse(
        REASONS.noSeries(
          places
            .map((p) => p.name)
            .concat(absent)
            .join('、'),
          subject,
        ),
      ),
      missing,
    }
  }
  const series = convert(points)
    .sort((a, b) => (byValue ? b.value - a.value : a.rank - b.rank || a.year - b.year))
    .map(({ rank: _rank, ...p }) => p)
  return { found: true, answer: summary(q, series, missing), citations: series.map((p) => p.citation), series, missing }
}

/** The years a question lists or spans (null: each place's latest). */
function askedYears(q: Question): number[] | null {
  if (q.time.range) return Array.from({ length: q.time.range.to - q.time.range.from + 1 }, (_, k) => q.time.range!.from + k)
  return q.time.years.length > 0 ? q.time.years : null
}

function point({ hit, fact }: Found, place: Place): SeriesPoint {
  const citation: Citation = citeFact({ hit, fact })
  return {
    // The place asked, one line of a chart: 徐水区 over the years its reports were 徐水县's (the citation says so).
    place: place.name,
    year: fact.year!,
    period: fact.year === hit.report.period?.year ? hit.report.period.label : `${fact.year}年`,
    figure: fact.figure,
    value: fact.value,
    unit: normalUnit(fact.unit),
    citation,
  }
}

/** Scales of the units that convert into one another: 万元 -> 亿元, 万吨 -> 亿吨. 亿斤 and 万吨 do not. */
const FAMILIES: Record<string, Record<string, number>> = {
  元: { 元: 1, 万元: 1e4, 亿元: 1e8, 万亿元: 1e12 },
  美元: { 美元: 1, 万美元: 1e4, 亿美元: 1e8, 万亿美元: 1e12 },
  吨: { 吨: 1, 万吨: 1e4, 亿吨: 1e8 },
  斤: { 斤: 1, 万斤: 1e4, 亿斤: 1e8, 万亿斤: 1e12 },
  公斤: { 公斤: 1, 万公斤: 1e4, 亿公斤: 1e8 },
  人: { 人: 1, 万人: 1e4 },
  亩: { 亩: 1, 万亩: 1e4 },
}

function familyOf(unit: string): Record<string, number> | null {
  return Object.values(FAMILIES).find((family) => unit in family) ?? null
}

function normalUnit(unit: string): string {
  return unit === '％' ? '%' : unit
}

/** Points of one unit family in the unit most of them use (the larger on a tie); others as they are. */
function convert<T extends SeriesPoint>(points: T[]): T[] {
  const count = new Map<string, number>()
  for (const p of points) count.set(p.unit, (count.get(p.unit) ?? 0) + 1)
  return points.map((p) => {
    const family = familyOf(p.unit)
    if (!family) return p
    const target = [...count]
      .filter(([unit]) => unit in family)
      .sort((a, b) => b[1] - a[1] || family[b[0]]! - family[a[0]]!)[0]![0]
    return target === p.unit ? p : { ...p, value: round((p.value * family[p.unit]!) / family[target]!), unit: target }
  })
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4
}

/**
 * 海拉尔区地区生产总值：2013年240亿元、2014年265亿元；没有2015年的数据. Two points in one unit
 * are compared (2022年比2019年增加X亿元).
 */
function summary(q: Question, series: SeriesPoint[], missing: { place: string; year: number | null }[]): string {
  // Every place asked, those with no figure too: 驻马店市和保定市 is a comparison of two places.
  const places = new Set([...series.map((p) => p.place), ...missing.map((m) => m.place)])
  const subject = q.indicator ? indicatorLabel(q.indicator, places.has('全国')) : q.subject
  const what = `${q.target ? '目标' : ''}${q.measure === 'growth' ? '增速' : ''}`
  const label = (p: SeriesPoint): string => `${places.size > 1 ? p.place : ''}${p.period ?? `${p.year}年`}`
  const head = places.size === 1 ? `${[...places][0]}${subject}${what}` : `${subject}${what}`
  let text = `${head}：${series.map((p) => `${label(p)}${p.figure}`).join('、')}`
  const [a, b] = series
  if (series.length === 2 && a && b && a.unit === b.unit && q.measure === 'value') {
    const diff = round(b.value - a.value)
    text += `；${label(b)}比${label(a)}${diff >= 0 ? '多' : '少'}${Math.abs(diff)}${b.unit}`
  }
  if (missing.length > 0)
    text += `；没有${missing.map((m) => `${places.size > 1 ? m.place : ''}${m.year ?? ''}${m.year ? '年' : ''}`).join('、')}的数据`
  return `${text}。`
}
