/* The page's script, inlined by page.ts. Report text only ever enters the DOM as text nodes. */
/* global document, fetch, history, location, URLSearchParams */
'use strict'

const form = document.getElementById('ask-form')
const input = document.getElementById('q')
const result = document.getElementById('result')

/** A figure: a number with its unit (21.95亿元, 13%, 60余家次), not a year or a date. */
const FIGURE =
  /\d+(?:\.\d+)?(?:余|多)?(?:[万亿千百]*(?:美元|元|吨|公斤|斤|亩|户|人次|人|个百分点|百分点|个|家次|家|项|公里|千米|平方米|平方公里|立方米|千瓦时|辆|台|座|所|套|间|张|件|份|头|只|倍|次|天|场|批|条|处|名|位|篇|宗|例)|%|‰|[万亿])/g

function el(tag, attrs, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value)
  for (const child of children) if (child !== null && child !== undefined) node.append(child)
  return node
}

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

/** The paragraph with the quoted clause in <mark>. */
function paragraph(citation) {
  const { text, quote } = citation
  const ok = quote && quote.end > quote.start && text.slice(quote.start, quote.end) === quote.text
  if (!ok) return el('p', { class: 'paragraph' }, text)
  return el('p', { class: 'paragraph' }, text.slice(0, quote.start), el('mark', {}, quote.text), text.slice(quote.end))
}

/** Place · period · title · date · section · page (PDF) · paragraph number. */
function sourceLine(citation) {
  const parts = [
    citation.period,
    citation.title && `《${citation.title}》`,
    citation.date,
    citation.section,
    citation.page && `第${citation.page}页`,
    `第${citation.paragraph}段`,
  ]
  return el(
    'p',
    { class: 'source' },
    '出处：',
    el('span', { class: 'place' }, citation.place || '地点不详'),
    ' · ' + parts.filter(Boolean).join(' · ') + ' ',
    el('span', { class: 'file' }, `(${citation.source})`),
  )
}

function understoodLine(understood) {
  const parts = [
    ['地点', understood.place],
    ['年份', understood.year],
    ['时段', understood.period],
    ['指标', understood.indicator],
  ].filter(([, value]) => value !== null && value !== undefined)
  if (parts.length === 0) return null
  return el('p', { class: 'understood' }, '理解为：' + parts.map(([key, value]) => `${key} ${value}`).join(' · '))
}

function citationList(title, citations) {
  if (!citations || citations.length === 0) return null
  const list = el('ol', { class: 'citations' })
  for (const citation of citations) {
    list.append(
      el(
        'li',
        {},
        el(
          'details',
          {},
          el('summary', {}, citation.quote.text || citation.text.slice(0, 60)),
          sourceLine(citation),
          paragraph(citation),
        ),
      ),
    )
  }
  return el('section', {}, el('h2', { class: 'sub' }, title), list)
}

/** Replaces the result region's content, skipping absent parts. */
function show(...nodes) {
  result.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined))
}

function renderAnswer(answer) {
  const [first, ...rest] = answer.citations
  if (answer.found && first) {
    show(
      el(
        'section',
        { class: 'card', id: 'answer' },
        el('p', { class: 'answer-text' }, ...emphasised(answer.answer)),
        understoodLine(answer.understood),
      ),
      el('section', { class: 'card', id: 'evidence' }, sourceLine(first), paragraph(first)),
      citationList('其他出处', rest),
    )
  } else {
    show(
      el(
        'section',
        { class: 'card', id: 'answer' },
        el('p', { class: 'not-found' }, '没有找到答案：' + (answer.reason || '报告中没有这项数据')),
        understoodLine(answer.understood),
      ),
      citationList('相关段落（仅供参考，不是答案）', answer.related),
    )
  }
}

async function run(question) {
  const q = question.trim()
  if (q === '') {
    show(el('p', { class: 'error', role: 'alert' }, '请输入问题，例如“牛塘镇上半年固定资产投资多少”。'))
    input.focus()
    return
  }
  history.replaceState(null, '', '?q=' + encodeURIComponent(q))
  result.setAttribute('aria-busy', 'true')
  show(el('p', { class: 'status' }, '正在查找…'))
  try {
    const response = await fetch('/ask?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
    const body = await response.json()
    if (!response.ok) throw new Error(body && body.error ? body.error.message : `HTTP ${response.status}`)
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
    void run(input.value)
  })
}

const initial = new URLSearchParams(location.search).get('q')
if (initial) {
  input.value = initial
  void run(initial)
}
