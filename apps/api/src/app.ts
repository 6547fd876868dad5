import { OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { timeout } from 'hono/timeout'
import type { AppDeps, AppEnv } from './context.ts'
import { ApiError, errorResponse } from './errors.ts'
import { answerOtherMethods } from './middleware/method-not-allowed.ts'
import { rateLimit } from './middleware/rate-limit.ts'
import { requestLog } from './middleware/request-log.ts'
import { adminRoutes } from './routes/admin.ts'
import { askRoutes } from './routes/ask.ts'
import { factRoutes } from './routes/facts.ts'
import { pageRoutes } from './routes/page.ts'
import { reportRoutes } from './routes/reports.ts'

export type { AppDeps, IndexHandle } from './context.ts'

export const OPENAPI_PATH = '/openapi.json'

/** The HTTP API and its page, over a live index. Everything it needs arrives in `deps`. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>()

  app.use(requestId())
  app.use(requestLog(deps.logger))
  app.use(noSniff)
  app.use(deadline(deps.requestTimeoutMs ?? 15_000, deps.adminTimeoutMs ?? 120_000))
  app.use(corsForReads())
  if (deps.rateLimit) {
    const limited = rateLimit(deps.rateLimit, deps.trustProxy)
    app.use('/ask', limited)
    app.use('/search', limited)
  }

  app.route('/', pageRoutes())
  app.route('/', askRoutes(deps))
  app.route('/', factRoutes(deps))
  app.route('/', reportRoutes(deps))
  app.route('/', adminRoutes(deps))
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'report-qa',
      version: deps.version ?? '0.0.0',
      description: 'Answers Chinese questions about government work reports with the exact figure and the cited paragraph.',
    },
  })
  answerOtherMethods(app)

  app.notFound(() => {
    throw new ApiError(404, 'NOT_FOUND', 'no such route; see /openapi.json')
  })
  app.onError((error, c) => errorResponse(error, c, deps.logger, () => deps.writer?.repair()))
  return app
}

/** Every response says its Content-Type is meant: a browser never sniffs JSON into something else. */
const noSniff: MiddlewareHandler<AppEnv> = (c, next) => {
  c.header('X-Content-Type-Options', 'nosniff')
  return next()
}

/** No request runs forever: 504 after `ms`, or `adminMs` for uploads and reindexing (which parse files). */
function deadline(ms: number, adminMs: number): MiddlewareHandler<AppEnv> {
  const tooLong = () => new ApiError(504, 'TIMEOUT', 'the request took too long')
  const normal = timeout(ms, tooLong)
  const admin = timeout(adminMs, tooLong)
  return (c, next) => {
    const isAdmin = c.req.method === 'POST' && (c.req.path === '/reports' || c.req.path.startsWith('/admin/'))
    return (isAdmin ? admin : normal)(c, next)
  }
}

/**
 * CORS for the read-only routes: any origin may GET; writes get no CORS headers. A GET's headers
 * are set with `c.header` before the route runs: hono's `cors` sets them on `c.res`, which makes
 * Hono copy the route's response into a new one and @hono/node-server then stream its body (about
 * 30% of a warm /ask's time, measured); it still answers the preflight.
 */
function corsForReads(): MiddlewareHandler<AppEnv> {
  const preflight = cors({ origin: '*', allowMethods: ['GET', 'HEAD'], exposeHeaders: ['X-Request-Id'] })
  return (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next)
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      c.header('Access-Control-Allow-Origin', '*')
      c.header('Access-Control-Expose-Headers', 'X-Request-Id')
    }
    return next()
  }
}
