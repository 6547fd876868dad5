/*
 * The page's script, inlined by page.ts with seriesSvg (packages/chart) after it. Report text only
 * ever enters the DOM as text nodes; the chart's SVG is parsed as XML, its text escaped by seriesSvg.
 */
/* global document, fetch, history, location, URLSearchParams, sessionStorage, DOMParser, seriesSvg */
'use strict'

const form = document.getElementById('ask-form')
const input = document.getElementById('q')
const result = document.getElementById('result')
const contextBar = document.getElementById('context')
const contextText = document.getElementById('context-text')
const coverage = document.getElementById('coverage')

/** A figure: a number with its unit (21.95亿元, 13%, 60余家次), not a year or a date. */
const FIGURE =
  /\d+(?:\.\d+)?(?:余|多)?(?:[万亿千百]*(?:美元|元|吨|公斤|斤|亩|户|人次|人|个百分点|百分点|个|家次|家|项|公里|千米|平方米|平方公里|立方米|千瓦时|辆|台|座|所|套|间|张|件|份|头|只|倍|次|天|场|批|条|处|名|位|篇|宗|例)|%|‰|[万亿])/g

/** Paragraphs longer than this are shown trimmed around the quote, with a button to show them whole. */
const LONG_PARAGRAPH = 200
/** Characters kept on each side of the quote in a trimmed paragraph (up to the sentence's end). */
const AROUND_QUOTE = 60
/** Narrowest horizontal room for one point of a chart, so that its figure stays readable on a phone. */
const CHART_SLOT = 76

const LEVELS = { national: '全国', province: '各省', city: '各市', county: '各区县', township: '各乡镇' }
const LEVEL_TITLES = { national: '全国', province: '省级', city: '市级', county: '区县', township: '乡镇街道' }
const MEASURES = { growth: '增速', 'avg-growth': '年均增速', share: '占比', change: '增减', total: '累计' }
const KEPT = { place: '地点', time: '年份', indicator: '指标', measure: '口径', target: '目标' }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value)
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child)
  return node
}

const unique = (values) => [...new Set(values)]

/** Text with its figures in <strong>. */
function emphasised(text) {
  const nodes = []
  let last = 0
  for (const match of text.matchAll(FIGURE)) {
    nodes.push(text.slice(last, match.index), el('strong', {}, match[0]))
    last = match.index + match[0].length
  }
  nodes.push(text.slice(last))
  return nodes
}

/** 2022-07-14 -> 2022年7月14日; 2022-07 -> 2022年7月. */
function chineseDate(iso) {
  const [year, month, day] = (iso || '').split('-').map(Number)
  if (!year) return null
  return `${year}年` + (month ? `${month}月` : '') + (day ? `${day}日` : '')
}

// ---- the conversation the tab keeps ---------------------------------------------------------

const TURN_KEY = 'report-qa:last-turn'

/** The last turn of this tab: the question, the context sent with it, and the context its answer gave. */
function lastTurn() {
  try {
    return JSON.parse(sessionStorage.getItem(TURN_KEY) || 'null')
  } catch {
    return null
  }
}

function remember(turn) {
  try {
    sessionStorage.setItem(TURN_KEY, JSON.stringify(turn))
  } catch {
    // Storage full or refused: the next question is then asked on its own.
  }
  showContext()
}

function forget() {
  sessionStorage.removeItem(TURN_KEY)
  showContext()
}

/** What a context carries, as a person says it: 海拉尔区 · 2016年 · 地区生产总值. */
function contextLabel(context, understood) {
  const places = context.places.map((place) => place.name)
  const parts = [
    context.level
      ? LEVELS[context.level]
      : places.length > 3
        ? `${places.slice(0, 3).join('、')}等${places.length}地`
        : places.join('、'),
    context.all
      ? '历年'
      : context.range
        ? `${context.range.from}年至${context.range.to}年`
        : context.years.map((year) => `${year}年`).join('、'),
    context.period,
    context.indicator && (understood.indicator || context.indicator),
    MEASURES[context.measure],
    context.target && '目标',
  ]
  return parts.filter(Boolean).join(' · ')
}

function showContext() {
  const turn = lastTurn()
  contextText.textContent = turn && turn.label ? turn.label : ''
  contextBar.hidden = !(turn && turn.label)
}

// ---- citations ------------------------------------------------------------------------------

/** Where a sentence or clause ends: a trimmed paragraph starts after one and stops after one. */
const BOUNDARY = /[。；;！？!?]/

/** The paragraph's span shown trimmed: AROUND_QUOTE characters each side of the quote, cut at sentence ends. */
function excerptSpan(text, quote) {
  let start = Math.max(0, quote.start - AROUND_QUOTE)
  const before = text.slice(start, quote.start)
  for (let i = before.length - 1; i >= 0; i--)
    if (BOUNDARY.test(before[i])) {
      start += i + 1
      break
    }
  let end = Math.min(text.length, quote.end + AROUND_QUOTE)
  const after = text.slice(quote.end, end).search(BOUNDARY)
  if (after >= 0) end = quote.end + after + 1
  return { start, end }
}

