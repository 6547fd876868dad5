import { ask, isCoreError, MAX_QUESTION_LENGTH, type Answer, type Logger, type ReportIndex } from '@report-qa/core'
import { Markup, Telegraf, type Context } from 'telegraf'
import { message } from 'telegraf/filters'
import type { InlineKeyboardMarkup, MessageEntity } from 'telegraf/types'
import { AnswerCache } from './answer-cache.ts'
import {
  escapeHtml,
  formatAnswer,
  formatCitations,
  formatHelp,
  formatParagraph,
  formatReports,
  PARSE_MODE,
  EXAMPLES,
} from './format.ts'
import { Outbox, type OutboxOptions } from './outbox.ts'

export interface BotDeps {
  token: string
  /** Bot API server; Telegram's by default. */
  apiRoot?: string
  /** Where answers come from; a `LiveIndex` from core's `watchIndex` swaps in reloaded indexes. */
  index: { readonly current: ReportIndex }
  logger: Logger
  /** Throttling of sends (defaults: one a second per chat, 30 a second overall). */
  throttle?: Pick<OutboxOptions, 'perChatMs' | 'perSecond' | 'maxQueued' | 'maxRetries'>
  /** Recent answers kept for their buttons. */
  cacheSize?: number
}

export interface ReportBot {
  bot: Telegraf
  outbox: Outbox
}

/** Citations an answer can page through with 更多; the first is the answer's evidence. */
const CITATIONS = 10
const PER_PAGE = 3
/** Places listed when a question names a place we have no report of. */
const PLACES_SHOWN = 30

/**
 * The Telegram front end to core's `ask()`. Private chats: any text is a question. Groups: only
 * `/ask …`, a mention of the bot, or a reply to one of its messages. Every send goes through the
 * outbox (throttled, 429 retried, failures logged), so handlers never wait on Telegram.
 */
