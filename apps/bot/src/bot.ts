import { ask, isCoreError, MAX_QUESTION_LENGTH, type Answer, type Logger, type ReportIndex } from '@report-qa/core'
import { Markup, Telegraf, type Context } from 'telegraf'
import { message } from 'telegraf/filters'
import type { InlineKeyboardMarkup, MessageEntity } from 'telegraf/types'
import { AnswerCache } from './answer-cache.ts'
import { chartFont, renderChart, type ChartFont } from './chart.ts'
import { Conversations, type Turn } from './conversations.ts'
import { openParagraph, parseParagraphPayload } from './deep-link.ts'
import {
  escapeHtml,
  EXAMPLES,
  EXPIRED,
  formatAnswer,
  formatCitations,
  formatFollowUp,
  formatHelp,
  formatParagraph,
  formatReports,
  formatReset,
  formatTooFast,
  PARSE_MODE,
} from './format.ts'
import { formatSeries, pointLabel, seriesChart, seriesView } from './format-series.ts'
import { handleInline } from './inline.ts'
import { Outbox, type OutboxOptions } from './outbox.ts'
import { RateLimit } from './rate-limit.ts'

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
  /** The clock (ms) for conversations forgetting and the per-user limit; tests move it. */
  now?: () => number
  /** Questions one user may ask in a minute (default 20). */
  questionsPerMinute?: number
  /** The font charts are drawn with; default the first of `CJK_FONTS` present, null for no charts. */
  chartFont?: ChartFont | null
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
/** Inline queries come as the user types: a larger allowance than questions. */
const INLINE_PER_MINUTE = 60
const EXPIRED_BUTTON = '这条回答已过期，请重新提问。'

type SendExtra = { replyTo?: number; keyboard?: InlineKeyboardMarkup }

/**
 * The Telegram front end to core's `ask()`. Private chats: any text is a question. Groups: only
 * `/ask …`, a mention of the bot, or a reply to one of its messages. Each conversation (a private
 * chat, or one person in a group) keeps the last answer's context for follow-ups. Inline queries
 * answer in any chat, without a context. Every send goes through the outbox (throttled, 429
 * retried, failures logged), so handlers never wait on Telegram.
 */
export function createBot(deps: BotDeps): ReportBot {
  const { index, logger } = deps
  const bot = new Telegraf(deps.token, {
    telegram: { ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}), webhookReply: false },
  })
  const outbox = new Outbox({ logger, ...deps.throttle })
  const perMinute = deps.questionsPerMinute ?? 20
  const parts: Parts = {
    bot,
    index,
    logger,
    outbox,
    cache: new AnswerCache(deps.cacheSize),
    conversations: new Conversations({ ...(deps.now ? { now: deps.now } : {}) }),
    questions: new RateLimit({ limit: perMinute, ...(deps.now ? { now: deps.now } : {}) }),
    perMinute,
    font: chartFont(deps.chartFont, logger),
  }
  handleCommands(parts)
  handleQuestions(parts)
  handleButtons(parts)
  handleInline(bot, index, new RateLimit({ limit: INLINE_PER_MINUTE, ...(deps.now ? { now: deps.now } : {}) }))
  bot.catch((error, ctx) => {
    logger.error('an update could not be handled', {
      update: ctx.update.update_id,
      error: error instanceof Error ? error.message : String(error),
    })
    if (ctx.chat) send(parts, ctx.chat.id, '抱歉，出了点问题，请稍后再试。')
  })
  return { bot, outbox }
}

interface Parts {
  bot: Telegraf
  index: BotDeps['index']
  logger: Logger
  outbox: Outbox
  cache: AnswerCache
  conversations: Conversations
  questions: RateLimit
  perMinute: number
  font: ChartFont | null
}

