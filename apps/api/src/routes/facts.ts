import { createRoute } from '@hono/zod-openapi'
import { canonicalize, factsCsv, listFacts } from '@report-qa/core'
import type { AppDeps } from '../context.ts'
import { ApiError } from '../errors.ts'
import { createRouter } from '../router.ts'
import { errors, FactList, FactsQuery } from '../schemas.ts'

/**
 * Most facts one response holds. Serializing is what costs (about 30 µs a fact as JSON, measured
 * over the shared corpus) and it blocks the server while it runs, so a question for a province's
 * every figure is refused with a way to narrow it rather than answered in minutes.
 */
export const MAX_FACTS = 50_000

const getFacts = createRoute({
  method: 'get',
  path: '/facts',
  tags: ['answers'],
  summary: 'Every figure the index extracted, filtered by place, indicator, years and level; as JSON or CSV',
  description:
    'Each fact is a figure of a report with the place and year it is for, its indicator, kind, value and unit, and the ' +
    'clause it comes from. `format=csv` answers text/csv (UTF-8 with a byte order mark, so that spreadsheets read the ' +
    `Chinese; a header row; RFC 4180 quoting). More than ${MAX_FACTS.toLocaleString('en')} facts are refused (400 ` +
    'TOO_MANY_FACTS): narrow by place, indicator, level or years, or use `pnpm facts`.',
  request: { query: FactsQuery },
  responses: {
    200: {
      description: 'The facts, by place, year and paragraph',
      content: {
        'application/json': { schema: FactList },
        'text/csv': { schema: { type: 'string', example: 'place,parent,level,year,…\r\n海拉尔区,呼伦贝尔市,county,2016,…' } },
      },
    },
    ...errors(400),
  },
})

export function factRoutes(deps: AppDeps) {
  return createRouter().openapi(getFacts, (c) => {
    const { format, indicator, ...filter } = c.req.valid('query')
    // 国内生产总值, GDP and 生产总值 are all 地区生产总值 in the index.
    const facts = listFacts(deps.index.current, { ...filter, ...(indicator ? { indicator: canonicalize(indicator) } : {}) })
    const max = deps.maxFacts ?? MAX_FACTS
    if (facts.length > max)
      throw new ApiError(
        400,
        'TOO_MANY_FACTS',
        `${facts.length} facts match, more than ${max} in one response: narrow by place, indicator, level, from or to (or use pnpm facts)`,
      )
    if (format === 'json') return c.json({ count: facts.length, facts }, 200)
    return c.body('\uFEFF' + factsCsv(facts), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="facts.csv"; filename*=UTF-8''${rfc5987(csvName(filter.place, indicator))}`,
    })
  })
}

/** 海拉尔区-地区生产总值.csv, or facts.csv without filters. */
function csvName(place: string | undefined, indicator: string | undefined): string {
  const parts = [place, indicator].filter(Boolean)
  return (parts.length > 0 ? parts.join('-').replace(/[\\/:*?"<>|\s]+/g, '_') : 'facts') + '.csv'
}

/** A header parameter value in UTF-8 percent-encoding (RFC 5987: also ' ( ) *). */
function rfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}
