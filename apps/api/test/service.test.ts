import { damagePlace } from '@report-qa/test-fixtures/artifact'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { saveIndex, type Answer } from '@report-qa/core'
import { docxInflatingTo } from '@report-qa/test-fixtures/docx'
import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, ask, errorOf, NIUTANG, openTestApp, type TestApp } from './helpers.ts'

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` }
const MB = 2 ** 20
const opened: TestApp[] = []
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close()
})

async function app(options: Parameters<typeof openTestApp>[0] = {}): Promise<TestApp> {
  const t = await openTestApp(options)
  opened.push(t)
  return t
}

const upload = (t: TestApp, name: string, bytes: Uint8Array) =>
  t.app.request(`/reports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    body: bytes,
  })

describe('uploads', () => {
  // F1: a 180 KB upload whose document.xml inflates to 53 MB ran the API out of heap in 17 s.
  it('refuses a .docx that inflates to 60 MB with 413 REPORT_TOO_LARGE, stores nothing, and keeps answering', async () => {
    const t = await app({ copyReports: true })
    const response = await upload(t, '炸弹.docx', await docxInflatingTo(60 * MB))
    expect(response.status).toBe(413)
    expect(await errorOf(response)).toEqual({
      code: 'REPORT_TOO_LARGE',
      message: expect.stringContaining('word/document.xml inflates'),
    })
    expect(t.live.current.sources.has('炸弹.docx')).toBe(false)
    const answer = (await (await t.app.request(ask(NIUTANG))).json()) as Answer
    expect(answer.answer).toContain('21.95亿元')
  })

  // F4: a name over 255 UTF-8 bytes (84 Han characters) answered 500 ENAMETOOLONG.
  it('refuses a name over 255 UTF-8 bytes with 400, and takes one just under', async () => {
    const t = await app({ copyReports: true })
    const report = await readFile(path.join(t.reportsDir, '004_f7326a22c4686d62.txt'))
    const long = await upload(t, `${'牛'.repeat(84)}.txt`, report)
    expect(long.status).toBe(400)
    expect((await errorOf(long)).code).toBe('INVALID_FILE_NAME')
    const fits = await upload(t, `${'牛'.repeat(83)}.txt`, report)
    expect(fits.status).toBe(200)
  })

  it('answer 503 WRITER_UNAVAILABLE when no index worker runs', async () => {
    const { app: bare } = await app({ adminToken: ADMIN_TOKEN })
    const response = await bare.request('/admin/reindex', { method: 'POST', headers: auth })
    expect(response.status).toBe(503)
    expect((await errorOf(response)).code).toBe('WRITER_UNAVAILABLE')
  })
})

describe('GET /reports and /healthz', () => {
  it('list the files that failed, with the reason, and count them', async () => {
    const t = await app({ copyReports: true })
    await writeFile(path.join(t.reportsDir, 'broken.docx'), 'this is not a zip archive')
    const reindex = await t.app.request('/admin/reindex', { method: 'POST', headers: auth })
    expect(reindex.status).toBe(200)
    const list = (await (await t.app.request('/reports')).json()) as { failed: { source: string; reason: string }[] }
    expect(list.failed).toEqual([{ source: 'broken.docx', reason: 'not a .docx file (not a zip archive)' }])
    const health = (await (await t.app.request('/healthz')).json()) as { failed: number }
    expect(health.failed).toBe(1)
  })
})

