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

const PlaceLevel = z.enum(['township', 'county', 'city', 'province', 'national'], { error: 'INVALID_LEVEL' })
const AskedMeasure = z.enum(['value', 'growth', 'avg-growth', 'share', 'change', 'total']).openapi({
  description: 'The figure asked: the level itself, its growth, a yearly average growth, a share, a change or a sum',
})
const Year = z.number().int()
const Name = z.string().max(100)

/** What a conversation is about: an answer's `context`, sent back unchanged with a follow-up. */
export const AskContext = z
  .object({
    v: z.literal(1),
    places: z.array(z.object({ key: Name, name: Name })).max(5000),
    level: PlaceLevel.nullable(),
    years: z.array(Year).max(200),
    range: z.object({ from: Year, to: Year }).nullable(),
    all: z.boolean(),
    period: Name.nullable(),
    indicator: Name.nullable(),
    qualifiers: z.array(Name).max(20).optional(),
    measure: AskedMeasure,
    measureSoft: z.boolean().optional(),
    target: z.boolean(),
  })
  .openapi('AskContext', {
    description:
      'What the conversation is about after this answer. Send it back unchanged as `context` with the next POST /ask ' +
      'to ask a follow-up (那2015年呢, 保定市呢, 增速呢); its shape may change between versions (`v`).',
  })

export const AskBody = z
  .object({
    q: question,
    limit: z.number(limitRange).int(limitRange).min(1, limitRange).max(10, limitRange).optional().openapi(limitDoc),
    context: AskContext.nullable()
      .optional()
      .openapi({ description: 'The `context` of the previous answer: `q` is then read as a follow-up to it' }),
  })
  .openapi('AskRequest')

export const ReportIdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: '3f2a9c1d0b-1' }),
})

const UploadName = z.object({
  name: z
    .string()
    .optional()
    .openapi({ description: 'File name (.txt, .docx, .pdf, .html or .htm) when the body is the raw file' }),
})
export const UploadQuery = UploadName

export const ErrorBody = z
  .object({ error: z.object({ code: z.string().openapi({ example: 'MISSING_QUESTION' }), message: z.string() }) })
  .openapi('Error')

const Quote = z.object({ text: z.string(), start: z.number().int(), end: z.number().int() })
const Part = z.enum(['review', 'plan', 'other'])
const Kind = z.enum(['work-report', 'statistical-bulletin']).openapi({
  description:
    'work-report: 政府工作报告 (delivered in year, reviews the year before); statistical-bulletin: 统计公报 (the figures of year)',
})
const Page = z.number().int().min(1)

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
    page: Page.optional().openapi({ description: 'For a PDF: the page (1-based) the quote starts on' }),
    text: z.string().openapi({ description: 'The whole cited paragraph' }),
    quote: Quote.openapi({ description: 'The clause that holds the figure, at start..end of text' }),
    score: z.number(),
  })
  .openapi('Citation')

const Understood = z
  .object({
    place: z.string().nullable().openapi({ description: 'The place answered for; for a series, the places joined by 、' }),
    year: Year.nullable(),
    period: z.string().nullable(),
    indicator: z.string().nullable(),
    target: z.boolean().openapi({ description: 'A target or plan was asked' }),
    terms: z.array(z.string()).openapi({ description: 'The words searched' }),
    measure: AskedMeasure.optional(),
    years: z.array(Year).optional().openapi({ description: 'Every year asked, for a series or a comparison' }),
    places: z.array(z.string()).optional().openapi({ description: 'Every place asked, for a series over places' }),
    followUp: z
      .array(z.string())
      .optional()
      .openapi({ description: 'Read as a follow-up: what it kept from the context (place, time, indicator, measure, target)' }),
    relative: z.string().optional().openapi({ description: 'The relative word that named the year (去年, 明年)' }),
    placeInferred: z.boolean().optional().openapi({ description: 'No place was named; `place` was inferred' }),
  })
  .openapi('Understood')

export const SeriesPoint = z
  .object({
    place: z.string(),
    year: Year,
    period: z.string().nullable(),
    figure: z.string().openapi({ description: 'As the report writes it', example: '303.6亿元' }),
    value: z.number().openapi({ description: 'In `unit`, converted within its family so that the points compare' }),
    unit: z.string(),
    citation: Citation.openapi({ description: 'The paragraph this figure comes from; its quote holds the figure' }),
  })
  .openapi('SeriesPoint')

