import { EventEmitter } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Message, MessageEntity, Update, User } from 'telegraf/types'

/** A Bot API call as the fake received it. */
export interface ApiCall {
  method: string
  token: string
  params: Record<string, unknown>
  /** When the request arrived (ms), before its body was read: its answer may take longer to make. */
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
/** A colleague of USER's in the group. */
export const COLLEAGUE: User = { id: 1002, is_bot: false, first_name: '小李', language_code: 'zh-hans' }
export const PRIVATE_CHAT = { id: USER.id, type: 'private', first_name: USER.first_name } as const
/** The colleague's private chat with the bot. */
export const COLLEAGUE_CHAT = { id: COLLEAGUE.id, type: 'private', first_name: COLLEAGUE.first_name } as const
export const GROUP_CHAT = { id: -100777, type: 'supergroup', title: '镇政府办' } as const
export type Chat = typeof PRIVATE_CHAT | typeof COLLEAGUE_CHAT | typeof GROUP_CHAT

/** Telegram's limit on a message's text after entity parsing. */
const TEXT_LIMIT = 4096
/** Telegram's limits on a photo's caption (after entity parsing) and file. */
const CAPTION_LIMIT = 1024
const PHOTO_BYTES = 10 * 1024 * 1024
/** A start parameter of a deep link or an inline results button. */
const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/
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

/** A photo the bot sent (sendPhoto, uploaded as multipart/form-data), as delivered. */
export interface SentPhoto {
  chatId: number
  /** The uploaded file's bytes. */
  bytes: Buffer
  /** The file name and type the upload gave. */
  name: string
  type: string
  caption: string
  params: Record<string, unknown>
}

/**
 * A small Bot API server on 127.0.0.1 for driving the real telegraf over HTTP: getUpdates long-polls
 * a queue the test pushes into, sendMessage checks HTML and length like Telegram, sendPhoto takes
 * the upload as Telegram does (multipart/form-data), answerInlineQuery and setMyCommands check what
 * Telegram checks, every call is recorded, and the next call of a method can be made to fail (a 429
 * with retry_after, say).
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = []
  /** Messages the bot sent that were delivered, in order. */
  readonly sent: (Message.TextMessage & { html: string; params: Record<string, unknown> })[] = []
  /** Photos the bot sent that were delivered, in order. */
  readonly photos: SentPhoto[] = []
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

