import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { loadIndex, openIndex, watchIndex, writerSocketPath, type LiveIndex } from '@report-qa/core'
import { reportsDir as fixtureReports } from '@report-qa/test-fixtures'
import { chromium, type Browser, type Page } from 'playwright-core'
import { serveControl } from '@report-qa/worker/control'
import { startWorker, type Worker, type WorkerOptions } from '@report-qa/worker/worker'
import { createApp, type AppDeps } from '../src/app.ts'
import { createMemoryLogger } from '../src/logger.ts'
import { createWriterClient } from '../src/writer-client.ts'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'
export const NIUTANG = '牛塘镇上半年固定资产投资多少'

export interface TestApp {
  app: ReturnType<typeof createApp>
  live: LiveIndex
  logger: ReturnType<typeof createMemoryLogger>
  reportsDir: string
  indexPath: string
  /** The index worker, with `copyReports`: the artifact's writer, which uploads and reindexing ask. */
  worker: Worker | null
  close(): Promise<void>
}

/**
 * The app over a real index of the fixture reports (or of `reportsDir`), its artifact in a temp
 * folder. With `copyReports`, the reports are a temp copy too, a real index worker writes the
 * artifact (and answers on its socket), and the admin routes take ADMIN_TOKEN, so uploads and
 * reindexing can change them; without it the admin routes are disabled and the test writes the
 * artifact itself.
 */
export async function openTestApp(
  options: { copyReports?: boolean; workerOptions?: Partial<WorkerOptions> } & Partial<AppDeps> = {},
): Promise<TestApp> {
  const { copyReports = false, workerOptions, ...overrides } = options
  const temp = await mkdtemp(path.join(tmpdir(), 'report-qa-api-'))
  const source = overrides.reportsDir ?? fixtureReports
  const reportsDir = copyReports ? path.join(temp, 'reports') : source
  if (copyReports) await cp(source, reportsDir, { recursive: true })
  const indexPath = path.join(temp, 'index.json')
  const logger = createMemoryLogger()
  let worker: Worker | null = null
  let control: Awaited<ReturnType<typeof serveControl>> | null = null
  if (copyReports) {
    worker = await startWorker({ reportsDir, indexPath, logger, debounceMs: 50, version: '1.0.0', ...workerOptions })
    control = await serveControl({ socketPath: writerSocketPath(indexPath), worker, logger })
  } else await openIndex({ reportsDir, indexPath, logger })
  const live = watchIndex(indexPath, await loadIndex(indexPath), { logger })
  const writer = control ? createWriterClient({ socketPath: control.socketPath, pollMs: 100 }) : undefined
  // Only an app over a copy of the reports can write: the fixture folder itself stays read-only.
  const adminToken = copyReports ? ADMIN_TOKEN : undefined
  const app = createApp({ index: live, reportsDir, indexPath, adminToken, logger, writer, version: '1.0.0', ...overrides })
  return {
    app,
    live,
    logger,
    reportsDir,
    indexPath,
    worker,
    async close() {
      live.close()
      writer?.close()
      await control?.close()
      await worker?.close()
      await rm(temp, { recursive: true, force: true })
    },
  }
}

/** The `{"error": {"code", "message"}}` body of a response. */
export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } }
  return body.error
}

export const ask = (q: string) => `/ask?q=${encodeURIComponent(q)}`

/** Serves the app on 127.0.0.1 at a free port; returns its base URL and a close(). */
export async function listen(app: TestApp['app']): Promise<{ base: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** Headless Chromium as the page tests drive it: no network of its own, nothing kept between runs. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface BrowserApp {
  t: TestApp
  browser: Browser
  /** The listening server's base URL. */
  base: string
  close(): Promise<void>
}

/** The app over `reportsDir` on a real server, and Chromium to open its page. */
export async function openBrowserApp(options: Parameters<typeof openTestApp>[0] = {}): Promise<BrowserApp> {
  const t = await openTestApp(options)
  const server = await listen(t.app)
  const browser = await launchChromium()
  return {
    t,
    browser,
    base: server.base,
    async close() {
      await browser.close()
      await server.close()
      await t.close()
    },
  }
}

/** The bodies of the page's POST /ask requests, in order, as they are sent. */
export function askBodies(page: Page): unknown[] {
  const bodies: unknown[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/ask') bodies.push(request.postDataJSON())
  })
  return bodies
}
