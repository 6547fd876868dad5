import type { Logger } from '@report-qa/core'
import { TelegramError } from 'telegraf'

export interface OutboxOptions {
  logger: Logger
  /** Least time between two messages to one chat; Telegram asks for about one a second. */
  perChatMs?: number
  /** Messages a second over all chats; Telegram allows about 30. */
  perSecond?: number
  /** Messages waiting for one chat beyond which new ones are dropped (and logged). */
  maxQueued?: number
  /** Times a call answered with 429 is tried again after its `retry_after`. */
  maxRetries?: number
}

interface ChatQueue {
  tail: Promise<void>
  queued: number
  lastAt: number
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * The one way the bot sends: calls for a chat run in order, one per `perChatMs`, and no more than
 * `perSecond` overall. A 429 is tried again after the `retry_after` Telegram gives; any other
 * failure is logged and dropped, so the bot keeps running.
 */
export class Outbox {
  private readonly chats = new Map<string, ChatQueue>()
  /** When the calls of the last second were made, oldest first. */
  private recent: number[] = []
  private pending = new Set<Promise<void>>()
  private readonly perChatMs: number
  private readonly perSecond: number
  private readonly maxQueued: number
  private readonly maxRetries: number
  private readonly logger: Logger

  constructor(options: OutboxOptions) {
    this.logger = options.logger
    this.perChatMs = options.perChatMs ?? 1000
    this.perSecond = options.perSecond ?? 30
    this.maxQueued = options.maxQueued ?? 20
    this.maxRetries = options.maxRetries ?? 3
  }

  /** Queues `call` for `chatId`; resolves when it was made (or given up, which is logged). */
  send(chatId: number | string, method: string, call: () => Promise<unknown>): Promise<void> {
    const key = String(chatId)
    const chat = this.chats.get(key) ?? { tail: Promise.resolve(), queued: 0, lastAt: 0 }
    if (chat.queued >= this.maxQueued) {
      this.logger.warn('dropped a message: too many waiting for this chat', { chat: key, method })
      return Promise.resolve()
    }
    chat.queued++
    const done = chat.tail.then(() => this.deliver(chat, key, method, call))
    chat.tail = done
    this.chats.set(key, chat)
    this.pending.add(done)
    void done.finally(() => {
      this.pending.delete(done)
      chat.queued--
      if (chat.queued === 0 && this.chats.get(key) === chat) setTimeout(() => this.forget(key, chat), this.perChatMs).unref()
    })
    return done
  }

  /** Resolves when every queued call was made or given up, or after `timeoutMs`. */
  async idle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.pending.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.pending]), sleep(deadline - Date.now())])
    }
  }

  private forget(key: string, chat: ChatQueue): void {
    if (chat.queued === 0 && this.chats.get(key) === chat) this.chats.delete(key)
  }

  private async deliver(chat: ChatQueue, key: string, method: string, call: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await this.wait(chat)
      try {
        await call()
        return
      } catch (error) {
        const retryAfter = error instanceof TelegramError && error.code === 429 ? (error.parameters?.retry_after ?? 1) : null
        if (retryAfter !== null && attempt < this.maxRetries) {
          this.logger.warn('Telegram asked to slow down; retrying', { chat: key, method, retryAfter })
          chat.lastAt = Date.now() + retryAfter * 1000 - this.perChatMs
          continue
        }
        this.logger.error('a message could not be sent', { chat: key, method, error: describe(error) })
        return
      }
    }
  }

  /** Waits for this chat's turn, then for room in the last second's overall budget. */
  private async wait(chat: ChatQueue): Promise<void> {
    const turn = chat.lastAt + this.perChatMs - Date.now()
    if (turn > 0) await sleep(turn)
    for (;;) {
      const now = Date.now()
      while (this.recent.length > 0 && (this.recent[0] ?? 0) <= now - 1000) this.recent.shift()
      if (this.recent.length < this.perSecond) {
        this.recent.push(now)
        chat.lastAt = now
        return
      }
      await sleep((this.recent[0] ?? now) + 1000 - now)
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