/** The paragraph with the quoted clause in <mark>; a long one trimmed around it, with a button to show it whole. */
function paragraph(citation) {
  const { text, quote } = citation
  const ok = quote && quote.end > quote.start && text.slice(quote.start, quote.end) === quote.text
  if (!ok) return el('p', { class: 'paragraph' }, text)
  const whole = () => [text.slice(0, quote.start), el('mark', {}, quote.text), text.slice(quote.end)]
  const span = excerptSpan(text, quote)
  if (text.length <= LONG_PARAGRAPH || (span.start === 0 && span.end === text.length))
    return el('p', { class: 'paragraph' }, ...whole())
  const trimmed = () => [
    span.start > 0 ? '…' : '',
    text.slice(span.start, quote.start),
    el('mark', {}, quote.text),
    text.slice(quote.end, span.end),
    span.end < text.length ? '…' : '',
  ]
  const shown = el('p', { class: 'paragraph trimmed' }, ...trimmed())
  const toggle = el('button', { type: 'button', class: 'expand', 'aria-expanded': 'false' }, `展开全段（共${text.length}字）`)
  toggle.addEventListener('click', () => {
    const expand = toggle.getAttribute('aria-expanded') === 'false'
    shown.replaceChildren(...(expand ? whole() : trimmed()))
    shown.classList.toggle('trimmed', !expand)
    toggle.setAttribute('aria-expanded', String(expand))
    toggle.textContent = expand ? '收起' : `展开全段（共${text.length}字）`
  })
  return el('div', { class: 'paragraph-box' }, shown, toggle)
}

/** The report first (title, place, date), then where in it, then the file. */
function sourceLine(citation) {
  const where = [
    citation.period && `所述时段 ${citation.period}`,
    citation.section,
    citation.page && `第${citation.page}页`,
    `第${citation.paragraph}段`,
  ]
  return el(
    'p',
    { class: 'source' },
    '出处：',
    el('span', { class: 'report' }, `《${citation.title || '政府工作报告'}》`),
    ' ',
    el('span', { class: 'place' }, citation.place || '地点不详'),
    citation.date ? ` · ${chineseDate(citation.date)}` : '',
    el('br'),
    where.filter(Boolean).join(' · '),
    ' · ',
    el('span', { class: 'file' }, `文件 ${citation.source}`),
  )
}

function citationList(title, citations) {
  if (!citations || citations.length === 0) return null
  const list = el('ol', { class: 'citations' })
  for (const citation of citations) {
    const summary = el('summary', {}, citation.quote.text || citation.text.slice(0, 60))
    list.append(el('li', {}, el('details', {}, summary, sourceLine(citation), paragraph(citation))))
  }
  return el('section', {}, el('h2', { class: 'sub' }, title), list)
}

// ---- the answer -----------------------------------------------------------------------------

/** The years a question asked: 2016, or for a series 2012年至2018年, 历年, 2019年、2022年. */
function askedYears(understood, context) {
  if (understood.year !== null && !(understood.years && understood.years.length > 1)) return understood.year
  if (!context) return null
  if (context.all) return '历年'
  if (context.range) return `${context.range.from}年至${context.range.to}年`
  return context.years.length > 0 ? context.years.map((year) => `${year}年`).join('、') : null
}

function understoodLine(understood, context) {
  const parts = [
    ['地点', understood.place],
    ['年份', askedYears(understood, context)],
    ['时段', understood.period],
    ['指标', understood.indicator],
  ].filter(([, value]) => value !== null && value !== undefined)
  if (parts.length === 0) return null
  const kept = (understood.followUp || []).map((key) => KEPT[key] || key)
  return el(
    'p',
    { class: 'understood' },
    '理解为：' + parts.map(([key, value]) => `${key} ${value}`).join(' · '),
    kept.length > 0 ? `（接着上一问，沿用了${kept.join('、')}）` : '',
  )
}

/** Said when the question named no place and the answer is for one taken to be meant. */
function inferredNote(understood) {
  if (!understood.placeInferred || !understood.place) return null
  return el(
    'p',
    { class: 'inferred', role: 'note' },
    `问题里没有写地点，按“${understood.place}”的报告回答。要查别的地方，请在问题里写上地名。`,
  )
}

function answerCard(answer) {
  const headline = answer.found
    ? el('p', { class: 'answer-text' }, ...emphasised(answer.answer))
    : el('p', { class: 'not-found' }, '没有找到答案：' + (answer.reason || '报告中没有这项数据'))
  return el(
    'section',
    { class: 'card', id: 'answer' },
    headline,
    inferredNote(answer.understood),
    understoodLine(answer.understood, answer.context),
  )
}

/** Replaces the result region's content, skipping absent parts. */
function show(...nodes) {
  result.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined))
}

function renderAnswer(answer) {
  if (answer.found && answer.series && answer.series.length > 0) return renderSeries(answer)
  const [first, ...rest] = answer.citations
  if (answer.found && first) {
    show(
      answerCard(answer),
      el('section', { class: 'card', id: 'evidence' }, sourceLine(first), paragraph(first)),
      citationList('其他出处', rest),
    )
  } else {
    show(answerCard(answer), citationList('相关段落（仅供参考，不是答案）', answer.related))
  }
}

