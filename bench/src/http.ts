import { mkdtemp } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import { ask, type Logger, type ReportIndex } from '@report-qa/core'

const require = createRequire(import.meta.url)
const API_DIR = path.dirname(require.resolve('@report-qa/api/package.json'))

interface HonoLike {
  fetch: (request: Request) => Response | Promise<Response>
  get?: unknown
}
type ServeFn = (
  options: { fetch: HonoLike['fetch']; port: number; hostname: string },
  listening: (info: { port: number }) => void,
) => Server

/** Imports a package the API depends on (hono, @hono/node-server), which the bench does not. */
async function importFromApi<T>(name: string): Promise<T> {
  const dir = path.join(API_DIR, 'node_modules', name)
  const pkg = require(path.join(dir, 'package.json')) as { exports: { '.': { import: string } } }
  return (await import(pathToFileURL(path.join(dir, pkg.exports['.'].import)).href)) as T
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} }

/**
 * apps/api's createApp when it is there; otherwise a minimal Hono app with the same two routes
 * (GET /ask?q= calling core ask, GET /healthz). Either is served by @hono/node-server.
 */
async function buildApp(index: ReportIndex, indexPath: string): Promise<{ app: HonoLike; kind: string }> {
  try {
    const appModule = pathToFileURL(path.join(API_DIR, 'src', 'app.ts')).href
    const { createApp } = (await import(appModule)) as { createApp: (deps: unknown) => HonoLike }
    const reportsDir = await mkdtemp(path.join(tmpdir(), 'bench-reports-'))
    const app = createApp({ index: { current: index, reload: async () => {} }, reportsDir, indexPath, logger: quiet })
    return { app, kind: 'apps/api createApp' }
  } catch (error) {
    const { Hono } = await importFromApi<{
      Hono: new () => HonoLike & { get: (p: string, h: (c: HonoContext) => Response) => void }
    }>('hono')
    const app = new Hono()
    app.get('/healthz', (c) => c.json({ ok: true }))
    app.get('/ask', (c) => c.json(ask(index, c.req.query('q') ?? '')))
    return { app, kind: `minimal Hono app (apps/api createApp unavailable: ${(error as Error).message.split('\n')[0]})` }
  }
}

interface HonoContext {
  json: (body: unknown) => Response
  req: { query: (name: string) => string | undefined }
}

/** Listens on a free port on 127.0.0.1 with the index; returns the port. */
export async function serve(index: ReportIndex, indexPath: string): Promise<{ port: number; kind: string }> {
  const { app, kind } = await buildApp(index, indexPath)
  const { serve: honoServe } = await importFromApi<{ serve: ServeFn }>('@hono/node-server')
  const port = await new Promise<number>((resolve) =>
    honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port)),
  )
  return { port, kind }
}

export interface LoadResult {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  total: number
}

function summary(result: Result): LoadResult {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  }
}

/** autocannon with 50 connections against one path, or cycling through several. */
export async function load(port: number, paths: string[], seconds: number): Promise<LoadResult> {
  let k = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[k++ % paths.length] }) }],
  })
  return summary(result)
}
