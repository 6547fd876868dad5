import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { PAGE_CSP, renderPage } from '../page/page.ts'

/** The page for people at `/` (not part of the OpenAPI document). */
export function pageRoutes() {
  const html = renderPage()
  return new Hono<AppEnv>().get('/', (c) =>
    c.html(html, 200, {
      'Content-Security-Policy': PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    }),
  )
}
