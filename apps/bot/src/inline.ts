import { ask, isCoreError, MAX_QUESTION_LENGTH, type Answer, type Citation } from '@report-qa/core'
import type { Telegraf } from 'telegraf'
import type { InlineQueryResult, InlineQueryResultsButton } from 'telegraf/types'
import type { BotDeps } from './bot.ts'
import { paragraphPayload, startLink } from './deep-link.ts'
import { emphasiseFigures, EXAMPLES, formatQuote, formatSource, PARSE_MODE } from './format.ts'
import { pointLabel } from './format-series.ts'
import type { RateLimit } from './rate-limit.ts'

/** Results an inline query gets at most. */
const INLINE_RESULTS = 5
/** The start parameter of the button shown above inline results when there is no answer. */
const HELP_PAYLOAD = 'help'
/** Seconds Telegram may keep an inline answer for everyone who types the same query. */
const INLINE_CACHE_SECONDS = 60
/** Telegram cuts longer titles and descriptions; keep them to what a results list shows. */
const TITLE = 80

/**
 * An answer as inline results (`@bot 牛塘镇固投` in any chat): one article per citation, up to
 * five. The first carries the answer sentence (for a series, each point its own figure); picking
 * one sends it to that chat with its source, quote, and a 原文 link that opens the paragraph in a
 * private chat with the bot (a deep link: an inline message has no chat to send 原文 into).
 */
export function inlineResults(answer: Answer, botUsername: string): InlineQueryResult[] {
  const labels = (answer.series ?? []).map(pointLabel)
  return answer.citations.slice(0, INLINE_RESULTS).map((citation, k) => {
    const sentence = answer.series ? labels[k] : k === 0 ? (answer.answer ?? undefined) : undefined
    const payload = paragraphPayload(citation)
    const lines = [...(sentence ? [emphasiseFigures(sentence), ''] : []), formatSource(citation), formatQuote(citation)]
    return {
      type: 'article',
      id: String(k),
      title: cut(sentence ?? citation.quote.text),
      description: cut(describe(citation)),
      input_message_content: {
        message_text: lines.join('\n'),
        parse_mode: PARSE_MODE,
        link_preview_options: { is_disabled: true },
      },
      ...(payload ? { reply_markup: { inline_keyboard: [[{ text: '原文', url: startLink(botUsername, payload) }]] } } : {}),
    }
  })
}

/**
 * `@bot 牛塘镇固投` in any chat: up to five cited results, never a conversation's context. No
 * answer: no results, and a button saying why that opens the bot's help.
 */
export function handleInline(bot: Telegraf, index: BotDeps['index'], inlineQueries: RateLimit): void {
  bot.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim()
    const none = (text: string, cacheTime = INLINE_CACHE_SECONDS) =>
      ctx.answerInlineQuery([], { cache_time: cacheTime, button: inlineButton(text) })
    if (query === '') return void (await none(`输入问题，例如：${EXAMPLES[0]}`))
    const admission = inlineQueries.take(ctx.from.id)
    if (!admission.ok) return void (await none(`问得太快了，请${admission.retryInSeconds}秒后再试`, 0))
    let result: Answer
    try {
      result = ask(index.current, query, { limit: INLINE_RESULTS })
    } catch (error) {
      if (!isCoreError(error, 'INVALID_QUESTION')) throw error
      return void (await none(`问题太长了：最多${MAX_QUESTION_LENGTH}个字`))
    }
    if (!result.found) return void (await none(`未找到：${result.reason ?? '报告中没有这项数据'}`))
    await ctx.answerInlineQuery(inlineResults(result, ctx.botInfo.username), { cache_time: INLINE_CACHE_SECONDS })
  })
}

/** The button above no results: why there is none, opening the help in a private chat. */
function inlineButton(text: string): InlineQueryResultsButton {
  return { text: cut(text, 60), start_parameter: HELP_PAYLOAD }
}

function describe(citation: Citation): string {
  return [citation.place, citation.title ? `《${citation.title}》` : null, citation.period, `第${citation.paragraph}段`]
    .filter(Boolean)
    .join(' ')
}

function cut(text: string, max = TITLE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
