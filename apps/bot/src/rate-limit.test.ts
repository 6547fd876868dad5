import { describe, expect, it } from 'vitest'
import { RateLimit } from './rate-limit.ts'

describe('RateLimit', () => {
  it('lets 20 questions a minute through, refuses the 21st with when to ask again, and says so once', () => {
    let now = 0
    const limit = new RateLimit({ now: () => now })
    for (let k = 0; k < 20; k++) {
      expect(limit.take(7)).toEqual({ ok: true })
      now += 1000
    }
    // The first question was at 0 s: it leaves the window at 60 s, 40 s from now.
    expect(limit.take(7)).toEqual({ ok: false, retryInSeconds: 40, notify: true })
    now += 10_000
    expect(limit.take(7)).toEqual({ ok: false, retryInSeconds: 30, notify: false })
    // Another user is not affected.
    expect(limit.take(8)).toEqual({ ok: true })
    now = 60_000
    expect(limit.take(7)).toEqual({ ok: true })
    expect(limit.take(7)).toEqual({ ok: false, retryInSeconds: 1, notify: true })
  })

  it('counts over a sliding window, not a calendar minute', () => {
    let now = 0
    const limit = new RateLimit({ limit: 2, windowMs: 60_000, now: () => now })
    now = 59_000
    expect(limit.take(1).ok).toBe(true)
    expect(limit.take(1).ok).toBe(true)
    now = 61_000 // a new calendar minute, but both questions are within the last 60 s
    expect(limit.take(1).ok).toBe(false)
    now = 119_000
    expect(limit.take(1).ok).toBe(true)
  })
})
