export interface RateLimitOptions {
  /** Questions a user may ask in any `windowMs`: 20. */
  limit?: number
  /** 60 seconds. */
  windowMs?: number
  /** The clock (ms), injectable for tests. */
  now?: () => number
}

/** Whether a question may be answered; when not, in how many seconds it may, and whether to say so. */
export type Admission = { ok: true } | { ok: false; retryInSeconds: number; notify: boolean }

interface Window {
  /** When the questions of the last `windowMs` were taken, oldest first. */
  times: number[]
  /** A refusal was already sent for the current run of refused questions. */
  notified: boolean
}

/**
 * A sliding window per user: at most `limit` questions in any `windowMs`. The first question over
 * the limit is told when to ask again (`notify`); the ones after it until the window frees are
 * dropped quietly, so that a flood is not answered with a flood of refusals.
 */
export class RateLimit {
  private readonly users = new Map<number, Window>()
  private readonly limit: number
  private readonly windowMs: number
  private readonly now: () => number
  private sweptAt = 0

  constructor(options: RateLimitOptions = {}) {
    this.limit = options.limit ?? 20
    this.windowMs = options.windowMs ?? 60_000
    this.now = options.now ?? Date.now
  }

  take(userId: number): Admission {
    const now = this.now()
    const user = this.users.get(userId) ?? { times: [], notified: false }
    this.users.set(userId, user)
    while (user.times.length > 0 && (user.times[0] ?? 0) <= now - this.windowMs) user.times.shift()
    if (user.times.length < this.limit) {
      user.times.push(now)
      user.notified = false
      this.sweep(now)
      return { ok: true }
    }
    const retryInSeconds = Math.max(1, Math.ceil(((user.times[0] ?? now) + this.windowMs - now) / 1000))
    const notify = !user.notified
    user.notified = true
    return { ok: false, retryInSeconds, notify }
  }

  /** Once a window, users with no question inside it are dropped, to bound the map. */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.windowMs) return
    this.sweptAt = now
    for (const [id, user] of this.users) if ((user.times.at(-1) ?? 0) <= now - this.windowMs) this.users.delete(id)
  }
}
