import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

/**
 * `Authorization: Bearer <token>`: 403 when no token is configured, 401 when it is missing or
 * wrong. Compares digests in constant time, so neither the token nor its length leaks.
 */
export function adminAuth(token: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = token === undefined ? undefined : digest(token)
  return async (c, next) => {
    if (!expected) throw new ApiError(403, 'ADMIN_DISABLED', 'admin routes are disabled: no ADMIN_TOKEN is configured')
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '')
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw new ApiError(401, 'UNAUTHORIZED', 'a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      })
    }
    await next()
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