export function createBot(deps: BotDeps): ReportBot {
  const { index, logger } = deps
  const bot = new Telegraf(deps.token, { telegram: { ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}), webhookReply: false } })
  const outbox = new Outbox({ logger, ...deps.throttle })
  const cache = new AnswerCache(deps.cacheSize)

  const send = (chatId: number, html: string, extra: { replyTo?: number; keyboard?: InlineKeyboardMarkup } = {}): void => {
    void outbox.send(chatId, 'sendMessage', () =>
      bot.telegram.sendMessage(chatId, html, {
        parse_mode: PARSE_MODE,
        ...(extra.replyTo !== undefined
          ? { reply_parameters: { message_id: extra.replyTo, allow_sending_without_reply: true } }
          : {}),
        ...(extra.keyboard ? { reply_markup: extra.keyboard } : {}),
      }),
    )
  }

  const answer = (ctx: Context, question: string): void => {
    const chatId = ctx.chat?.id
    if (chatId === undefined) return
    const replyTo = ctx.chat?.type === 'private' ? undefined : ctx.message?.message_id
    let result: Answer
    try {
      result = ask(index.current, question, { limit: CITATIONS })
    } catch (error) {
      if (!isCoreError(error, 'INVALID_QUESTION')) throw error
      const text = question.trim() === '' ? `请写出问题，例如：${EXAMPLES[0]}` : `问题太长了：最多${MAX_QUESTION_LENGTH}个字。`
      return send(chatId, escapeHtml(text), { replyTo })
    }
    const id = cache.add(result)
    const buttons = result.found ? citationButtons(id, result, 0, 1) : null
    send(chatId, formatAnswer(result, knownPlaces(index.current)), { replyTo, ...(buttons ? { keyboard: buttons } : {}) })
  }

  const help = (ctx: Context): void => {
    if (ctx.chat) send(ctx.chat.id, formatHelp(ctx.botInfo.username))
  }

  bot.start(help)
  bot.help(help)
  bot.command('reports', (ctx) => {
    for (const part of formatReports(index.current.summaries())) send(ctx.chat.id, part)
  })
  bot.command('ask', (ctx) => answer(ctx, ctx.payload))

  bot.on(message('text'), (ctx) => {
    const msg = ctx.message
    if (ctx.chat.type === 'private') {
      if (msg.text.startsWith('/')) return help(ctx) // a command we do not have
      return answer(ctx, msg.text)
    }
    const mentioned = stripMentions(msg.text, msg.entities ?? [], ctx.botInfo)
    if (mentioned !== null) return answer(ctx, mentioned)
    if (msg.reply_to_message?.from?.id === ctx.botInfo.id && !msg.text.startsWith('/')) return answer(ctx, msg.text)
    // Anything else in a group is people talking to each other.
  })

  // 原文: the whole paragraph of citation `n`.
  bot.action(/^src:([0-9a-z]+):(\d+)$/, async (ctx) => {
    const citation = cache.get(ctx.match[1] ?? '')?.citations[Number(ctx.match[2])]
    const chatId = ctx.chat?.id
    if (!citation || chatId === undefined) return void (await ctx.answerCbQuery('这条回答已过期，请重新提问。'))
    await ctx.answerCbQuery()
    for (const part of formatParagraph(citation)) send(chatId, part)
  })

  // 更多: the next citations from `from`.
  bot.action(/^more:([0-9a-z]+):(\d+)$/, async (ctx) => {
    const id = ctx.match[1] ?? ''
    const from = Number(ctx.match[2])
    const result = cache.get(id)
    const chatId = ctx.chat?.id
    if (!result || chatId === undefined) return void (await ctx.answerCbQuery('这条回答已过期，请重新提问。'))
    const page = result.citations.slice(from, from + PER_PAGE)
    if (page.length === 0) return void (await ctx.answerCbQuery('没有更多出处了。'))
    await ctx.answerCbQuery()
    const buttons = citationButtons(id, result, from, page.length)
    send(chatId, formatCitations(page, from, result.citations.length), buttons ? { keyboard: buttons } : {})
  })

  bot.catch((error, ctx) => {
    logger.error('an update could not be handled', {
      update: ctx.update.update_id,
      error: error instanceof Error ? error.message : String(error),
    })
    if (ctx.chat) send(ctx.chat.id, '抱歉，出了点问题，请稍后再试。')
  })

  return { bot, outbox }
}

/** 原文 for each citation shown (`from`, `count` of them), then 更多 when some are left. */
function citationButtons(id: string, result: Answer, from: number, count: number): InlineKeyboardMarkup | null {
  const sources = Array.from({ length: count }, (_, k) =>
    Markup.button.callback(from === 0 && count === 1 ? '原文' : `原文 ${from + k + 1}`, `src:${id}:${from + k}`),
  )
  const next = from + count
  const more = next < result.citations.length ? [Markup.button.callback('更多', `more:${id}:${next}`)] : []
  const row = [...sources, ...more]
  return row.length > 0 ? Markup.inlineKeyboard([row]).reply_markup : null
}

function knownPlaces(index: ReportIndex): string[] {
  const places = [...new Set(index.summaries().flatMap((s) => (s.place ? [s.place] : [])))].sort((a, b) =>
    a.localeCompare(b, 'zh'),
  )
  return places.length > PLACES_SHOWN ? [...places.slice(0, PLACES_SHOWN), `等${places.length}个地点（见 /reports）`] : places
}

/**
 * The text without mentions of the bot (`@name` or a text mention of it), or null when it does
 * not mention the bot.
 */
function stripMentions(text: string, entities: MessageEntity[], me: { id: number; username: string }): string | null {
  const handle = `@${me.username}`.toLowerCase()
  const ours = entities.filter(
    (e) =>
      (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  )
  if (ours.length === 0) return null
  let rest = text
  for (const e of [...ours].sort((a, b) => b.offset - a.offset)) rest = rest.slice(0, e.offset) + rest.slice(e.offset + e.length)
  return rest.trim()
}
