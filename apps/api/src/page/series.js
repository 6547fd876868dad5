/* A series answer: a table, the chart from seriesSvg, a citation per figure. */
/* global document, DOMParser, URLSearchParams, seriesSvg, el, unique, sourceLine, paragraph, result, MEASURES, show, answerCard */
/* exported renderSeries */

/** Narrowest horizontal room for one point of a chart, so that its figure stays readable on a phone. */
const CHART_SLOT = 76

/**
 * The rows of a series: each point (with its citation's number) and each missing year or place,
 * by place and then year when several places are over several years, else by year for one place.
 */
function seriesRows(answer) {
  const rows = answer.series.map((point, i) => ({ ...point, cite: i + 1 }))
  for (const gap of answer.missing || []) rows.push({ place: gap.place, year: gap.year, missing: true })
  const places = unique(rows.map((row) => row.place))
  const rank = (row) => places.indexOf(row.place)
  if (places.length === 1 || unique(rows.map((row) => row.year)).length > 1)
    rows.sort((a, b) => rank(a) - rank(b) || (a.year ?? 0) - (b.year ?? 0))
  return rows
}

function seriesTable(rows) {
  const body = rows.map((row) => {
    const year = row.year === null ? '—' : `${row.year}年`
    if (row.missing)
      return el('tr', { class: 'missing' }, el('td', {}, row.place), el('td', {}, year), el('td', { colspan: '2' }, '报告中没有'))
    // 5000万元 in a series of 亿元 shows what it was converted to; 5.8％ is 5.8% as it is.
    const converted = row.figure.normalize('NFKC').includes(row.unit.normalize('NFKC')) ? '' : `（合${row.value}${row.unit}）`
    const link = el(
      'a',
      { href: `#cite-${row.cite}`, title: `《${row.citation.title}》第${row.citation.paragraph}段` },
      `[${row.cite}] 第${row.citation.paragraph}段`,
    )
    return el(
      'tr',
      {},
      el('td', {}, row.place),
      el('td', {}, year),
      el('td', {}, el('strong', {}, row.figure), converted),
      el('td', {}, link),
    )
  })
  const head = el('tr', {}, ...['地点', '年份', '数字（报告原文）', '出处'].map((name) => el('th', { scope: 'col' }, name)))
  return el(
    'div',
    { class: 'table-scroll' },
    el('table', { class: 'series-table' }, el('thead', {}, head), el('tbody', {}, ...body)),
  )
}

/**
 * The charts of a series: one over the places when they are all of one year, else one per place
 * over its years. A missing year or place is a gap (value null), never bridged.
 */
function chartGroups(rows, indicator) {
  const shortName = (place) => place.replace(/(?:维吾尔|回族|壮族)?自治区$|特别行政区$/, '')
  const places = unique(rows.map((row) => row.place))
  const years = unique(rows.flatMap((row) => (row.year === null ? [] : [row.year])))
  const slot = (row, label) =>
    row.missing ? { label, value: null } : { label, value: row.value, figure: row.figure, href: `#cite-${row.cite}` }
  if (places.length > 1 && years.length <= 1) {
    const title = `${years.length === 1 ? `${years[0]}年 ` : ''}${indicator}`
    return [{ title, points: rows.map((row) => slot(row, shortName(row.place))) }]
  }
  const yearLabel = (row) => (row.missing ? `${row.year}年` : row.period || `${row.year}年`)
  // The axis runs over every year from the first to the last: a year between them that no row
  // has (历年 lists none as missing) is a gap too, so that the line never bridges it.
  const overYears = (place) => {
    const points = []
    let last = null
    for (const row of rows.filter((r) => r.place === place && r.year !== null)) {
      for (let year = last === null ? row.year : last + 1; year < row.year; year++)
        points.push({ label: `${year}年`, value: null })
      points.push(slot(row, yearLabel(row)))
      last = Math.max(last ?? row.year, row.year)
    }
    return { title: `${place} ${indicator}`, points }
  }
  return places.map(overYears).filter((group) => group.points.some((point) => point.value !== null))
}

