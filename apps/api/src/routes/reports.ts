import { createRoute } from '@hono/zod-openapi'
import type { AppDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { health } from '../health.ts'
import { createRouter } from '../router.ts'
import { isUnsafeName } from '../safe-name.ts'
import { errors, Health, json, Report, ReportIdParams, ReportList } from '../schemas.ts'

const listReports = createRoute({
  method: 'get',
  path: '/reports',
  tags: ['reports'],
  summary:
    'Every indexed report (id, source, kind, place, level, year, period, title, paragraph count) and the files that failed, with why',
  responses: { 200: json(ReportList, 'The reports, by place and year; the files that failed') },
})

const getReport = createRoute({
  method: 'get',
  path: '/reports/{id}',
  tags: ['reports'],
  summary: 'One report: metadata, sections and paragraphs',
  request: { params: ReportIdParams },
  responses: { 200: json(Report, 'The report'), ...errors(400, 404) },
})

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['service'],
  summary: 'Status, reports and paragraphs indexed, index version and build time, versions',
  responses: {
    200: json(Health, 'The service is up'),
    503: json(Health, 'Degraded: answering, but the index cannot be kept current'),
  },
})

export function reportRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listReports, (c) => c.json({ reports: deps.index.current.summaries(), failed: deps.index.current.failures() }, 200))
    .openapi(getReport, (c) => {
      const { id } = c.req.valid('param')
      if (isUnsafeName(id)) throw new ApiError(400, 'INVALID_ID', 'a report id cannot hold "..", "/", "\\" or NUL')
      const report = deps.index.current.report(id)
      if (!report) throw new ApiError(404, 'REPORT_NOT_FOUND', 'no report has that id; GET /reports lists them')
      return c.json(report, 200)
    })
    .openapi(healthRoute, (c) => {
      const body = health(deps)
      return body.status === 'ok' ? c.json(body, 200) : c.json(body, 503)
    })
}
