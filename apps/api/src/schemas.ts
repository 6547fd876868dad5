import { z } from '@hono/zod-openapi'
import { MAX_QUESTION_LENGTH } from '@report-qa/core'

/**
 * Request and response schemas: they validate input and generate /openapi.json, so the document
 * cannot drift from the routes. Validation messages are error codes (see validation-error.ts).
 */

const question = z
  .string({ error: (issue) => (issue.input === undefined ? 'MISSING_QUESTION' : 'INVALID_QUESTION') })
  .trim()
  .min(1, { error: 'MISSING_QUESTION' })
  .max(MAX_QUESTION_LENGTH, { error: 'QUESTION_TOO_LONG' })
  .openapi({ description: `The question, 1-${MAX_QUESTION_LENGTH} characters`, example: '牛塘镇上半年固定资产投资多少' })

const limitRange = { error: 'INVALID_LIMIT' } as const
const limitDoc = { description: 'Citations or results to return, 1-10', example: 3 }

export const AskQuery = z.object({
  q: question,
  limit: z.coerce.number(limitRange).int(limitRange).min(1, limitRange).max(10, limitRange).optional().openapi(limitDoc),
})

export const AskBody = z
  .object({
    q: question,
    limit: z.number(limitRange).int(limitRange).min(1, limitRange).max(10, limitRange).optional().openapi(limitDoc),
  })
  .openapi('AskRequest')

export const ReportIdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: '3f2a9c1d0b-1' }),
})

const UploadName = z.object({
  name: z.string().optional().openapi({ description: 'File name (.txt or .docx) when the body is the raw file' }),
})
export const UploadQuery = UploadName

export const ErrorBody = z
  .object({ error: z.object({ code: z.string().openapi({ example: 'MISSING_QUESTION' }), message: z.string() }) })
  .openapi('Error')

const Quote = z.object({ text: z.string(), start: z.number().int(), end: z.number().int() })
const Part = z.enum(['review', 'plan', 'other'])
const PlaceLevel = z.enum(['township', 'county', 'city', 'province', 'national'])

export const Citation = z
  .object({
    reportId: z.string(),
    source: z.string().openapi({ description: 'File name relative to the reports folder' }),
    place: z.string().nullable(),
    title: z.string(),
    date: z.string().nullable(),
    period: z.string().nullable(),
    section: z.string().nullable(),
    sectionPath: z.array(z.string()),
    part: Part,
    paragraph: z.number().int().openapi({ description: "The paragraph's ordinal in its report" }),
    text: z.string().openapi({ description: 'The whole cited paragraph' }),
    quote: Quote.openapi({ description: 'The clause that holds the figure, at start..end of text' }),
    score: z.number(),
  })
  .openapi('Citation')

export const Answer = z
  .object({
    question: z.string(),
    found: z.boolean(),
    answer: z.string().nullable(),
    reason: z.string().optional().openapi({ description: 'Why nothing was found, in Chinese (found: false)' }),
    understood: z.object({
      place: z.string().nullable(),
      year: z.number().int().nullable(),
      period: z.string().nullable(),
      indicator: z.string().nullable(),
      target: z.boolean(),
      terms: z.array(z.string()),
    }),
    citations: z.array(Citation),
    related: z.array(Citation).optional().openapi({ description: 'Nearby paragraphs when not found; never evidence' }),
    tookMs: z.number(),
  })
  .openapi('Answer')

export const SearchResult = z
  .object({ query: z.string(), results: z.array(Citation), tookMs: z.number() })
  .openapi('SearchResult')

/** What a report and its summary share. */
const ReportMeta = z.object({
  id: z.string(),
  source: z.string().openapi({ description: 'File name relative to the reports folder' }),
  place: z.string().nullable(),
  level: PlaceLevel.nullable(),
  year: z.number().int().nullable().openapi({ description: 'Year the report was delivered' }),
  date: z.string().nullable(),
  title: z.string(),
})

export const ReportSummary = ReportMeta.extend({
  period: z.string().nullable(),
  paragraphs: z.number().int().openapi({ description: 'Number of paragraphs' }),
}).openapi('ReportSummary')

const FailedFile = z
  .object({ source: z.string(), reason: z.string().openapi({ description: 'Why the file holds no readable report' }) })
  .openapi('FailedFile')

export const ReportList = z
  .object({
    reports: z.array(ReportSummary),
    failed: z.array(FailedFile).openapi({ description: 'Files of the reports folder that could not be read, with the reason' }),
  })
  .openapi('ReportList')

export const Report = ReportMeta.extend({
  period: z
    .object({
      year: z.number().int(),
      kind: z.enum(['year', 'half', 'months']),
      throughMonth: z.number().int(),
      label: z.string(),
    })
    .nullable(),
  speaker: z.string().nullable(),
  sections: z.array(z.string()),
  paragraphs: z.array(z.object({ ordinal: z.number().int(), text: z.string(), sectionPath: z.array(z.string()), part: Part })),
}).openapi('Report')

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']).openapi({
      description:
        'ok only when the last index save succeeded and the worker is alive; degraded (503) otherwise, while /ask keeps answering',
    }),
    reason: z.string().optional().openapi({ description: 'Why the service is degraded' }),
    reports: z.number().int(),
    paragraphs: z.number().int(),
    sources: z.number().int(),
    version: z.number().int().openapi({ description: 'Index artifact format version' }),
    builtAt: z.string().openapi({ description: 'ISO time of the last change to the index' }),
    failed: z.number().int().openapi({ description: 'Files that could not be read (GET /reports lists them)' }),
    versions: z.object({
      service: z.string().openapi({ description: 'The release, as in /openapi.json' }),
      node: z.string(),
    }),
  })
  .openapi('Health')

const UploadedReport = z.object({
  id: z.string(),
  place: z.string().nullable(),
  period: z.string().nullable(),
  title: z.string(),
})

export const UploadResult = z
  .object({
    status: z.enum(['indexed', 'pending']).openapi({ description: 'indexed: answerable now; pending: stored, not yet indexed' }),
    source: z.string(),
    hash: z.string(),
    replaced: z.boolean().openapi({ description: 'A file of that name was there before' }),
    reports: z.array(UploadedReport),
  })
  .openapi('UploadResult')

export const ReindexResult = z
  .object({
    added: z.array(z.string()),
    updated: z.array(z.string()),
    removed: z.array(z.string()),
    failed: z.array(z.object({ source: z.string(), error: z.string() })),
    parsed: z.number().int(),
    reports: z.number().int(),
    paragraphs: z.number().int(),
  })
  .openapi('ReindexResult')

/** A JSON response in a route definition. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, json(ErrorBody, ERROR_DESCRIPTIONS[status] ?? 'Error')]))
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input',
  401: 'Wrong admin token',
  403: 'No admin token is configured',
  404: 'Not found',
  413: 'Body too large, or a file over the limits a report is read within',
  415: 'Wrong content type',
  422: 'The file holds no report',
  429: 'Too many requests from this client: wait Retry-After seconds',
  503: 'The index worker is not running, or part of the index is being rebuilt (Retry-After)',
  504: 'Took too long',
}
