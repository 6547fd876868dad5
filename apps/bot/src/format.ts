import type { Answer, Citation, ReportSummary, Understood } from '@report-qa/core'
import { MESSAGE_LIMIT, splitMessage } from './split-message.ts'

/** Everything here is HTML for `parse_mode: 'HTML'`; report text always goes through `escapeHtml`. */
export const PARSE_MODE = 'HTML'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char)
}

/** A number with what it counts: 21.95亿元, 13%, 600余万元, 2581户. */
const FIGURE =
  /\d[\d,.]*(?:余|多)?(?:%|‰|个百分点|倍|[万亿千百]*(?:美元|元|吨|人次|人|户|个|项|家次|家|亩|公里|千米|平方米|立方米|米|台|辆|套|件|所|座|次|天|小时|千瓦时|名|处|条|间|只|头))?/g

/** `text` escaped, with each figure in bold. */
export function emphasiseFigures(text: string): string {
  let html = ''
  let last = 0
  for (const match of text.matchAll(FIGURE)) {
    html += `${escapeHtml(text.slice(last, match.index))}<b>${escapeHtml(match[0])}</b>`
    last = match.index + match[0].length
  }
  return html + escapeHtml(text.slice(last))
}

/** 出处 and 位置 lines: place, report title and date, period; section, page of a PDF, paragraph number. */
export function formatSource(
  citation: Pick<Citation, 'place' | 'title' | 'date' | 'period' | 'section' | 'paragraph'> & { page?: number },
): string {
  const when = [citation.date, citation.period].filter(Boolean).join('，')
  const title = citation.title ? `《${citation.title}》` : '报告'
  return [
    `出处：${escapeHtml(citation.place ?? '地点不详')} ${escapeHtml(title)}${when ? `（${escapeHtml(when)}）` : ''}`,
    `位置：${escapeHtml(citation.section ?? '（无标题）')} · ${citation.page ? `第${citation.page}页 · ` : ''}第${citation.paragraph}段`,
  ].join('\n')
}

/** Longest quote shown under an answer; 原文 has the rest. Keeps a reply well under Telegram's limit. */
const QUOTE_SHOWN = 600

export function formatQuote(citation: Citation): string {
  const quote = citation.quote.text
  return `<blockquote>${escapeHtml(quote.length > QUOTE_SHOWN ? `${quote.slice(0, QUOTE_SHOWN)}…` : quote)}</blockquote>`
}

/**
 * The reply to a question: the answer with its figures in bold, then the source of the first
 * citation and its quoted clause. Not found: the reason, the places held when the question named
 * none we know, and the paragraphs nearby (marked as not an answer).
 */
export function formatAnswer(answer: Answer, knownPlaces: string[]): string {
  const first = answer.citations[0]
  if (answer.found && answer.answer !== null && first) {
    return [emphasiseFigures(answer.answer), '', formatSource(first), formatQuote(first)].join('\n')
  }
  const lines = [`未找到：${escapeHtml(answer.reason ?? '报告中没有这项数据')}。`]
  const place = answer.understood.place
  if ((place === null || !knownPlaces.includes(place)) && knownPlaces.length > 0) {
    lines.push(`现有报告的地点：${knownPlaces.map(escapeHtml).join('、')}。`)
  }
  const related = answer.related ?? []
  if (related.length > 0) {
    lines.push('', '可能相关的段落（不是答案）：')
    for (const c of related) {
      lines.push(`• ${escapeHtml([c.place, c.period, c.section].filter(Boolean).join(' · '))} · 第${c.paragraph}段`)
    }
  }
  return lines.join('\n')
}

/**
 * Citations `from`.. of an answer (更多; for a series, 原文 from the first), numbered as in the
 * whole list; `labels` name what each cites (2016年 1794.5亿元).
 */
export function formatCitations(citations: Citation[], from: number, total: number, labels: string[] = []): string {
  const blocks = citations.map((c, k) => {
    const label = labels[from + k]
    const number = label ? `<b>${from + k + 1}. ${escapeHtml(label)}</b>\n` : `<b>${from + k + 1}.</b> `
    return `${number}${formatSource(c)}\n${formatQuote(c)}`
  })
  const heading = from === 0 ? '出处' : '其他出处'
  return [`${heading}（${from + 1}–${from + citations.length}，共${total}条）：`, ...blocks].join('\n\n')
}

/** What 原文 shows of a paragraph: a citation, or a paragraph opened by a deep link (no clause). */
export type ParagraphView = Pick<Citation, 'place' | 'section' | 'paragraph' | 'text'> &
  Partial<Pick<Citation, 'quote' | 'title' | 'date' | 'period' | 'page'>>

/**
 * The whole paragraph (原文) with the cited clause in bold, in as many messages as Telegram's limit
 * needs; `source` adds the 出处 and 位置 lines (for a paragraph opened by a link, out of any answer).
 */
export function formatParagraph(view: ParagraphView, limit = MESSAGE_LIMIT, options: { source?: boolean } = {}): string[] {
  const title = `<b>原文</b> ${escapeHtml(view.place ?? '')} · ${escapeHtml(view.section ?? '（无标题）')} · 第${view.paragraph}段\n`
  const source = options.source ? `${formatSource({ title: '', date: null, period: null, ...view })}\n` : ''
  const header = `${title}${source}\n`
  const quote = view.quote && view.quote.end > view.quote.start ? view.quote : null
  // Room for the <b></b> a part may hold.
  const parts = splitMessage(view.text, limit - header.length - (quote ? 7 : 0), (part) => escapeHtml(part).length)
  let offset = 0
  return parts.map((part, k) => {
    const html = quote ? boldRange(part, quote.start - offset, quote.end - offset) : escapeHtml(part)
    offset += part.length
    return (k === 0 ? header : '') + html
  })
}

