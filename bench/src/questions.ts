import type { ReportIndex } from '@report-qa/core'
import { seededRandom } from '@report-qa/test-fixtures'

/** Indicators most reports state, asked about at every scale. */
const ASKED = [
  '地区生产总值',
  '固定资产投资',
  '一般公共预算收入',
  '社会消费品零售总额',
  '粮食产量',
  '城镇居民人均可支配收入',
  '规模以上工业增加值',
  '招商引资',
]

/** Questions that name a place and year the index holds: 青松县2019年地区生产总值是多少. */
export function placeQuestions(index: ReportIndex, count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const reports = [...index.reports.values()].filter((report) => report.place && report.period)
  const out: string[] = []
  for (let k = 0; k < count && reports.length > 0; k++) {
    const report = reports[Math.floor(random() * reports.length)]!
    const indicator = ASKED[Math.floor(random() * ASKED.length)]!
    out.push(`${report.place}${report.period!.year}年${indicator}是多少`)
  }
  return out
}

/** Questions that name no place: 2019年粮食产量是多少, 招商引资多少. */
export function unplacedQuestions(count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const out: string[] = []
  for (let k = 0; k < count; k++) {
    const indicator = ASKED[Math.floor(random() * ASKED.length)]!
    out.push(random() < 0.5 ? `${2010 + Math.floor(random() * 14)}年${indicator}是多少` : `${indicator}增长了多少`)
  }
  return out
}

/** Indicators series are asked about: those reports of every level state year after year. */
const SERIES_ASKED = [
  '地区生产总值',
  '一般公共预算收入',
  '固定资产投资',
  '社会消费品零售总额',
  '粮食产量',
  '城镇居民人均可支配收入',
]

/** The kinds of series question timed, each its own row. */
export const SERIES_KINDS = ['years, corpus place', 'years, generated place', 'several places', '各省', '各市', '各县'] as const
export type SeriesKind = (typeof SERIES_KINDS)[number]

/**
 * Series and comparison questions, `perKind` of each kind: one place over years (海拉尔区历年地区生产总值,
 * 保定市2019年到2022年生产总值, 驻马店市2019年和2024年生产总值对比) for places of the corpus and of the
 * generated reports; several places of one level in one year (A、B、C2021年GDP增速); a whole level
 * (2024年各省GDP增速, 各市, 各县: every indexed place of it).
 */
export function seriesQuestions(index: ReportIndex, perKind: number, seed: number): { kind: SeriesKind; q: string }[] {
  const random = seededRandom(seed)
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!
  const held = new Map<string, { generated: boolean; level: string; years: number[] }>()
  for (const report of index.reports.values()) {
    if (!report.place || !report.period || report.place === '全国') continue
    const place = held.get(report.place) ?? {
      generated: report.source.startsWith('generated/'),
      level: report.level ?? '',
      years: [],
    }
    if (!place.years.includes(report.period.year)) place.years.push(report.period.year)
    held.set(report.place, place)
  }
  const places = [...held].map(([name, p]) => ({ name, ...p, years: p.years.sort() }))
  const LEVEL: Record<string, string> = { 各省: 'province', 各市: 'city', 各县: 'county' }
  const out: { kind: SeriesKind; q: string }[] = []
  for (const kind of SERIES_KINDS) {
    const overYears = kind.startsWith('years')
      ? places.filter((p) => p.generated === (kind === 'years, generated place') && p.years.length >= 2)
      : []
    for (let k = 0; k < perKind; k++) {
      const indicator = pick(SERIES_ASKED)
      const growth = random() < 0.5 ? '增速' : ''
      if (kind.startsWith('years')) {
        if (overYears.length === 0) break
        const place = pick(overYears)
        const [a, b] = [pick(place.years), pick(place.years)].sort()
        const form = Math.floor(random() * 3)
        out.push({
          kind,
          q:
            form === 0 || a === b
              ? `${place.name}历年${indicator}`
              : form === 1
                ? `${place.name}${a}年到${b}年${indicator}${growth}`
                : `${place.name}${a}年和${b}年${indicator}对比`,
        })
      } else if (kind === 'several places') {
        // Two to four places of one level that all have a report of the year asked.
        const leveled = places.filter((p) => p.level === 'province' || p.level === 'city' || p.level === 'county')
        if (leveled.length === 0) break // the samples: townships only
        const first = pick(leveled)
        const year = pick(first.years)
        const others = places.filter((p) => p !== first && p.level === first.level && p.years.includes(year))
        const chosen = new Set([
          first.name,
          ...Array.from({ length: Math.min(others.length, 1 + Math.floor(random() * 3)) }, () => pick(others).name),
        ])
        out.push({ kind, q: `${[...chosen].join('、')}${year}年${indicator}${growth}` })
      } else {
        // A year some place of the level has a report of.
        const ofLevel = places.filter((p) => p.level === LEVEL[kind])
        if (ofLevel.length === 0) break
        out.push({ kind, q: `${pick(pick(ofLevel).years)}年${kind}${indicator}${growth}` })
      }
    }
  }
  return out
}
