import type { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

/**
 * Call after every route is registered: each route path then answers other methods with 405 and
 * an Allow header listing the methods it has (HEAD with GET, OPTIONS for CORS).
 */
export function answerOtherMethods(app: Hono<AppEnv>): void {
  const methods = new Map<string, Set<string>>()
  for (const route of app.routes) {
    if (route.method === 'ALL') continue
    const set = methods.get(route.path) ?? new Set<string>()
    set.add(route.method)
    if (route.method === 'GET') set.add('HEAD')
    methods.set(route.path, set)
  }
  for (const [path, allowed] of methods) {
    const allow = [...allowed, 'OPTIONS'].join(', ')
    app.all(path, (c) => {
      if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow })
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${c.req.method} is not allowed here; use ${[...allowed].join(' or ')}`, {
        headers: { Allow: allow },
      })
    })
  }
}
