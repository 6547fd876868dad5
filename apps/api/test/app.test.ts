import { readFile } from 'node:fs/promises'
import type { Answer, Citation, Report, ReportSummary } from '@report-qa/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPENAPI_PATH } from '../src/app.ts'
import { createApp } from '../src/app.ts'
import { ask, errorOf, NIUTANG, openTestApp, type TestApp } from './helpers.ts'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(() => t.close())

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const error = await errorOf(response)
  expect(error.code).toBe(code)
  expect(error.message).not.toMatch(/\n\s+at /)
}

describe('GET /ask', () => {
  it('answers the Niutang question with 21.95亿元 and cites the paragraph holding the quote', async () => {
    const response = await t.app.request(ask(NIUTANG))
    expect(response.status).toBe(200)
    const answer = (await response.json()) as Answer
    expect(answer.found).toBe(true)
    expect(answer.answer).toContain('21.95亿元')
    const first = answer.citations[0]!
    expect(first.place).toBe('牛塘镇')
    expect(first.source).toBe('004_f7326a22c4686d62.txt')
    expect(first.text.slice(first.quote.start, first.quote.end)).toBe(first.quote.text)
    expect(first.quote.text).toContain('21.95亿元')
  })

  it('returns at most limit citations', async () => {
    const answer = (await (await t.app.request(`${ask(NIUTANG)}&limit=1`)).json()) as Answer
    expect(answer.citations).toHaveLength(1)
  })

  it('answers found:false with a Chinese reason as a 200, not an error', async () => {
    const response = await t.app.request(ask('黄桥镇粮食产量多少'))
    expect(response.status).toBe(200)
    const answer = (await response.json()) as Answer
    expect(answer).toMatchObject({ found: false, answer: null, citations: [] })
    expect(answer.reason).toContain('黄桥镇')
  })

  it('refuses a missing, empty or blank q with 400 MISSING_QUESTION', async () => {
    await expectError(await t.app.request('/ask'), 400, 'MISSING_QUESTION')
    await expectError(await t.app.request('/ask?q='), 400, 'MISSING_QUESTION')
    await expectError(await t.app.request('/ask?q=%20%20'), 400, 'MISSING_QUESTION')
  })

  it('refuses a q over 200 characters with 400 QUESTION_TOO_LONG', async () => {
    await expectError(await t.app.request(ask('牛'.repeat(201))), 400, 'QUESTION_TOO_LONG')
    expect((await t.app.request(ask('牛塘镇' + '多'.repeat(197)))).status).toBe(200)
  })

  it('refuses a limit outside 1-10 with 400 INVALID_LIMIT', async () => {
    for (const limit of ['0', '11', 'abc', '2.5', '']) {
      await expectError(await t.app.request(`${ask(NIUTANG)}&limit=${limit}`), 400, 'INVALID_LIMIT')
    }
  })
})

