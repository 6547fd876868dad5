/* Which places and years the reports cover, from GET /reports. */
/* global document, fetch, el, unique */
/* exported coverage, loadCoverage */

const coverage = document.getElementById('coverage')

const LEVEL_TITLES = { national: '全国', province: '省级', city: '市级', county: '区县', township: '乡镇街道' }

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
      `共${reports.length}份报告。年份是报告回顾的年份：问某年的数字，先查回顾那一年的报告。`,
    )
    body.replaceChildren(lead, filter, ...coverageTable(reports))
  } catch (error) {
    body.replaceChildren(el('p', { class: 'error' }, '读取报告列表失败：' + error.message))
    coverage.dataset.loaded = ''
  }
}