/** The chart's SVG from seriesSvg, as a DOM node, sized so that its text stays readable. */
function chartNode(group, unit, room) {
  const width = Math.max(room, 72 + CHART_SLOT * group.points.length)
  // A chart wider than its card scrolls; its title would be cut, and the answer above says it.
  const title = width > room ? undefined : group.title
  const markup = seriesSvg(group.points, { title, unit, width, height: 300 })
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml')
  if (parsed.querySelector('parsererror')) return null
  const svg = document.importNode(parsed.documentElement, true)
  svg.setAttribute('aria-label', `${group.title}：` + group.points.map((p) => `${p.label} ${p.figure || '无数据'}`).join('，'))
  return el('div', { class: 'chart-scroll', tabindex: '0' }, svg)
}

/** The series' charts, `room` pixels wide at least, or why there is none. */
function seriesCharts(rows, answer, room) {
  const units = unique(rows.filter((row) => !row.missing).map((row) => row.unit))
  if (units.length !== 1) return el('p', { class: 'note' }, `各数字的单位不同（${units.join('、')}），只列表，不画图。`)
  const measure = MEASURES[answer.understood.measure || answer.context.measure] || ''
  const groups = chartGroups(rows, (answer.understood.indicator || '') + measure)
  const scrolls = groups.some((group) => 72 + CHART_SLOT * group.points.length > room)
  const notes = [
    `单位：${units[0]}。点击图上的数字可查看它的出处段落。`,
    rows.some((row) => row.missing) && '虚线空心圆是报告中没有的年份或地方，不作估算。',
    scrolls && '图较宽，可左右滑动。',
  ]
  return el(
    'figure',
    { class: 'chart' },
    ...groups.map((group) => chartNode(group, units[0], room)),
    el('figcaption', {}, notes.filter(Boolean).join('')),
  )
}

/** A chart that scrolls starts at its first figure, not at the gaps before it. */
function scrollToFirstFigure(scroller) {
  const first = scroller.querySelector('g.point')
  if (!first || scroller.scrollWidth <= scroller.clientWidth) return
  scroller.scrollLeft = first.getBoundingClientRect().left - scroller.getBoundingClientRect().left - 40
}

/** A link to the facts behind a series as CSV, for a spreadsheet. */
function downloadLink(rows, context) {
  const places = unique(rows.map((row) => row.place))
  if (!context.indicator || (!context.level && places.length !== 1)) return null
  const years = rows.flatMap((row) => (row.year === null ? [] : [row.year]))
  const query = new URLSearchParams(context.level ? { level: context.level } : { place: places[0] })
  query.set('indicator', context.indicator)
  if (years.length > 0) {
    query.set('from', String(Math.min(...years)))
    query.set('to', String(Math.max(...years)))
  }
  query.set('format', 'csv')
  return el(
    'p',
    { class: 'download' },
    el('a', { href: `/facts?${query}`, download: '' }, '下载这些年份该指标的全部数字（CSV，可用 Excel 打开）'),
  )
}

function renderSeries(answer) {
  const rows = seriesRows(answer)
  const cited = answer.series.map((point, i) =>
    el(
      'li',
      { id: `cite-${i + 1}`, class: 'cited' },
      el('p', { class: 'cited-figure' }, `[${i + 1}] ${point.place} ${point.year}年：`, el('strong', {}, point.figure)),
      sourceLine(point.citation),
      paragraph(point.citation),
    ),
  )
  const chartSlot = el('div')
  show(
    answerCard(answer),
    el(
      'section',
      { class: 'card', id: 'series' },
      el('h2', { class: 'sub' }, '逐项数字'),
      chartSlot,
      seriesTable(rows),
      downloadLink(rows, answer.context),
    ),
    el(
      'section',
      { id: 'citations' },
      el('h2', { class: 'sub' }, '每个数字的出处'),
      el('ol', { class: 'citations cited-list' }, ...cited),
    ),
  )
  // Drawn once in place, at the width the card gives it.
  chartSlot.replaceWith(seriesCharts(rows, answer, Math.max(280, chartSlot.clientWidth)))
  for (const scroller of result.querySelectorAll('.chart-scroll')) scrollToFirstFigure(scroller)
}