describe('GET /healthz', () => {
  // F5: with the artifact's disk full, the worker failed every 30 s and /healthz still said ok.
  it('says degraded, with 503 and the reason, once a save fails, keeps answering, and says ok after the next save', async () => {
    let diskFull = false
    const save = async (index: Parameters<typeof saveIndex>[0], file: string) => {
      if (diskFull) throw Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' })
      return saveIndex(index, file)
    }
    const t = await app({ copyReports: true, workerOptions: { save, retryMs: 0 } })
    await expect.poll(async () => (await t.app.request('/healthz')).status, { timeout: 5000 }).toBe(200)
    const report = await readFile(path.join(t.reportsDir, '004_f7326a22c4686d62.txt'), 'utf8')

    diskFull = true
    await writeFile(path.join(t.reportsDir, '黄桥.txt'), report.replaceAll('牛塘', '黄桥'))
    await expect.poll(async () => (await t.app.request('/healthz')).status, { timeout: 10_000 }).toBe(503)
    const degraded = (await (await t.app.request('/healthz')).json()) as { status: string; reason: string; reports: number }
    expect(degraded).toMatchObject({ status: 'degraded', reason: expect.stringContaining('ENOSPC: no space left on device') })
    expect(((await (await t.app.request(ask(NIUTANG))).json()) as Answer).answer).toContain('21.95亿元')

    diskFull = false
    await writeFile(path.join(t.reportsDir, '白塔.txt'), report.replaceAll('牛塘', '白塔'))
    await expect.poll(async () => (await t.app.request('/healthz')).status, { timeout: 10_000 }).toBe(200)
    expect(((await (await t.app.request(ask('黄桥镇上半年固定资产投资多少'))).json()) as Answer).answer).toContain('21.95亿元')
  })

  it('says degraded when the index worker does not answer', async () => {
    const t = await app({ copyReports: true })
    await expect.poll(async () => (await t.app.request('/healthz')).status, { timeout: 5000 }).toBe(200)
    const { createWriterClient } = await import('../src/writer-client.ts')
    const nobody = createWriterClient({ socketPath: path.join(t.reportsDir, 'no-worker.sock'), pollMs: 50 })
    try {
      const { createApp } = await import('../src/app.ts')
      const orphan = createApp({
        index: t.live,
        reportsDir: t.reportsDir,
        indexPath: t.indexPath,
        logger: t.logger,
        writer: nobody,
      })
      const response = await orphan.request('/healthz')
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({
        status: 'degraded',
        reason: expect.stringContaining('index worker is not running'),
      })
    } finally {
      nobody.close()
    }
  })
})

describe('every JSON response', () => {
  it('says X-Content-Type-Options: nosniff, errors included', async () => {
    const t = await app()
    for (const url of [ask(NIUTANG), '/healthz', '/reports', '/nope', '/ask']) {
      expect((await t.app.request(url)).headers.get('x-content-type-options'), url).toBe('nosniff')
    }
  })
})

describe('the rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client has used its requests, on /ask and /search only', async () => {
    const t = await app({ rateLimit: { perMinute: 3 } })
    for (let k = 0; k < 3; k++) expect((await t.app.request(ask(NIUTANG))).status).toBe(200)
    const limited = await t.app.request(`/search?q=${encodeURIComponent('固定资产投资')}`)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await errorOf(limited)).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('at most 3 a minute') })
    expect((await t.app.request('/healthz')).status).toBe(200)
  })
})

describe('a damaged place', () => {
  // F6: bytes overwritten inside the artifact gave persistent 500s; /admin/reindex did not repair them.
  it('answers 503 INDEX_REPAIRING with Retry-After, and answers again once the worker has rebuilt it', async () => {
    const t = await app({ copyReports: true })
    await damagePlace(t.indexPath, '牛塘镇')
    await t.live.reload() // a reader that opens the damaged artifact (as after a restart)
    const first = await t.app.request(ask(NIUTANG))
    expect(first.status).toBe(503)
    expect(first.headers.get('retry-after')).toBe('5')
    expect((await errorOf(first)).code).toBe('INDEX_REPAIRING')
    await expect
      .poll(async () => ((await (await t.app.request(ask(NIUTANG))).json()) as Answer).answer, { timeout: 10_000 })
      .toContain('21.95亿元')
  })

  it('is found and rebuilt by /admin/reindex', async () => {
    const t = await app({ copyReports: true })
    await damagePlace(t.indexPath, '牛塘镇')
    const response = await t.app.request('/admin/reindex', { method: 'POST', headers: auth })
    expect(response.status).toBe(200)
    expect(((await (await t.app.request(ask(NIUTANG))).json()) as Answer).answer).toContain('21.95亿元')
  })
})