function send({ bot, outbox }: Parts, chatId: number, html: string, extra: SendExtra = {}): void {
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

/**
 * Queued now, so that it keeps its place after the messages before it; sent once `png` is drawn
 * (nothing when drawing failed, which was logged).
 */
function sendPhoto({ bot, outbox }: Parts, chatId: number, png: Promise<Buffer | null>, caption: string): void {
  void outbox.send(chatId, 'sendPhoto', async () => {
    const bytes = await png
    if (bytes) await bot.telegram.sendPhoto(chatId, { source: bytes, filename: 'chart.png' }, { caption, parse_mode: PARSE_MODE })
  })
}

/** /start (with a deep link to a paragraph, or the help), /help, /reports, /reset, /ask. */
function handleCommands(parts: Parts): void {
  const { bot, index, conversations } = parts
  const help = (ctx: Context): void => {
    if (ctx.chat) send(parts, ctx.chat.id, formatHelp(ctx.botInfo.username))
  }
  bot.start((ctx) => {
    const link = parseParagraphPayload(ctx.payload)
    if (!link) return help(ctx)
    const citation = openParagraph(index.current, link)
    if (!citation) return send(parts, ctx.chat.id, '找不到这一段了：报告可能已经更新或删除，请重新提问。')
    for (const part of formatParagraph(citation, undefined, { source: true })) send(parts, ctx.chat.id, part)
  })
  bot.help(help)
  bot.command('reports', (ctx) => {
    for (const part of formatReports(index.current.summaries())) send(parts, ctx.chat.id, part)
  })
  bot.command('reset', (ctx) => {
    const had = conversations.forget(Conversations.key(ctx.chat, ctx.from.id))
    send(parts, ctx.chat.id, formatReset(had), { replyTo: replyTarget(ctx) })
  })
  bot.command('ask', (ctx) => answer(parts, ctx, ctx.payload))
}

/** Private chats: every text; groups: a mention of the bot or a reply to it. */
function handleQuestions(parts: Parts): void {
  parts.bot.on(message('text'), (ctx) => {
    const msg = ctx.message
    if (ctx.chat.type === 'private') {
      if (msg.text.startsWith('/')) return send(parts, ctx.chat.id, formatHelp(ctx.botInfo.username)) // a command we do not have
      return answer(parts, ctx, msg.text)
    }
    const mentioned = stripMentions(msg.text, msg.entities ?? [], ctx.botInfo)
    if (mentioned !== null) return answer(parts, ctx, mentioned)
    if (msg.reply_to_message?.from?.id === ctx.botInfo.id && !msg.text.startsWith('/')) return answer(parts, ctx, msg.text)
    // Anything else in a group is people talking to each other.
  })
}

/** In a group, replies quote the question they answer. */
function replyTarget(ctx: Context): number | undefined {
  return ctx.chat?.type === 'private' ? undefined : ctx.message?.message_id
}

/**
 * One question of a conversation: within the user's allowance, read against the conversation's
 * context, answered, and its context kept for the next question.
 */
function answer(parts: Parts, ctx: Context, question: string): void {
  const { index, conversations, questions, cache } = parts
  const chat = ctx.chat
  if (!chat) return
  const replyTo = replyTarget(ctx)
  const userId = ctx.from?.id
  if (userId !== undefined) {
    const admission = questions.take(userId)
    if (!admission.ok) {
      if (admission.notify)
        send(parts, chat.id, escapeHtml(formatTooFast(parts.perMinute, admission.retryInSeconds)), { replyTo })
      return
    }
  }
  const key = Conversations.key(chat, userId)
  const turn = conversations.turn(key)
  let result: Answer
  try {
    result = ask(index.current, question, { limit: CITATIONS, ...(turn.context ? { context: turn.context } : {}) })
  } catch (error) {
    if (!isCoreError(error, 'INVALID_QUESTION')) throw error
    const text = question.trim() === '' ? `请写出问题，例如：${EXAMPLES[0]}` : `问题太长了：最多${MAX_QUESTION_LENGTH}个字。`
    return send(parts, chat.id, escapeHtml(text), { replyTo })
  }
  conversations.remember(key, result.context)
  const id = cache.add(result)
  const footer = answerFooter(result, turn)
  if (result.found && result.series && result.series.length > 0)
    return sendSeries(parts, chat.id, id, result, { replyTo, footer })
  const buttons = result.found ? citationButtons(id, result, 0, 1) : null
  const html = formatAnswer(result, knownPlaces(index.current)) + (footer ? `\n\n${footer}` : '')
  send(parts, chat.id, html, { replyTo, ...(buttons ? { keyboard: buttons } : {}) })
}

/** What carried over from the last question, or that the conversation had ended. */
function answerFooter(result: Answer, turn: Turn): string | null {
  if (result.found && (result.understood.followUp?.length ?? 0) > 0) return formatFollowUp(result.understood)
  if (!result.found && turn.context === undefined && turn.expired) return escapeHtml(EXPIRED)
  return null
}

/**
 * A series: the table (with 原文 for the points' citations) and, when the points chart, the chart
 * as a photo drawn from the page's SVG.
 */
function sendSeries(
  parts: Parts,
  chatId: number,
  id: string,
  result: Answer,
  extra: { replyTo?: number; footer: string | null },
): void {
  const view = seriesView(result)
  const messages = formatSeries(view)
  if (extra.footer) messages[messages.length - 1] += `\n\n${extra.footer}`
  const keyboard = Markup.inlineKeyboard([Markup.button.callback('原文', `more:${id}:0`)]).reply_markup
  messages.forEach((html, k) =>
    send(parts, chatId, html, {
      ...(k === 0 && extra.replyTo !== undefined ? { replyTo: extra.replyTo } : {}),
      ...(k === messages.length - 1 ? { keyboard } : {}),
    }),
  )
  const chart = parts.font ? seriesChart(view) : null
  if (!chart || !parts.font) return
  const png = renderChart(chart.points, { title: view.title, unit: chart.unit }, parts.font).catch((error: unknown) => {
    parts.logger.error('a chart could not be drawn', { error: error instanceof Error ? error.message : String(error) })
    return null
  })
  sendPhoto(parts, chatId, png, escapeHtml(view.title))
}

/** 原文 (the paragraph of citation `n`, its clause in bold) and 更多 (the citations from `from`). */
function handleButtons(parts: Parts): void {
  const { bot, cache } = parts
  bot.action(/^src:([0-9a-z]+):(\d+)$/, async (ctx) => {
    const citation = cache.get(ctx.match[1] ?? '')?.citations[Number(ctx.match[2])]
    const chatId = ctx.chat?.id
    if (!citation || chatId === undefined) return void (await ctx.answerCbQuery(EXPIRED_BUTTON))
    await ctx.answerCbQuery()
    for (const part of formatParagraph(citation)) send(parts, chatId, part)
  })

  bot.action(/^more:([0-9a-z]+):(\d+)$/, async (ctx) => {
    const id = ctx.match[1] ?? ''
    const from = Number(ctx.match[2])
    const result = cache.get(id)
    const chatId = ctx.chat?.id
    if (!result || chatId === undefined) return void (await ctx.answerCbQuery(EXPIRED_BUTTON))
    const page = result.citations.slice(from, from + PER_PAGE)
    if (page.length === 0) return void (await ctx.answerCbQuery('没有更多出处了。'))
    await ctx.answerCbQuery()
    const buttons = citationButtons(id, result, from, page.length)
    const labels = (result.series ?? []).map(pointLabel)
    send(parts, chatId, formatCitations(page, from, result.citations.length, labels), buttons ? { keyboard: buttons } : {})
  })
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
