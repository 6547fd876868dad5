import type { Answer, Citation, ReportSummary } from '@report-qa/core'
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
export function formatSource(citation: Citation): string {
  const when = [citation.date, citation.period].filter(Boolean).join('，')
  const title = citation.title ? `《${citation.title}》` : '报告'
  return [
    `出处：${escapeHtml(citation.place ?? '地点不详')} ${escapeHtml(title)}${when ? `（${escapeHtml(when)}）` : ''}`,
    `位置：${escapeHtml(citation.section ?? '（无标题）')} · ${citation.page ? `第${citation.page}页 · ` : ''}第${citation.paragraph}段`,
  ].join('\n')
}

/** Longest quote shown under an answer; 原文 has the rest. Keeps a reply well under Telegram's limit. */
const QUOTE_SHOWN = 600

function formatQuote(citation: Citation): string {
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

/** Citations `from`.. of an answer (更多), numbered as in the whole list. */
export function formatCitations(citations: Citation[], from: number, total: number): string {
  const blocks = citations.map((c, k) => `<b>${from + k + 1}.</b> ${formatSource(c)}\n${formatQuote(c)}`)
  return [`其他出处（${from + 1}–${from + citations.length}，共${total}条）：`, ...blocks].join('\n\n')
}

/** The whole cited paragraph (原文), in as many messages as Telegram's limit needs. */
export function formatParagraph(citation: Citation, limit = MESSAGE_LIMIT): string[] {
  const header = `<b>原文</b> ${escapeHtml(citation.place ?? '')} · ${escapeHtml(citation.section ?? '（无标题）')} · 第${citation.paragraph}段\n\n`
  return splitHtml(citation.text, limit, header)
}

/** `text` escaped and split under `limit`, with `header` (already HTML) before the first part. */
export function splitHtml(text: string, limit: number, header = ''): string[] {
  const room = limit - header.length
  const parts = splitMessage(text, room, (part) => escapeHtml(part).length)
  return parts.map((part, k) => (k === 0 ? header : '') + escapeHtml(part))
}

export const EXAMPLES = ['牛塘镇上半年固定资产投资多少', '留庄镇招商引资实际到位资金', '东明镇享受低保政策的有多少户']

/** /start and /help: what it answers, three examples, how to ask in a group, how to cite. */
export function formatHelp(botUsername: string): string {
  const mention = `@${escapeHtml(botUsername)}`
  return [
    '<b>政府工作报告问答</b>',
    '问我政府工作报告里的数字：我给出报告原文中的数字，并注明出处。找不到就直说，不会猜。',
    '',
    '例如：',
    ...EXAMPLES.map((q) => `• ${escapeHtml(q)}`),
    '',
    `私聊时直接发送问题。在群里请用 <code>/ask 问题</code>、${mention} 问题，或回复我的消息。`,
    '回答下的「原文」按钮发送整段原文，「更多」显示其他出处。/reports 列出现有的报告。',
    '',
    '引用时请写明：地点、报告标题和日期、章节、第几段，例如：牛塘镇《牛塘镇政府工作报告》（2022-07-14），二、克难求进,经济发展保持稳健态势，第9段。',
  ].join('\n')
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
