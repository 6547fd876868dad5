import { createRoute } from '@hono/zod-openapi'
import { ask, search } from '@report-qa/core'
import type { AppDeps } from '../context.ts'
import { jsonBody, MB } from '../middleware/body.ts'
import { createRouter } from '../router.ts'
import { Answer, AskBody, AskQuery, errors, json, SearchResult } from '../schemas.ts'

const answered = json(Answer, 'The answer, or found: false with the reason (not an error)')

const getAsk = createRoute({
  method: 'get',
  path: '/ask',
  tags: ['answers'],
  summary: 'Answer a question with the figure and the cited paragraph (no context: POST /ask takes one)',
  request: { query: AskQuery },
  responses: { 200: answered, ...errors(400) },
})

const postAsk = createRoute({
  method: 'post',
  path: '/ask',
  tags: ['answers'],
  summary: "Answer a question sent as JSON; with the previous answer's `context`, a follow-up",
  middleware: jsonBody(MB),
  request: { body: { required: true, content: { 'application/json': { schema: AskBody } } } },
  responses: { 200: answered, ...errors(400, 413, 415) },
})

const getSearch = createRoute({
  method: 'get',
  path: '/search',
  tags: ['answers'],
  summary: 'Ranked paragraphs for a query, each quoting its best clause',
  request: { query: AskQuery },
  responses: { 200: json(SearchResult, 'Ranked paragraphs'), ...errors(400) },
})

export function askRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getAsk, (c) => {
      const { q, limit } = c.req.valid('query')
      c.set('questionLength', q.length)
      return c.json(ask(deps.index.current, q, { limit }), 200)
    })
    .openapi(postAsk, (c) => {
      const { q, limit, context } = c.req.valid('json')
      c.set('questionLength', q.length)
      return c.json(ask(deps.index.current, q, { limit, context: context ?? undefined }), 200)
    })
    .openapi(getSearch, (c) => {
      const { q, limit } = c.req.valid('query')
      c.set('questionLength', q.length)
      const started = performance.now()
      const results = search(deps.index.current, q, limit ?? 10)
      return c.json({ query: q, results, tookMs: Math.round((performance.now() - started) * 100) / 100 }, 200)
    })
}