export const Answer = z
  .object({
    question: z.string(),
    found: z.boolean(),
    answer: z.string().nullable(),
    reason: z.string().optional().openapi({ description: 'Why nothing was found, in Chinese (found: false)' }),
    understood: Understood,
    citations: z
      .array(Citation)
      .openapi({ description: "The evidence, first the best; for a series, each point's citation in order" }),
    related: z.array(Citation).optional().openapi({ description: 'Nearby paragraphs when not found; never evidence' }),
    series: z
      .array(SeriesPoint)
      .optional()
      .openapi({ description: 'A question over several years or places: one point per figure found' }),
    missing: z
      .array(z.object({ place: z.string(), year: Year.nullable() }))
      .optional()
      .openapi({ description: 'For a series: each year or place asked that no report gives (never interpolated)' }),
    context: AskContext,
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
  kind: Kind,
  place: z.string().nullable(),
  level: PlaceLevel.nullable(),
  year: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Year the report was delivered; for a statistical bulletin, the year its title names' }),
  date: z.string().nullable(),
  title: z.string(),
})

export const ReportSummary = ReportMeta.extend({
  period: z.string().nullable(),
  paragraphs: z.number().int().openapi({ description: 'Number of paragraphs' }),
}).openapi('ReportSummary')

const FailedFile = z.object({
  source: z.string().openapi({ description: 'File name relative to the reports folder' }),
  reason: z.string().openapi({ description: 'Why it is not indexed', example: '扫描件，没有文字层' }),
})

export const ReportList = z
  .object({
    reports: z.array(ReportSummary),
    failed: z.array(FailedFile).openapi({ description: 'Files in the reports folder that hold no readable report' }),
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
  paragraphs: z.array(
    z.object({
      ordinal: z.number().int(),
      text: z.string(),
      sectionPath: z.array(z.string()),
      part: Part,
      page: Page.optional().openapi({ description: 'For a PDF: the page the paragraph starts on' }),
      pageBreaks: z
        .array(z.number().int())
        .optional()
        .openapi({ description: 'For a PDF paragraph over pages: offsets in text where the next pages begin' }),
    }),
  ),
}).openapi('Report')

export const Health = z
  .object({
    status: z.literal('ok'),
    reports: z.number().int(),
    paragraphs: z.number().int(),
    sources: z.number().int(),
    version: z.number().int().openapi({ description: 'Index artifact format version' }),
    builtAt: z.string().openapi({ description: 'ISO time of the last change to the index' }),
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

/** An empty query parameter (?place=&indicator=地区生产总值, as a form sends it) is no filter. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

const queryYear = z.coerce
  .number({ error: 'INVALID_YEAR' })
  .int({ error: 'INVALID_YEAR' })
  .min(1949, { error: 'INVALID_YEAR' })
  .max(2100, { error: 'INVALID_YEAR' })
const filterText = z.string().trim().max(100)

export const FactsQuery = z
  .object({
    place: optional(filterText).openapi({ description: "A place's name or short form", example: '海拉尔区' }),
    indicator: optional(filterText).openapi({
      description: 'An indicator, by its name or a synonym (GDP, 财政收入)',
      example: '地区生产总值',
    }),
    from: optional(queryYear).openapi({ description: 'First year, inclusive', example: 2012 }),
    to: optional(queryYear).openapi({ description: 'Last year, inclusive', example: 2018 }),
    level: optional(PlaceLevel).openapi({ description: 'Only places of this level' }),
    format: z
      .enum(['json', 'csv'], { error: 'INVALID_FORMAT' })
      .default('json')
      .openapi({ description: 'json (default) or csv (text/csv; charset=utf-8, a header row, for spreadsheets)' }),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    error: 'INVALID_YEAR',
    path: ['from'],
  })

export const FactRow = z
  .object({
    place: z.string(),
    parent: z.string().nullable().openapi({ description: 'The unit above the place (保定市 for 满城区)' }),
    level: PlaceLevel.nullable(),
    year: Year.nullable().openapi({ description: 'The year the figure is for' }),
    period: z.string().nullable(),
    indicator: z.string().openapi({ description: 'Canonical indicator name' }),
    kind: z.enum(['amount', 'rate', 'count', 'target']),
    measure: AskedMeasure,
    figure: z.string().openapi({ description: 'As the report writes it', example: '303.6亿元' }),
    value: z.number(),
    unit: z.string(),
    source: z.string().openapi({ description: 'File name relative to the reports folder' }),
    reportId: z.string(),
    page: Page.nullable().openapi({ description: 'For a PDF: the page the figure is on' }),
    paragraph: z.number().int().openapi({ description: "The paragraph's ordinal in its report" }),
    quote: z.string().openapi({ description: 'The clause that holds the figure' }),
  })
  .openapi('Fact')

export const FactList = z.object({ count: z.number().int(), facts: z.array(FactRow) }).openapi('FactList')

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
  413: 'Body too large',
  415: 'Wrong content type',
  422: 'The file holds no report',
  504: 'Took too long',
}