/** `text` escaped, with `start..end` (clipped to the text) in bold. */
function boldRange(text: string, start: number, end: number): string {
  const from = Math.max(0, start)
  const to = Math.min(text.length, end)
  if (from >= to) return escapeHtml(text)
  return `${escapeHtml(text.slice(0, from))}<b>${escapeHtml(text.slice(from, to))}</b>${escapeHtml(text.slice(to))}`
}

/** `text` escaped and split under `limit`, with `header` (already HTML) before the first part. */
export function splitHtml(text: string, limit: number, header = ''): string[] {
  const room = limit - header.length
  const parts = splitMessage(text, room, (part) => escapeHtml(part).length)
  return parts.map((part, k) => (k === 0 ? header : '') + escapeHtml(part))
}

export const EXAMPLES = ['牛塘镇上半年固定资产投资多少', '留庄镇招商引资实际到位资金', '东明镇享受低保政策的有多少户']

/** /start and /help: what it answers, three examples, follow-ups, groups, inline mode, how to cite. */
export function formatHelp(botUsername: string): string {
  const mention = `@${escapeHtml(botUsername)}`
  return [
    '<b>政府工作报告问答</b>',
    '问我政府工作报告里的数字：我给出报告原文中的数字，并注明出处。找不到就直说，不会猜。',
    '',
    '例如：',
    ...EXAMPLES.map((q) => `• ${escapeHtml(q)}`),
    '',
    '接着问：答完一个问题，可以直接问“增速呢”“那2017年呢”“保定市呢”，沿用上一问的地点、年份和指标；30分钟不问或发送 /reset 就重新开始。',
    '问几年或几个地方的数字（如“驻马店市2012年到2018年生产总值”），我发一张表和一张图。',
    '',
    `私聊时直接发送问题。在群里请用 <code>/ask 问题</code>、${mention} 问题，或回复我的消息。`,
    `在任何聊天的输入框里写 <code>${mention} 问题</code>，可以选一条带出处的答案发到那个聊天。`,
    '回答下的「原文」按钮发送整段原文（引用的句子加粗），「更多」显示其他出处。/reports 列出现有的报告。',
    '',
    '引用时请写明：地点、报告标题和日期、章节、第几段，例如：牛塘镇《牛塘镇政府工作报告》（2022-07-14），二、克难求进,经济发展保持稳健态势，第9段。',
  ].join('\n')
}

/** The command menu (setMyCommands); groups also get /ask, the way to ask there. */
export const MENU = [
  { command: 'start', description: '开始：能问什么，怎么问' },
  { command: 'help', description: '使用说明和引用方式' },
  { command: 'reports', description: '现有的报告：地点和年份' },
  { command: 'reset', description: '重新开始：不再沿用上一问的地点、年份和指标' },
]
export const GROUP_MENU = [{ command: 'ask', description: '提问，例如 /ask 牛塘镇上半年固定资产投资多少' }, ...MENU]

/** Under an answer read as a follow-up: what it carried over, and how to start afresh. */
export function formatFollowUp(understood: Understood): string {
  const when = yearsAsked(understood)
  const what = `${understood.indicator ?? ''}${understood.measure === 'growth' ? '增速' : ''}${understood.target ? '目标' : ''}`
  const carried = [understood.place, when, understood.period, what].filter(Boolean).join(' · ')
  return `<i>接着问：${escapeHtml(carried)}（/reset 重新开始）</i>`
}

/** 2016年; 2016年、2020年; 2012–2018年 for years in a row. */
function yearsAsked(understood: Understood): string | null {
  const years = understood.years ?? []
  if (years.length === 0) return understood.year === null ? null : `${understood.year}年`
  const inARow = years.length > 2 && years.every((year, k) => k === 0 || year === (years[k - 1] ?? 0) + 1)
  return inARow ? `${years[0]}–${years.at(-1)}年` : years.map((year) => `${year}年`).join('、')
}

export const EXPIRED = '（上一段对话超过30分钟没有继续，已经结束：请把地点、年份和指标写完整再问。）'

export function formatReset(hadConversation: boolean): string {
  return hadConversation ? '好的，重新开始：下一个问题不再沿用之前的地点、年份和指标。' : '现在没有进行中的对话，直接提问即可。'
}

/** The polite reply to the first question over the per-user limit. */
export function formatTooFast(limit: number, retryInSeconds: number): string {
  return `问得有点快了：每人每分钟最多${limit}个问题。请${retryInSeconds}秒后再问，谢谢！`
}

/** /reports: each place with the periods its reports cover, split under Telegram's limit. */
export function formatReports(summaries: ReportSummary[], limit = MESSAGE_LIMIT): string[] {
  if (summaries.length === 0) return ['还没有任何报告。']
  const unknown = '（地点不详）'
  const byPlace = new Map<string, string[]>()
  for (const s of summaries) {
    const place = s.place ?? unknown
    const period = `${s.period ?? (s.year ? `${s.year}年` : '时段不详')}${s.date ? `（${s.date}）` : ''}`
    byPlace.set(place, [...(byPlace.get(place) ?? []), period])
  }
  const places = [...byPlace.keys()].sort((a, b) => Number(a === unknown) - Number(b === unknown) || a.localeCompare(b, 'zh'))
  const lines = places.map((place) => `• ${place}：${(byPlace.get(place) ?? []).sort().join('、')}`)
  const header = `<b>现有${summaries.length}份报告，${places.length}个地点</b>\n`
  return splitHtml(lines.join('\n'), limit, header)
}