// ---- a series: table, chart, a citation per point ------------------------------------------

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

// ---- asking ---------------------------------------------------------------------------------

/**
 * Asks `question`, as a follow-up to the tab's last answer unless `fresh`. `context` overrides the
 * one sent (a reload asks again with the context its question was first asked with).
 */
async function run(question, options = {}) {
  const q = question.trim()
  if (q === '') {
    show(el('p', { class: 'error', role: 'alert' }, '请输入问题，例如“牛塘镇上半年固定资产投资多少”。'))
    input.focus()
    return
  }
  if (options.fresh) forget()
  const turn = lastTurn()
  const sent = options.context !== undefined ? options.context : turn ? turn.context : null
  history.replaceState(null, '', '?q=' + encodeURIComponent(q))
  result.setAttribute('aria-busy', 'true')
  show(el('p', { class: 'status' }, '正在查找…'))
  try {
    const response = await fetch('/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(sent ? { q, context: sent } : { q }),
    })
    const body = await response.json()
    // A context from an older version of the service: ask again as a new question.
    if (!response.ok && sent && body && body.error && body.error.code === 'INVALID_CONTEXT') return await run(q, { fresh: true })
    if (!response.ok) throw new Error(body && body.error ? body.error.message : `HTTP ${response.status}`)
    remember({ q, sent, context: body.context, label: contextLabel(body.context, body.understood) })
    renderAnswer(body)
  } catch (error) {
    show(el('p', { class: 'error', role: 'alert' }, '查询失败：' + error.message))
  } finally {
    result.removeAttribute('aria-busy')
  }
}

// ---- what the reports cover -----------------------------------------------------------------

/** A report's years as a question asks them: the period it reviews, or the year of a bulletin. */
function coveredLabel(report) {
  if (report.kind === 'statistical-bulletin') return `${report.year}年（统计公报）`
  return report.period || (report.year ? `${report.year}年报告` : '年份不详')
}

function coverageTable(reports) {
  const byLevel = new Map()
  for (const report of reports) {
    const level = report.level || 'unknown'
    if (!byLevel.has(level)) byLevel.set(level, new Map())
    const places = byLevel.get(level)
    const place = report.place || '地点不详'
    if (!places.has(place)) places.set(place, [])
    places.get(place).push(report)
  }
  const sections = []
  for (const level of [...Object.keys(LEVEL_TITLES), 'unknown']) {
    const places = byLevel.get(level)
    if (!places) continue
    const rows = [...places.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'zh'))
      .map(([place, list]) => {
        const labels = unique(list.map(coveredLabel)).sort()
        return el('tr', { 'data-place': place }, el('th', { scope: 'row' }, place), el('td', {}, labels.join('、')))
      })
    const heading = `${LEVEL_TITLES[level] || '级别不详'}（${places.size}个地方）`
    sections.push(
      el('h3', {}, heading),
      el('div', { class: 'table-scroll' }, el('table', { class: 'coverage-table' }, el('tbody', {}, ...rows))),
    )
  }
  return sections
}

async function loadCoverage() {
  const body = coverage.querySelector('.coverage-body')
  try {
    const response = await fetch('/reports', { headers: { accept: 'application/json' } })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    const { reports } = await response.json()
    const filter = el('input', { type: 'search', placeholder: '筛选地名', 'aria-label': '筛选地名' })
    filter.addEventListener('input', () => {
      for (const row of body.querySelectorAll('tr[data-place]')) row.hidden = !row.dataset.place.includes(filter.value.trim())
    })
    const lead = el(
      'p',
      { class: 'note' },
      `共${reports.length}份报告。年份是报告回顾的年份（问“2016年”的数字，要有回顾2016年的报告）。`,
    )
    body.replaceChildren(lead, filter, ...coverageTable(reports))
  } catch (error) {
    body.replaceChildren(el('p', { class: 'error' }, '读取报告列表失败：' + error.message))
    coverage.dataset.loaded = ''
  }
}

// ---- wiring ---------------------------------------------------------------------------------

form.addEventListener('submit', (event) => {
  event.preventDefault()
  void run(input.value)
})

for (const button of document.querySelectorAll('button[data-example]')) {
  button.addEventListener('click', () => {
    input.value = button.dataset.example
    // An example is a question of its own: it starts a new conversation.
    void run(input.value, { fresh: true })
  })
}

document.getElementById('clear-context').addEventListener('click', () => {
  forget()
  input.focus()
})

coverage.addEventListener('toggle', () => {
  if (!coverage.open || coverage.dataset.loaded) return
  coverage.dataset.loaded = 'true'
  void loadCoverage()
})

showContext()
const initial = new URLSearchParams(location.search).get('q')
if (initial) {
  input.value = initial
  // A reload asks again as it was first asked, not as a follow-up to its own answer.
  const turn = lastTurn()
  void run(initial, turn && turn.q === initial ? { context: turn.sent } : {})
}
