/* A citation on the page: the report it is from, and its paragraph with the quote marked. */
/* global el, chineseDate */
/* exported paragraph, sourceLine, citationList */

/** Paragraphs longer than this are shown trimmed around the quote, with a button to show them whole. */
const LONG_PARAGRAPH = 200
/** Characters kept on each side of the quote in a trimmed paragraph (up to the sentence's end). */
const AROUND_QUOTE = 60

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
