import type { ChartPoint } from '@report-qa/chart'
import type { Answer, SeriesPoint } from '@report-qa/core'
import { escapeHtml } from './format.ts'
import { MESSAGE_LIMIT } from './split-message.ts'

/** One line of a series table: a point, or a year or place asked that no report gives. */
export interface SeriesRow {
  label: string
  point: SeriesPoint | null
}

/** A series answer as the bot shows it: a title, rows in reading order, and the notes after them. */
export interface SeriesView {
  /** 驻马店市地区生产总值增速, with the year when every row is of one year (江苏、浙江 2024年). */
  title: string
  rows: SeriesRow[]
  /** What core's summary says after the figures besides what is missing: the difference of two. */
  notes: string
}

interface Row {
  place: string
  year: number | null
  period: string | null
  point: SeriesPoint | null
}

/** A series of one place spanning more years than this gets no rows for the years between. */
const MAX_SPAN = 40

/**
 * The rows of a series answer, places in the order core gives them (by value for 各省), each
 * place's years in order with the missing ones in their place. A row is labelled with what varies
 * between rows: the year (its period: 2022年上半年), the place, or both.
 */
export function seriesView(answer: Answer): SeriesView {
  const ordered = orderedRows(answer)
  const rows = answer.context.all ? withGaps(ordered) : ordered
  const places = [...new Set(rows.map((r) => r.place))]
  const when = (r: Row) => r.period ?? (r.year !== null ? `${r.year}年` : '最近一年')
  const byPlace = places.length > 1
  const byYear = new Set(rows.map(when)).size > 1
  const summary = splitSummary(answer.answer ?? '')
  // Core names the place in the head when the figures found are of one place (驻马店市地区生产总值),
  // even when another place asked has none: the table is then about both.
  const named = byPlace ? places.find((place) => summary.head.startsWith(place)) : undefined
  const head = named ? summary.head.slice(named.length) : summary.head
  const only = rows[0]
  return {
    title: !byYear && only ? `${head}（${when(only)}）` : head,
    rows: rows.map((r) => ({
      label: [byPlace || !byYear ? r.place : '', byYear ? when(r) : ''].filter(Boolean).join(' '),
      point: r.point,
    })),
    notes: summary.notes,
  }
}

/** Points and missing years or places, grouped by place in core's order, each place's by year. */
function orderedRows(answer: Answer): Row[] {
  const rows: Row[] = [
    ...(answer.series ?? []).map((point) => ({ place: point.place, year: point.year, period: point.period, point })),
    ...(answer.missing ?? []).map((m) => ({ place: m.place, year: m.year, period: null, point: null })),
  ]
  const places = [...new Set(rows.map((r) => r.place))]
  return rows.sort((a, b) => places.indexOf(a.place) - places.indexOf(b.place) || (a.year ?? Infinity) - (b.year ?? Infinity))
}

/**
 * One place over all its years (历年 lists only the years found; a range or list of years asked has
 * the others as missing already): every year between the first and the last is a row, those
 * without a figure marked, so that neither the table nor the chart's line passes over a year no
 * report gives.
 */
function withGaps(rows: Row[]): Row[] {
  const years = rows.flatMap((r) => (r.year === null ? [] : [r.year]))
  const [first] = rows
  if (!first || years.length < rows.length || rows.some((r) => r.place !== first.place)) return rows
  const from = Math.min(...years)
  const to = Math.max(...years)
  if (to - from > MAX_SPAN) return rows
  const filled: Row[] = []
  for (let year = from; year <= to; year++) {
    const found = rows.filter((r) => r.year === year)
    filled.push(...(found.length > 0 ? found : [{ place: first.place, year, period: null, point: null }]))
  }
  return filled
}

/**
 * Core's summary is `<head>：<figures>；<difference>；没有…的数据。` (answer/answer-series.ts): the
 * head titles the table, the figures are its rows and so are the missing ones (无数据), the
 * difference is said under it.
 */
function splitSummary(summary: string): { head: string; notes: string } {
  const colon = summary.indexOf('：')
  if (colon < 0) return { head: summary, notes: '' }
  const [, ...rest] = summary
    .slice(colon + 1)
    .replace(/。$/, '')
    .split('；')
  const notes = rest.filter((clause) => !clause.startsWith('没有'))
  return { head: summary.slice(0, colon), notes: notes.length > 0 ? `${notes.join('；')}。` : '' }
}

/** A point as 原文 and inline results name it: 驻马店市2016年：1794.5亿元. */
export function pointLabel(point: SeriesPoint): string {
  return `${point.place}${point.period ?? `${point.year}年`}：${point.figure}`
}

/** A figure as written, with its value in the series' unit when that differs (3000万元（0.3亿元）). */
function figureText(point: SeriesPoint): string {
  const written = point.figure.replace(/％/g, '%')
  return written.endsWith(point.unit) ? point.figure : `${point.figure}（${point.value}${point.unit}）`
}

/**
 * The table as messages: the title in bold, one row a line (the figure in bold, a year or place
 * no report gives 无数据, as the chart marks it), then the notes; a table too long for one message goes on in the next, cut between rows.
 */
export function formatSeries(view: SeriesView, limit = MESSAGE_LIMIT): string[] {
  const lines = [
    `<b>${escapeHtml(view.title)}</b>`,
    ...view.rows.map((row) =>
      row.point ? `${escapeHtml(row.label)}：<b>${escapeHtml(figureText(row.point))}</b>` : `${escapeHtml(row.label)}：无数据`,
    ),
    ...(view.notes ? ['', escapeHtml(view.notes)] : []),
  ]
  const parts: string[] = []
  let part = ''
  for (const line of lines) {
    if (part !== '' && part.length + 1 + line.length > limit) {
      parts.push(part)
      part = ''
    }
    part = part === '' ? line : `${part}\n${line}`
  }
  return [...parts, part]
}

/**
 * The chart's points, in the table's order (a missing row is a gap), or null when there is nothing
 * to draw: fewer than two figures, or figures in units that do not convert into one another.
 */
export function seriesChart(view: SeriesView): { points: ChartPoint[]; unit: string } | null {
  const units = new Set(view.rows.flatMap((row) => (row.point ? [row.point.unit] : [])))
  const [unit] = units
  if (unit === undefined || units.size > 1 || view.rows.filter((row) => row.point).length < 2) return null
  return {
    unit,
    points: view.rows.map((row) => ({
      label: row.label,
      value: row.point?.value ?? null,
      ...(row.point ? { figure: row.point.figure } : {}),
    })),
  }
}
