/*
 * The page's behaviour: asking, the conversation the tab keeps, and the wiring. page.ts inlines the
 * page's scripts as one (dom.js, citations.js, answer.js, series.js, coverage.js, this file, then
 * seriesSvg from packages/chart). Report text only ever enters the DOM as text nodes; the chart's
 * SVG is parsed as XML, its text escaped by seriesSvg.
 */
/* global document, fetch, history, location, URLSearchParams, sessionStorage, el, result, MEASURES, show, renderAnswer, coverage, loadCoverage */

const form = document.getElementById('ask-form')
const input = document.getElementById('q')
const contextBar = document.getElementById('context')
const contextText = document.getElementById('context-text')

const LEVELS = { national: '全国', province: '各省', city: '各市', county: '各区县', township: '各乡镇' }

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
  try {
    sessionStorage.removeItem(TURN_KEY)
  } catch {
    // Storage refused: nothing was kept.
  }
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
