import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppDeps, AppEnv, IndexHandle } from '../context.ts'
import { ApiError, type ErrorCode } from '../errors.ts'
import { adminAuth } from '../middleware/admin-auth.ts'
import { limitBody, MB, requireContentType } from '../middleware/body.ts'
import { createRouter } from '../router.ts'
import { errors, json, ReindexResult, UploadQuery, UploadResult } from '../schemas.ts'
import { safeFileName } from '../file-name.ts'
import { WriterError, WriterUnavailableError, type StoredUpload, type WriterClient } from '../writer-client.ts'

export const MAX_UPLOAD_BYTES = 20 * MB
const RAW_TYPES = ['application/octet-stream', 'text/plain']
const binary = { type: 'string', format: 'binary' } as const
const bearer = [{ bearer: [] }]

const uploadRoute = (token: string | undefined) =>
  createRoute({
    method: 'post',
    path: '/reports',
    tags: ['admin'],
    summary: 'Upload one report file (.txt UTF-8/GBK, .docx, .pdf, .html/.htm); answers once it is answerable',
    description:
      'Send multipart/form-data with the file in field `file`, or the raw file as the body with `?name=`. ' +
      'The index worker checks that it reads as a report within its limits (a .docx that unpacks to too much: 413), ' +
      'stores it and reindexes. Answers 200 once the index holds the report, or 202 (status pending) if that takes longer than the wait.',
    security: bearer,
    middleware: [adminAuth(token), requireContentType('multipart/form-data', ...RAW_TYPES), limitBody(MAX_UPLOAD_BYTES)],
    request: {
      query: UploadQuery,
      body: {
        required: true,
        content: {
          'multipart/form-data': { schema: { type: 'object', properties: { file: binary }, required: ['file'] } },
          'application/octet-stream': { schema: binary },
          'text/plain': { schema: binary },
        },
      },
    },
    responses: {
      200: json(UploadResult, 'Stored and answerable'),
      202: json(UploadResult, 'Stored; not indexed yet'),
      ...errors(400, 401, 403, 413, 415, 422, 503),
    },
  })

const reindexRoute = (token: string | undefined) =>
  createRoute({
    method: 'post',
    path: '/admin/reindex',
    tags: ['admin'],
    summary: 'Have the index worker check every place, sync with the reports folder and save the artifact',
    security: bearer,
    middleware: [adminAuth(token)],
    responses: { 200: json(ReindexResult, 'What changed'), ...errors(401, 403, 500, 503) },
  })

export function adminRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN',
  })
  return app
    .openapi(uploadRoute(deps.adminToken), async (c) => {
      const { name, bytes } = await readUpload(c, c.req.valid('query').name)
      const safe = safeFileName(name)
      const stored = await askWriter(deps.writer, (writer) => writer.upload(safe, bytes))
      deps.logger.info('report uploaded', { source: stored.source, bytes: bytes.length, replaced: stored.replaced })
      const indexed = await waitUntilIndexed(deps.index, stored, deps.uploadWaitMs ?? 10_000)
      return indexed
        ? c.json(uploadResult(deps.index, stored, 'indexed'), 200)
        : c.json(uploadResult(deps.index, stored, 'pending'), 202)
    })
    .openapi(reindexRoute(deps.adminToken), async (c) => {
      const { added, updated, removed, failed, parsed } = await askWriter(deps.writer, (writer) => writer.reindex())
      await deps.index.reload() // the artifact the worker just wrote
      const { reports, paragraphs } = deps.index.current.stats()
      return c.json({ added, updated, removed, failed, parsed, reports, paragraphs }, 200)
    })
}

/** Runs a request to the writer, its failures as the API's errors. */
async function askWriter<T>(writer: WriterClient | undefined, run: (writer: WriterClient) => Promise<T>): Promise<T> {
  if (!writer) throw new ApiError(503, 'WRITER_UNAVAILABLE', 'this API has no index worker to write the index')
  try {
    return await run(writer)
  } catch (error) {
    if (error instanceof WriterError) {
      const status = ([413, 422, 500].includes(error.status) ? error.status : 503) as 413 | 422 | 500 | 503
      throw new ApiError(status, error.code as ErrorCode, error.message, { cause: error })
    }
    if (error instanceof WriterUnavailableError)
      throw new ApiError(503, 'WRITER_UNAVAILABLE', `${error.message}; try again once it runs`)
    throw error
  }
}

async function readUpload(c: Context<AppEnv>, queryName: string | undefined): Promise<{ name: string; bytes: Uint8Array }> {
  const media = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (RAW_TYPES.includes(media)) {
    if (!queryName) throw new ApiError(400, 'INVALID_FILE_NAME', 'a raw upload needs ?name=<file name>')
    return { name: queryName, bytes: new Uint8Array(await c.req.arrayBuffer()) }
  }
  let file: unknown
  try {
    file = (await c.req.parseBody())['file']
  } catch (cause) {
    throw new ApiError(400, 'INVALID_REQUEST', 'the multipart body cannot be read', { cause })
  }
  if (!(file instanceof File)) throw new ApiError(400, 'MISSING_FILE', 'send the report in the multipart field "file"')
  return { name: queryName ?? file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
}

/** Polls the live index until it holds this source with this content hash, or the wait ends. */
async function waitUntilIndexed(index: IndexHandle, stored: StoredUpload, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs
  while (index.current.sources.get(stored.source)?.hash !== stored.hash) {
    const left = deadline - Date.now()
    if (left <= 0) return false
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, left)))
  }
  return true
}

function uploadResult(index: IndexHandle, stored: StoredUpload, status: 'indexed' | 'pending') {
  const ids = index.current.sources.get(stored.source)?.reportIds
  const reports = status === 'indexed' && ids ? ids.flatMap((id) => index.current.reports.get(id) ?? []) : stored.reports
  return {
    status,
    source: stored.source,
    hash: stored.hash,
    replaced: stored.replaced,
    reports: reports.map((report) => ({
      id: report.id,
      place: report.place,
      period: report.period?.label ?? null,
      title: report.title,
    })),
  }
}
