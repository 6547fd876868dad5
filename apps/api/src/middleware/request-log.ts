import type { Logger } from '@report-qa/core'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.ts'

/** One log line per request: method, path, status, ms, request id, and a question's length (never its text). */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const questionLength = c.get('questionLength')
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.get('requestId'),
      ...(questionLength === undefined ? {} : { questionLength }),
    })
  }
}
