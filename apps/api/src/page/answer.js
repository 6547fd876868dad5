/* The answer card, and what the question was understood to ask. */
/* global document, el, emphasised, sourceLine, paragraph, citationList, renderSeries */
/* exported result, MEASURES, show, answerCard, renderAnswer */

const result = document.getElementById('result')

const MEASURES = { growth: '增速', 'avg-growth': '年均增速', share: '占比', change: '增减', total: '累计' }
const KEPT = { place: '地点', time: '年份', indicator: '指标', measure: '口径', target: '目标' }

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
