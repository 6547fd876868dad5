import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

/** Requests a client may make per minute, in bursts of up to as many. */
export interface RateLimit {
  perMinute: number
}

/** Clients remembered at most; the ones idle longest are forgotten first (a full bucket is no loss). */
const MAX_CLIENTS = 100_000

/**
 * A token bucket per client: `perMinute` tokens, refilled evenly over a minute; a request takes
 * one. With none left: 429 RATE_LIMITED and Retry-After, the seconds until the next token. The
 * client is the socket's address, or with `trustProxy` the last address in X-Forwarded-For (what
 * the proxy in front saw). This machine itself (loopback: health checks, local tools) is not
 * limited unless `trustProxy` says a proxy here forwards others. Each API process keeps its own buckets.
 */
export function rateLimit(limit: RateLimit, trustProxy = false): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const perMs = limit.perMinute / 60_000
  return async (c, next) => {
    const client = clientOf(c, trustProxy)
    if (!trustProxy && LOOPBACK.test(client)) return next()
    const now = Date.now()
    const previous = buckets.get(client)
    const bucket = previous ?? { tokens: limit.perMinute, at: now }
    bucket.tokens = Math.min(limit.perMinute, bucket.tokens + (now - bucket.at) * perMs)
    bucket.at = now
    buckets.delete(client) // re-inserted last: the map is in order of last use
    buckets.set(client, bucket)
    if (buckets.size > MAX_CLIENTS) buckets.delete(buckets.keys().next().value!)
    if (bucket.tokens < 1) {
      const seconds = Math.ceil((1 - bucket.tokens) / perMs / 1000)
      throw new ApiError(
        429,
        'RATE_LIMITED',
        `too many requests: at most ${limit.perMinute} a minute; try again in ${seconds} s`,
        {
          headers: { 'Retry-After': String(seconds) },
        },
      )
    }
    bucket.tokens -= 1
    await next()
  }
}

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/

function clientOf(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // not served over a socket (app.request in tests)
  }
}
