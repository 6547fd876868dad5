import type { AskContext } from '@report-qa/core'

export interface ConversationOptions {
  /** Idle time after which a conversation is forgotten: 30 minutes. */
  idleMs?: number
  /** Conversations kept at most; the one idle longest is forgotten first. */
  capacity?: number
  /** The clock (ms), injectable for tests. */
  now?: () => number
}

/** What a question continues: the last answer's context, or why there is none. */
export type Turn = { context: AskContext } | { context: undefined; expired: boolean }

interface Entry {
  context: AskContext
  at: number
}

/**
 * The last answer's `context` of each conversation, so that 增速呢 or 那2017年呢 continues it. A
 * conversation is a private chat, or one person inside a group (two colleagues asking in one
 * group do not continue each other's questions). Forgotten after `idleMs` without a question, on
 * /reset, or when `capacity` is reached (least recently used first).
 */
export class Conversations {
  private readonly entries = new Map<string, Entry>()
  private readonly idleMs: number
  private readonly capacity: number
  private readonly now: () => number

  constructor(options: ConversationOptions = {}) {
    this.idleMs = options.idleMs ?? 30 * 60_000
    this.capacity = options.capacity ?? 10_000
    this.now = options.now ?? Date.now
  }

  /** The conversation of `userId` in `chat`: the chat itself when private, chat and user in a group. */
  static key(chat: { id: number; type: string }, userId: number | undefined): string {
    return chat.type === 'private' || userId === undefined ? String(chat.id) : `${chat.id}:${userId}`
  }

  /** The context a new question continues; `expired` when there was one, idle too long. */
  turn(key: string): Turn {
    const entry = this.entries.get(key)
    if (!entry) return { context: undefined, expired: false }
    if (this.now() - entry.at < this.idleMs) return { context: entry.context }
    this.entries.delete(key)
    return { context: undefined, expired: true }
  }

  /** Remembers the context of the answer just given (entries stay in the order of their `at`). */
  remember(key: string, context: AskContext): void {
    this.entries.delete(key)
    this.entries.set(key, { context, at: this.now() })
    this.prune()
  }

  /** Forgets a conversation (/reset); true when there was one. */
  forget(key: string): boolean {
    const entry = this.entries.get(key)
    this.entries.delete(key)
    return entry !== undefined && this.now() - entry.at < this.idleMs
  }

  get size(): number {
    return this.entries.size
  }

  /** Drops expired conversations from the oldest end, then any beyond capacity. */
  private prune(): void {
    const now = this.now()
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity && now - entry.at < this.idleMs) break
      this.entries.delete(key)
    }
  }
}
