import { ask } from '../answer/ask.ts'
import { ReportIndex } from '../index/report-index.ts'
import { syncIndex } from '../index/sync.ts'
import type { Answer } from '../types.ts'

export async function runAsk(question: string, options: { reportsDir: string; json: boolean }): Promise<number> {
  if (question.trim() === '') {
    console.error('usage: pnpm ask "<question>"   e.g. pnpm ask "牛塘镇上半年固定资产投资多少"')
    return 2
  }
  const index = new ReportIndex()
  await syncIndex(index, options.reportsDir)
  const answer = ask(index, question)
  console.log(options.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer))
  return 0
}

export function formatAnswer(answer: Answer): string {
  const { understood: u } = answer
  const lines = [
    answer.found ? `答：${answer.answer}` : `未找到：${answer.reason}`,
    `理解：地点 ${u.place ?? '-'} · 年份 ${u.year ?? '-'} · 时段 ${u.period ?? '-'} · 指标 ${u.indicator ?? u.terms.join(' ')}${u.target ? ' · 问目标' : ''}`,
  ]
  for (const [k, c] of answer.citations.entries()) {
    const context = `${c.text.slice(Math.max(0, c.quote.start - 30), c.quote.start)}【${c.quote.text}】${c.text.slice(c.quote.end, c.quote.end + 30)}`
    lines.push(
      '',
      `[${k + 1}] ${c.source} · ${c.place ?? ''} ${c.period ?? ''} · ${c.section ?? '(无标题)'} · ${c.page ? `第${c.page}页 · ` : ''}第${c.paragraph}段`,
      `    …${context}…`,
    )
  }
  for (const c of answer.related ?? []) lines.push(`相关：${c.source} 第${c.paragraph}段：${c.quote.text.slice(0, 60)}`)
  lines.push('', `${answer.tookMs} ms`)
  return lines.join('\n')
}
