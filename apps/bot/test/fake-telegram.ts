import { EventEmitter } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Message, MessageEntity, Update, User } from 'telegraf/types'

/** A Bot API call as the fake received it. */
export interface ApiCall {
  method: string
  token: string
  params: Record<string, unknown>
  at: number
  /** What the fake answered: a result, or the error it returned. */
  ok: boolean
}

export interface ApiError {
  error_code: number
  description: string
  parameters?: { retry_after?: number }
}

export const BOT: User & { username: string } = { id: 4242, is_bot: true, first_name: 'Report QA', username: 'report_qa_bot' }
export const USER: User = { id: 1001, is_bot: false, first_name: '小王', language_code: 'zh-hans' }
export const PRIVATE_CHAT = { id: USER.id, type: 'private', first_name: USER.first_name } as const
export const GROUP_CHAT = { id: -100777, type: 'supergroup', title: '镇政府办' } as const
type Chat = typeof PRIVATE_CHAT | typeof GROUP_CHAT

/** Telegram's limit on a message's text after entity parsing. */
const TEXT_LIMIT = 4096
const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-spoiler',
  'span',
])
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }

/**
 * Parses Telegram HTML as strictly as the Bot API: only its tags, balanced; `<`, `>` and `&` only
 * as `&lt;` `&gt;` `&amp;` (or numeric entities). Returns the plain text, or the error message.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const open: string[] = []
  let text = ''
  const token = /<(\/?)([a-z-]+)(?:\s[^<>]*)?>|&(#\d+|#x[0-9a-f]+|[a-z]+);|[<>&]/gi
  let last = 0
  for (const match of html.matchAll(token)) {
    text += html.slice(last, match.index)
    last = match.index + match[0].length
    const [whole, closing, tag, entity] = match
    if (tag !== undefined) {
      const name = tag.toLowerCase()
      if (!TAGS.has(name)) return { error: `Bad Request: can't parse entities: Unsupported start tag "${name}"` }
      if (closing) {
        if (open.pop() !== name) return { error: `Bad Request: can't parse entities: Unmatched end tag "${name}"` }
      } else open.push(name)
    } else if (entity !== undefined) {
      if (entity.startsWith('#'))
        text += String.fromCodePoint(
          entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
        )
      else if (NAMED[entity]) text += NAMED[entity]
      else return { error: `Bad Request: can't parse entities: Unsupported HTML entity "&${entity};"` }
    } else {
      return { error: `Bad Request: can't parse entities: unescaped "${whole}" at byte offset ${match.index}` }
    }
  }
  if (open.length > 0)
    return { error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${open.at(-1)}"` }
  return { text: text + html.slice(last) }
}

/**
 * A small Bot API server on 127.0.0.1 for driving the real telegraf over HTTP: getUpdates long-polls
 * a queue the test pushes into, sendMessage checks HTML and length like Telegram, every call is
 * recorded, and the next call of a method can be made to fail (a 429 with retry_after, say).
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = []
  /** Messages the bot sent that were delivered, in order. */
  readonly sent: (Message.TextMessage & { html: string; params: Record<string, unknown> })[] = []
  private readonly events = new EventEmitter()
  private readonly updates: Update[] = []
  private readonly failures = new Map<string, ApiError[]>()
  private readonly server = http.createServer((req, res) => void this.handle(req, res))
  private nextUpdateId = 1
  private nextMessageId = 1
  private closing = false

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  /** The apiRoot to give telegraf. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async close(): Promise<void> {
    this.closing = true
    this.events.emit('update')
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** The next `times` calls of `method` answer `error` instead. */
  failNext(method: string, error: ApiError, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<ApiError>(times).fill(error)])
  }

  pushUpdate(update: Omit<Update, 'update_id'>): Update {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update
    this.updates.push(full)
    this.events.emit('update')
    return full
  }

  /** A user writes `text` in `chat` (commands and @mentions get their entities), optionally replying. */
  say(chat: Chat, text: string, options: { replyTo?: Message } = {}): Message.TextMessage {
    const message: Message.TextMessage = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: USER,
      text,
      ...(entitiesOf(text).length > 0 ? { entities: entitiesOf(text) } : {}),
      ...(options.replyTo ? { reply_to_message: options.replyTo as Message.TextMessage & { reply_to_message: undefined } } : {}),
    } as Message.TextMessage
    this.pushUpdate({ message } as Omit<Update.MessageUpdate, 'update_id'>)
    return message
  }

  /** The user presses the inline button with callback `data` under the bot's `message`. */
  press(message: Message, data: string): void {
    this.pushUpdate({
      callback_query: { id: String(this.nextUpdateId), from: USER, message, chat_instance: '1', data },
    } as Omit<Update.CallbackQueryUpdate, 'update_id'>)
  }

  /** Delivered messages to `chatId`. */
  sentTo(chatId: number): FakeTelegram['sent'] {
    return this.sent.filter((message) => message.chat.id === chatId)
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method)
  }

  /** Resolves with `check()`'s first truthy value; checked after every call and every 20 ms, up to `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 4_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer)
        clearInterval(poll)
        this.events.off('call', test)
      }
      const test = () => {
        const value = check()
        if (!value) return false
        stop()
        resolve(value)
        return true
      }
      const poll = setInterval(test, 20)
      const timer = setTimeout(() => {
        stop()
        reject(
          new Error(`fake Telegram: condition not met in ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`),
        )
      }, timeoutMs)
      if (!test()) this.events.on('call', test)
    })
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', this.url).pathname)
    let body = ''
    for await (const chunk of req) body += String(chunk)
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
    const [, token = '', method = ''] = match
    const params = (body ? JSON.parse(body) : {}) as Record<string, unknown>
    const failure = this.failures.get(method)?.shift()
    const outcome = failure ? { error: failure } : await this.run(method, params, req)
    if (outcome === null) return void res.destroy() // shutting down or the client went away
    const call: ApiCall = { method, token, params, at: Date.now(), ok: !('error' in outcome) }
    this.calls.push(call)
    if ('error' in outcome) reply(res, outcome.error.error_code, { ok: false, ...outcome.error })
    else reply(res, 200, { ok: true, result: outcome.result })
    this.events.emit('call', call)
  }

  private async run(
    method: string,
    params: Record<string, unknown>,
    req: http.IncomingMessage,
  ): Promise<{ result: unknown } | { error: ApiError } | null> {
    switch (method) {
      case 'getMe':
        return { result: BOT }
      case 'deleteWebhook':
      case 'setWebhook':
      case 'answerCallbackQuery':
        return { result: true }
      case 'getUpdates':
        return this.getUpdates(params, req)
      case 'sendMessage':
      case 'editMessageText': {
        const parsed = params.parse_mode === 'HTML' ? parseTelegramHtml(String(params.text)) : { text: String(params.text) }
        if ('error' in parsed) return { error: { error_code: 400, description: parsed.error } }
        if (parsed.text.length === 0) return { error: { error_code: 400, description: 'Bad Request: message text is empty' } }
        if (parsed.text.length > TEXT_LIMIT)
          return { error: { error_code: 400, description: 'Bad Request: message is too long' } }
        const chat = [PRIVATE_CHAT, GROUP_CHAT].find((c) => c.id === Number(params.chat_id)) ?? {
          id: Number(params.chat_id),
          type: 'private',
          first_name: '?',
        }
        const message = {
          message_id: method === 'sendMessage' ? this.nextMessageId++ : Number(params.message_id),
          date: Math.floor(Date.now() / 1000),
          chat,
          from: BOT,
          text: parsed.text,
          html: String(params.text),
          params,
          ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
        } as FakeTelegram['sent'][number]
        this.sent.push(message)
        return { result: message }
      }
      default:
        return { error: { error_code: 404, description: 'Not Found: method not found' } }
    }
  }

  /** Long poll: answers at once when updates wait, else when one is pushed or `timeout` passes. */
  private async getUpdates(params: Record<string, unknown>, req: http.IncomingMessage): Promise<{ result: Update[] } | null> {
    const offset = Number(params.offset ?? 0)
    const limit = Number(params.limit ?? 100)
    const timeoutMs = Number(params.timeout ?? 0) * 1000
    // Updates below the offset are confirmed: Telegram forgets them.
    while (this.updates.length > 0 && (this.updates[0]?.update_id ?? 0) < offset) this.updates.shift()
    if (this.updates.length === 0 && timeoutMs > 0 && !this.closing) {
      const gone = await new Promise<boolean>((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(timer)
          this.events.off('update', onUpdate)
          req.socket.off('close', onClose)
          resolve(value)
        }
        const onUpdate = () => done(false)
        const onClose = () => done(true)
        const timer = setTimeout(() => done(false), timeoutMs)
        this.events.on('update', onUpdate)
        req.socket.on('close', onClose)
      })
      if (gone || this.closing) return null
    }
    return { result: this.updates.slice(0, limit) }
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** bot_command for a leading /command, mention for each @name. */
function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = []
  const command = /^\/\w+(@\w+)?/.exec(text)
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length })
  for (const mention of text.matchAll(/@\w+/g)) {
    if (command && mention.index < command[0].length) continue
    entities.push({ type: 'mention', offset: mention.index, length: mention[0].length })
  }
  return entities
}