describe('POST /ask', () => {
  it('answers {"q"} like GET', async () => {
    const response = await t.app.request('/ask', json({ q: NIUTANG, limit: 2 }))
    expect(response.status).toBe(200)
    const answer = (await response.json()) as Answer
    expect(answer.answer).toContain('21.95亿元')
    expect(answer.citations.length).toBeLessThanOrEqual(2)
  })

  it('accepts a charset in the content type', async () => {
    const response = await t.app.request('/ask', json({ q: NIUTANG }, { 'content-type': 'application/json; charset=utf-8' }))
    expect(response.status).toBe(200)
  })

  it('refuses malformed JSON with 400 INVALID_JSON', async () => {
    await expectError(await t.app.request('/ask', json('{"q": ')), 400, 'INVALID_JSON')
    await expectError(await t.app.request('/ask', json('')), 400, 'INVALID_JSON')
  })

  it('refuses a missing or empty q with 400 MISSING_QUESTION', async () => {
    await expectError(await t.app.request('/ask', json({})), 400, 'MISSING_QUESTION')
    await expectError(await t.app.request('/ask', json({ q: '' })), 400, 'MISSING_QUESTION')
  })

  it('refuses a q that is not a string with 400 INVALID_QUESTION', async () => {
    for (const q of [42, null, ['牛塘镇'], { text: NIUTANG }]) {
      await expectError(await t.app.request('/ask', json({ q })), 400, 'INVALID_QUESTION')
    }
    await expectError(await t.app.request('/ask', json('"牛塘镇"')), 400, 'INVALID_REQUEST')
  })

  it('refuses a q over 200 characters with 400 QUESTION_TOO_LONG', async () => {
    await expectError(await t.app.request('/ask', json({ q: 'x'.repeat(201) })), 400, 'QUESTION_TOO_LONG')
  })

  it('refuses a limit outside 1-10 or not a whole number with 400 INVALID_LIMIT', async () => {
    for (const limit of [0, 11, 1.5, '3', null]) {
      await expectError(await t.app.request('/ask', json({ q: NIUTANG, limit })), 400, 'INVALID_LIMIT')
    }
  })

  it('refuses a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ q: NIUTANG, pad: 'x'.repeat(1024 * 1024) })
    await expectError(await t.app.request('/ask', json(body)), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('refuses a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `q=${NIUTANG}` }
    await expectError(await t.app.request('/ask', form), 415, 'UNSUPPORTED_MEDIA_TYPE')
    await expectError(await t.app.request('/ask', { method: 'POST', body: NIUTANG }), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })
})

describe('GET /search', () => {
  it('ranks paragraphs of the place asked, each with a quote inside its text', async () => {
    const response = await t.app.request(`/search?q=${encodeURIComponent('牛塘镇 固定资产投资')}&limit=3`)
    expect(response.status).toBe(200)
    const { results } = (await response.json()) as { results: Citation[] }
    expect(results.length).toBeGreaterThan(0)
    expect(results.length).toBeLessThanOrEqual(3)
    for (const citation of results) {
      expect(citation.place).toBe('牛塘镇')
      expect(citation.text.slice(citation.quote.start, citation.quote.end)).toBe(citation.quote.text)
    }
  })

  it('refuses a missing q, a long q and a bad limit with 400', async () => {
    await expectError(await t.app.request('/search'), 400, 'MISSING_QUESTION')
    await expectError(await t.app.request(`/search?q=${'x'.repeat(201)}`), 400, 'QUESTION_TOO_LONG')
    await expectError(await t.app.request('/search?q=x&limit=99'), 400, 'INVALID_LIMIT')
  })
})

describe('GET /reports', () => {
  it('lists every report with its id, source, kind, place, level, year, period, title and paragraph count', async () => {
    const { reports, failed } = (await (await t.app.request('/reports')).json()) as {
      reports: ReportSummary[]
      failed: unknown[]
    }
    expect(reports).toHaveLength(t.live.current.stats().reports)
    expect(failed).toEqual([])
    const niutang = reports.find((report) => report.place === '牛塘镇')!
    expect(niutang).toMatchObject({
      source: '004_f7326a22c4686d62.txt',
      kind: 'work-report',
      level: 'township',
      period: '2022年上半年',
    })
    expect(Object.keys(niutang).sort()).toEqual([
      'date',
      'id',
      'kind',
      'level',
      'paragraphs',
      'period',
      'place',
      'source',
      'title',
      'year',
    ])
    expect(niutang.paragraphs).toBeGreaterThan(5)
  })

  it('lists the three reports that 002 holds', async () => {
    const { reports } = (await (await t.app.request('/reports')).json()) as { reports: ReportSummary[] }
    const places = reports.filter((report) => report.source === '002_555f7e936fe6323d.txt').map((report) => report.place)
    expect(places.sort()).toEqual(['北蔡镇', '孙岗镇', '留庄镇'].sort())
  })
})

describe('GET /reports/:id', () => {
  it('returns the metadata, sections and paragraphs of one report', async () => {
    const { reports } = (await (await t.app.request('/reports')).json()) as { reports: ReportSummary[] }
    const summary = reports.find((report) => report.place === '牛塘镇')!
    const response = await t.app.request(`/reports/${summary.id}`)
    expect(response.status).toBe(200)
    const report = (await response.json()) as Report
    expect(report).toMatchObject({ id: summary.id, place: '牛塘镇', date: '2022-07-14' })
    expect(report.sections).toContain('二、克难求进,经济发展保持稳健态势')
    expect(report.paragraphs).toHaveLength(summary.paragraphs)
    expect(report.paragraphs.some((p) => p.text.includes('21.95亿元'))).toBe(true)
  })

  it('answers 404 REPORT_NOT_FOUND for an unknown id', async () => {
    await expectError(await t.app.request('/reports/0000000000-1'), 404, 'REPORT_NOT_FOUND')
  })

  it('refuses an id holding .., /, \\ or NUL with 400 INVALID_ID', async () => {
    // A bare `..` segment is resolved by the URL parser before routing; these reach the route.
    for (const id of ['..x', '%2E%2E%2Fetc', '..%2F..%2Fetc', 'a%2Fb', 'a%5Cb', 'a%00b']) {
      await expectError(await t.app.request(`/reports/${id}`), 400, 'INVALID_ID')
    }
  })
})

describe('GET /healthz', () => {
  it('reports status, reports, paragraphs, index version and build time', async () => {
    const response = await t.app.request('/healthz')
    expect(response.status).toBe(200)
    const stats = t.live.current.stats()
    expect(await response.json()).toEqual({
      status: 'ok',
      ...stats,
      failed: 0,
      versions: { service: '1.0.0', node: process.version },
    })
    expect(stats.reports).toBeGreaterThanOrEqual(7)
  })

  it('names the same service version as /openapi.json, which is the package version', async () => {
    const versionOf = async (file: string) =>
      (JSON.parse(await readFile(new URL(file, import.meta.url), 'utf8')) as { version: string }).version
    const version = await versionOf('../package.json')
    // One release: every package of the repository has the same version.
    for (const file of [
      '../../../package.json',
      '../../worker/package.json',
      '../../bot/package.json',
      '../../../packages/core/package.json',
    ]) {
      expect(await versionOf(file), file).toBe(version)
    }
    const own = await openTestApp({ version })
    try {
      const health = (await (await own.app.request('/healthz')).json()) as { versions: { service: string } }
      const openapi = (await (await own.app.request('/openapi.json')).json()) as { info: { version: string } }
      expect(health.versions.service).toBe(version)
      expect(openapi.info.version).toBe(version)
    } finally {
      await own.close()
    }
  })
})

describe('every response', () => {
  it('answers an unknown route with 404 NOT_FOUND', async () => {
    await expectError(await t.app.request('/nope'), 404, 'NOT_FOUND')
    await expectError(await t.app.request('/ask/more'), 404, 'NOT_FOUND')
  })

  it('answers a wrong method with 405 METHOD_NOT_ALLOWED and an Allow header', async () => {
    const put = await t.app.request('/ask', { method: 'PUT' })
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
    await expectError(put, 405, 'METHOD_NOT_ALLOWED')
    const del = await t.app.request('/healthz', { method: 'DELETE' })
    expect(del.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    await expectError(del, 405, 'METHOD_NOT_ALLOWED')
    const get = await t.app.request('/admin/reindex')
    expect(get.headers.get('allow')).toBe('POST, OPTIONS')
    await expectError(get, 405, 'METHOD_NOT_ALLOWED')
  })

  it('carries an X-Request-Id, echoing a well-formed one from the client', async () => {
    const fresh = await t.app.request('/healthz')
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const echoed = await t.app.request('/nope', { headers: { 'x-request-id': 'abc-123' } })
    expect(echoed.headers.get('x-request-id')).toBe('abc-123')
  })

  it('allows any origin to GET, but gives writes no CORS headers', async () => {
    const get = await t.app.request(ask(NIUTANG), { headers: { origin: 'https://example.org' } })
    expect(get.headers.get('access-control-allow-origin')).toBe('*')
    const preflight = await t.app.request('/ask', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD')
    const post = await t.app.request('/ask', json({ q: NIUTANG }, { origin: 'https://example.org' }))
    expect(post.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('logs one line per request with the question length, never its text', async () => {
    const id = 'log-line-test'
    await t.app.request(ask(NIUTANG), { headers: { 'x-request-id': id } })
    const lines = t.logger.lines.filter((line) => line.fields?.['requestId'] === id)
    expect(lines).toHaveLength(1)
    expect(lines[0]!.fields).toMatchObject({ method: 'GET', path: '/ask', status: 200, questionLength: NIUTANG.length })
    expect(typeof lines[0]!.fields!['ms']).toBe('number')
    expect(JSON.stringify(t.logger.lines)).not.toContain('牛塘镇上半年')
  })

  it('answers an unexpected failure with 500 INTERNAL and no stack trace', async () => {
    const broken = createApp({
      index: {
        get current(): never {
          throw new Error('secret detail at /srv/app.ts:12')
        },
        reload: async () => {},
      },
      reportsDir: t.reportsDir,
      indexPath: t.indexPath,
      logger: t.logger,
    })
    const response = await broken.request(ask(NIUTANG))
    const text = await response.clone().text()
    await expectError(response, 500, 'INTERNAL')
    expect(text).not.toContain('secret')
    expect(text).not.toContain('.ts')
  })

  it('ends a request that hangs with 504 TIMEOUT', async () => {
    const quick = createApp({
      index: t.live,
      reportsDir: t.reportsDir,
      indexPath: t.indexPath,
      logger: t.logger,
      requestTimeoutMs: 100,
    })
    const never = new ReadableStream({ start: () => {} })
    const response = await quick.request('/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: never,
      duplex: 'half',
    } as RequestInit)
    await expectError(response, 504, 'TIMEOUT')
  })
})

describe('GET /openapi.json', () => {
  it('documents exactly the routes the app serves', async () => {
    const doc = (await (await t.app.request(OPENAPI_PATH)).json()) as { paths: Record<string, Record<string, unknown>> }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    const served = t.app.routes
      .filter((route) => route.method !== 'ALL' && route.path !== '/' && route.path !== OPENAPI_PATH)
      .map((route) => `${route.method} ${route.path}`)
    expect(new Set(documented)).toEqual(new Set(served))
    expect(documented.sort()).toEqual(
      [
        'GET /ask',
        'POST /ask',
        'GET /search',
        'GET /facts',
        'GET /reports',
        'POST /reports',
        'GET /reports/:id',
        'GET /healthz',
        'POST /admin/reindex',
      ].sort(),
    )
  })

  it('routes each documented path and method to a handler', async () => {
    const doc = (await (await t.app.request(OPENAPI_PATH)).json()) as { paths: Record<string, Record<string, unknown>> }
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        const response = await t.app.request(path.replace('{id}', 'x'), { method: method.toUpperCase() })
        const code = response.status >= 400 ? (await errorOf(response)).code : null
        expect(code, `${method} ${path}`).not.toBe('NOT_FOUND')
        expect(code, `${method} ${path}`).not.toBe('METHOD_NOT_ALLOWED')
      }
    }
  })
})