  /**
   * A user (USER unless `from`) writes `text` in `chat` (commands and @mentions get their entities),
   * optionally replying.
   */
  say(chat: Chat, text: string, options: { replyTo?: Message; from?: User } = {}): Message.TextMessage {
    const message: Message.TextMessage = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: options.from ?? USER,
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

  /** A user (USER unless `from`) types `@bot query` in some chat; returns the inline query's id. */
  inline(query: string, from: User = USER): string {
    const id = `iq${this.nextUpdateId}`
    this.pushUpdate({
      inline_query: { id, from, query, offset: '', chat_type: 'supergroup' },
    } as Omit<Update.InlineQueryUpdate, 'update_id'>)
    return id
  }

  /** The bot's answer to inline query `id`, once given. */
  inlineAnswer(id: string): Record<string, unknown> | undefined {
    return this.callsOf('answerInlineQuery').find((call) => call.params.inline_query_id === id)?.params
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
    const at = Date.now()
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', this.url).pathname)
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
    const [, token = '', method = ''] = match
    const { params, files } = await readBody(Buffer.concat(chunks), String(req.headers['content-type'] ?? ''))
    const failure = this.failures.get(method)?.shift()
    const outcome = failure ? { error: failure } : await this.run(method, params, req, files)
    if (outcome === null) return void res.destroy() // shutting down or the client went away
    const call: ApiCall = { method, token, params, at, ok: !('error' in outcome) }
    this.calls.push(call)
    if ('error' in outcome) reply(res, outcome.error.error_code, { ok: false, ...outcome.error })
    else reply(res, 200, { ok: true, result: outcome.result })
    this.events.emit('call', call)
  }

  private async run(
    method: string,
    params: Record<string, unknown>,
    req: http.IncomingMessage,
    files: Map<string, File>,
  ): Promise<{ result: unknown } | { error: ApiError } | null> {
    switch (method) {
      case 'getMe':
        return { result: BOT }
      case 'deleteWebhook':
      case 'setWebhook':
      case 'answerCallbackQuery':
        return { result: true }
      case 'setMyCommands':
        return checkCommands(params)
      case 'answerInlineQuery':
        return checkInlineAnswer(params)
      case 'sendPhoto':
        return this.sendPhoto(params, files)
      case 'getUpdates':
        return this.getUpdates(params, req)
      case 'sendMessage':
      case 'editMessageText': {
        const parsed = params.parse_mode === 'HTML' ? parseTelegramHtml(String(params.text)) : { text: String(params.text) }
        if ('error' in parsed) return { error: { error_code: 400, description: parsed.error } }
        if (parsed.text.length === 0) return { error: { error_code: 400, description: 'Bad Request: message text is empty' } }
        if (parsed.text.length > TEXT_LIMIT)
          return { error: { error_code: 400, description: 'Bad Request: message is too long' } }
        const chat = chatOf(params.chat_id)
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

  /** A photo uploaded as a file (a URL or file_id is not what the bot sends), with its caption checked. */
  private async sendPhoto(
    params: Record<string, unknown>,
    files: Map<string, File>,
  ): Promise<{ result: unknown } | { error: ApiError }> {
    const bad = (description: string) => ({ error: { error_code: 400, description: `Bad Request: ${description}` } })
    const file = files.get('photo')
    if (!file) return bad('there is no photo in the request')
    if (file.size > PHOTO_BYTES) return bad('file is too big')
    const html = String(params.caption ?? '')
    const caption = params.parse_mode === 'HTML' ? parseTelegramHtml(html) : { text: html }
    if ('error' in caption) return bad(caption.error.replace(/^Bad Request: /, ''))
    if (caption.text.length > CAPTION_LIMIT) return bad('message caption is too long')
    const chat = chatOf(params.chat_id)
    this.photos.push({
      chatId: chat.id,
      bytes: Buffer.from(await file.arrayBuffer()),
      name: file.name,
      type: file.type,
      caption: caption.text,
      params,
    })
    const photo = [{ file_id: `photo${this.photos.length}`, file_unique_id: `p${this.photos.length}`, width: 1, height: 1 }]
    return {
      result: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: BOT,
        photo,
        caption: caption.text,
      },
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

/** Fields telegraf sends as JSON inside a multipart upload. */
const JSON_FIELDS = new Set(['reply_markup', 'reply_parameters', 'caption_entities'])

/** JSON, or multipart/form-data as telegraf sends an upload: its fields (JSON values parsed) and files. */
async function readBody(body: Buffer, type: string): Promise<{ params: Record<string, unknown>; files: Map<string, File> }> {
  const files = new Map<string, File>()
  if (!type.startsWith('multipart/form-data')) return { params: body.length > 0 ? JSON.parse(body.toString()) : {}, files }
  const params: Record<string, unknown> = {}
  for (const [name, value] of await new Response(body, { headers: { 'content-type': type } }).formData()) {
    if (typeof value !== 'string') files.set(name, value)
    else params[name] = JSON_FIELDS.has(name) ? JSON.parse(value) : value
  }
  return { params, files }
}

function chatOf(id: unknown): Chat | { id: number; type: 'private'; first_name: string } {
  return (
    [PRIVATE_CHAT, COLLEAGUE_CHAT, GROUP_CHAT].find((c) => c.id === Number(id)) ?? {
      id: Number(id),
      type: 'private',
      first_name: '?',
    }
  )
}

/** setMyCommands as Telegram checks it: 1-100 commands of [a-z0-9_]{1,32}, descriptions of 1-256 characters. */
function checkCommands(params: Record<string, unknown>): { result: true } | { error: ApiError } {
  const commands = params.commands as { command?: unknown; description?: unknown }[] | undefined
  const ok =
    Array.isArray(commands) &&
    commands.length <= 100 &&
    commands.every(
      (c) =>
        typeof c.command === 'string' &&
        /^[a-z0-9_]{1,32}$/.test(c.command) &&
        typeof c.description === 'string' &&
        c.description.length >= 1 &&
        c.description.length <= 256,
    )
  return ok ? { result: true } : { error: { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' } }
}

/**
 * answerInlineQuery as Telegram checks it: at most 50 results with distinct ids of 1-64 bytes, each
 * article's message text parsed as its parse_mode says, and a start parameter of the allowed form.
 */
function checkInlineAnswer(params: Record<string, unknown>): { result: true } | { error: ApiError } {
  const bad = (description: string) => ({ error: { error_code: 400, description: `Bad Request: ${description}` } })
  const results = params.results as
    | { id: string; type: string; title?: string; input_message_content?: { message_text?: string; parse_mode?: string } }[]
    | undefined
  if (!Array.isArray(results) || results.length > 50) return bad('RESULTS_TOO_MUCH')
  if (new Set(results.map((r) => r.id)).size !== results.length) return bad('RESULT_ID_DUPLICATE')
  for (const result of results) {
    if (Buffer.byteLength(result.id) < 1 || Buffer.byteLength(result.id) > 64) return bad('RESULT_ID_INVALID')
    if (result.type !== 'article' || !result.title) return bad('RESULT_TITLE_EMPTY')
    const content = result.input_message_content
    const text = String(content?.message_text ?? '')
    const parsed = content?.parse_mode === 'HTML' ? parseTelegramHtml(text) : { text }
    if ('error' in parsed) return bad(parsed.error.replace(/^Bad Request: /, ''))
    if (parsed.text.length === 0 || parsed.text.length > TEXT_LIMIT) return bad('MESSAGE_TEXT_INVALID')
  }
  const button = params.button as { text?: string; start_parameter?: string } | undefined
  if (button && (!button.text || !START_PARAMETER.test(button.start_parameter ?? ''))) return bad('START_PARAM_INVALID')
  return { result: true }
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
