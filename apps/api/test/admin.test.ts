import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Answer, ReportSummary } from '@report-qa/core'
import { fixturePath, scannedPdf } from '@report-qa/test-fixtures'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, ask, errorOf, openTestApp, type TestApp } from './helpers.ts'

const GBK = fixturePath('corpus/encodings/海拉尔区_2019_gbk_crlf.txt')
const HAILAR_2016 = fixturePath('corpus/county/海拉尔区_2016.txt')
const BEIJING_PDF = fixturePath('corpus/pdf/2024年北京市政府工作报告.pdf')
const BULLETIN_PDF = fixturePath('corpus/pdf/黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.pdf')
const BULLETIN_PAGE = fixturePath('corpus/html/万载县2022年国民经济和社会发展统计公报 _ 万载县人民政府.html')
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` }

interface UploadResult {
  status: 'indexed' | 'pending'
  source: string
  hash: string
  replaced: boolean
  reports: { id: string; place: string | null; period: string | null; title: string }[]
}

let t: TestApp
beforeAll(async () => {
  t = await openTestApp({ copyReports: true })
})
afterAll(() => t.close())

function multipart(name: string, bytes: Uint8Array, headers: Record<string, string> = auth): RequestInit {
  const form = new FormData()
  form.append('file', new File([bytes], name))
  return { method: 'POST', headers, body: form }
}

function raw(bytes: Uint8Array, type = 'application/octet-stream'): RequestInit {
  return { method: 'POST', headers: { ...auth, 'content-type': type }, body: bytes }
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect((await errorOf(response)).code).toBe(code)
}

const filesIn = async (dir: string) => (await readdir(dir)).sort()

describe('POST /reports with PDFs and saved pages', () => {
  const listed = async () =>
    (await (await t.app.request('/reports')).json()) as { reports: ReportSummary[]; failed: { source: string; reason: string }[] }

  it('makes an uploaded PDF answerable, citing its page, and lists it with its kind', async () => {
    const response = await t.app.request('/reports', multipart('2024年北京市政府工作报告.pdf', await readFile(BEIJING_PDF)))
    expect(response.status).toBe(200)
    expect(((await response.json()) as UploadResult).reports).toEqual([
      expect.objectContaining({ place: '北京市', period: '2023年' }),
    ])
    const answer = (await (await t.app.request(ask('北京市新增5G基站多少个'))).json()) as Answer
    expect(answer.answer).toContain('3万个')
    expect(answer.citations[0]).toMatchObject({ source: '2024年北京市政府工作报告.pdf', page: 2 })
    const name = encodeURIComponent('黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.pdf')
    expect((await t.app.request(`/reports?name=${name}`, raw(await readFile(BULLETIN_PDF)))).status).toBe(200)
    expect((await t.app.request('/reports', multipart('万载县2022.html', await readFile(BULLETIN_PAGE)))).status).toBe(200)
    const kinds = Object.fromEntries((await listed()).reports.map((report) => [report.source, report.kind]))
    expect(kinds).toMatchObject({
      '2024年北京市政府工作报告.pdf': 'work-report',
      '黔东南苗族侗族自治州2023年国民经济和社会发展统计公报.pdf': 'statistical-bulletin',
      '万载县2022.html': 'statistical-bulletin',
    })
    const bulletin = (await (await t.app.request(ask('万载县2022年生产总值是多少'))).json()) as Answer
    expect(bulletin.answer).toContain('262.6亿元')
    expect(bulletin.citations[0]!.page).toBeUndefined()
  }, 20_000) // three uploads, each read, indexed and reloaded; the first PDF the worker reads loads pdf.js (a second, more on a busy machine)

  it('refuses to store an uploaded scan (422), and lists a scan dropped into the folder as failed with its reason', async () => {
    const scan = await scannedPdf(1)
    const response = await t.app.request('/reports', multipart('扫描件.pdf', scan))
    expect(response.status).toBe(422)
    expect(await errorOf(response)).toEqual({ code: 'REPORT_UNREADABLE', message: '扫描件.pdf: 扫描件，没有文字层' })
    expect(await filesIn(t.reportsDir)).not.toContain('扫描件.pdf')
    await writeFile(path.join(t.reportsDir, '扫描件.pdf'), scan)
    const reindex = await t.app.request('/admin/reindex', { method: 'POST', headers: auth })
    expect(((await reindex.json()) as { failed: unknown[] }).failed).toEqual([
      { source: '扫描件.pdf', error: '扫描件.pdf: 扫描件，没有文字层' },
    ])
    expect((await listed()).failed).toEqual([{ source: '扫描件.pdf', reason: '扫描件，没有文字层' }])
    await rm(path.join(t.reportsDir, '扫描件.pdf'))
  })
})

describe('POST /reports', () => {
  it('stores a GBK report sent as multipart and answers once it is answerable', async () => {
    const response = await t.app.request('/reports', multipart('海拉尔区_2019_gbk_crlf.txt', await readFile(GBK)))
    expect(response.status).toBe(200)
    const body = (await response.json()) as UploadResult
    expect(body).toMatchObject({ status: 'indexed', source: '海拉尔区_2019_gbk_crlf.txt', replaced: false })
    expect(body.reports).toEqual([expect.objectContaining({ place: '海拉尔区', period: '2018年' })])
    expect(await filesIn(t.reportsDir)).toContain('海拉尔区_2019_gbk_crlf.txt')

    const answer = (await (await t.app.request(ask('海拉尔区2018年新建污水管线多少米'))).json()) as Answer
    expect(answer.found).toBe(true)
    expect(answer.answer).toContain('2847米')
    expect(answer.citations[0]!.source).toBe('海拉尔区_2019_gbk_crlf.txt')
  })

  it('stores a raw body under ?name= and says when it replaced a file', async () => {
    const bytes = await readFile(HAILAR_2016)
    const first = await t.app.request(`/reports?name=${encodeURIComponent('海拉尔区_2016.txt')}`, raw(bytes, 'text/plain'))
    expect(first.status).toBe(200)
    const body = (await first.json()) as UploadResult
    expect(body).toMatchObject({ status: 'indexed', replaced: false, reports: [{ place: '海拉尔区', period: '2015年' }] })
    expect(t.live.current.reports.has(body.reports[0]!.id)).toBe(true)

    const again = await t.app.request(`/reports?name=${encodeURIComponent('海拉尔区_2016.txt')}`, raw(bytes))
    expect(((await again.json()) as UploadResult).replaced).toBe(true)
  })

  it('stores a .docx report', async () => {
    const bytes = await readFile(fixturePath('corpus/docx/2025年吉林省政府工作报告.docx'))
    const response = await t.app.request('/reports', multipart('吉林省_2025.docx', bytes))
    expect(response.status).toBe(200)
    expect(((await response.json()) as UploadResult).reports).toEqual([
      expect.objectContaining({ place: '吉林省', period: '2024年' }),
    ])
  })

  it('refuses a file that holds no report with 422 and stores nothing', async () => {
    const before = await filesIn(t.reportsDir)
    const junk = new Uint8Array(4096).map((_, k) => (k * 7919) % 256)
    const response = await t.app.request('/reports', multipart('junk.txt', junk))
    await expectError(response, 422, 'REPORT_UNREADABLE')
    const short = await t.app.request('/reports?name=short.txt', raw(new TextEncoder().encode('你好，这不是报告。')))
    await expectError(short, 422, 'REPORT_UNREADABLE')
    expect(await filesIn(t.reportsDir)).toEqual(before)
  })

  it('refuses a name holding .., /, \\ or NUL with 400 INVALID_FILE_NAME', async () => {
    const bytes = await readFile(HAILAR_2016)
    for (const name of ['../escape.txt', 'a/b.txt', 'a\\b.txt', 'a\0b.txt', '..hidden.txt']) {
      await expectError(await t.app.request(`/reports?name=${encodeURIComponent(name)}`, raw(bytes)), 400, 'INVALID_FILE_NAME')
    }
    await expectError(await t.app.request('/reports', multipart('../escape.txt', bytes)), 400, 'INVALID_FILE_NAME')
    await expectError(await t.app.request('/reports', raw(bytes)), 400, 'INVALID_FILE_NAME')
    expect(await filesIn(path.dirname(t.reportsDir))).not.toContain('escape.txt')
  })

  it('refuses a file type core does not read, and a body type it does not take, with 415', async () => {
    const bytes = await readFile(HAILAR_2016)
    await expectError(await t.app.request('/reports?name=report.doc', raw(bytes)), 415, 'UNSUPPORTED_MEDIA_TYPE')
    await expectError(await t.app.request('/reports?name=a.txt', raw(bytes, 'application/json')), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('refuses a multipart body without a file field with 400 MISSING_FILE', async () => {
    const form = new FormData()
    form.append('report', 'text')
    await expectError(await t.app.request('/reports', { method: 'POST', headers: auth, body: form }), 400, 'MISSING_FILE')
  })

  it('refuses a body over 20 MB with 413', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1)
    await expectError(await t.app.request('/reports?name=big.txt', raw(big)), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('answers 202 pending when the report is not answerable within the wait', async () => {
    const waitless = await openTestApp({ copyReports: true, uploadWaitMs: 0 })
    try {
      const response = await waitless.app.request('/reports?name=late.txt', raw(await readFile(HAILAR_2016)))
      expect(response.status).toBe(202)
      const body = (await response.json()) as UploadResult
      expect(body).toMatchObject({ status: 'pending', source: 'late.txt', reports: [{ place: '海拉尔区' }] })
      await expect.poll(() => waitless.live.current.sources.get('late.txt')?.hash, { timeout: 10_000 }).toBe(body.hash)
    } finally {
      await waitless.close()
    }
  })
})

describe('POST /admin/reindex', () => {
  it('syncs the index with files dropped into and removed from the folder', async () => {
    await copyFile(HAILAR_2016, path.join(t.reportsDir, 'dropped.txt'))
    await rm(path.join(t.reportsDir, '000_ee7a866cbdf1e3a9.txt'))
    const response = await t.app.request('/admin/reindex', { method: 'POST', headers: auth })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { added: string[]; removed: string[]; reports: number }
    expect(body.added).toEqual(['dropped.txt'])
    expect(body.removed).toEqual(['000_ee7a866cbdf1e3a9.txt'])
    expect(body.reports).toBe(t.live.current.stats().reports)
    expect(t.live.current.sources.has('dropped.txt')).toBe(true)
    const gone = (await (await t.app.request(ask('城关镇城乡居民医疗保险参保多少人'))).json()) as Answer
    expect(gone.found).toBe(false)
  })
})

describe('the admin routes', () => {
  it('answer 401 UNAUTHORIZED without the right bearer token', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN}x`,
      'Bearer',
    ]) {
      const headers: Record<string, string> = authorization ? { authorization } : {}
      const reindex = await t.app.request('/admin/reindex', { method: 'POST', headers })
      expect(reindex.headers.get('www-authenticate')).toBe('Bearer')
      await expectError(reindex, 401, 'UNAUTHORIZED')
      await expectError(await t.app.request('/reports?name=a.txt', { ...raw(new Uint8Array(1)), headers }), 401, 'UNAUTHORIZED')
    }
  })

  it('answer 403 ADMIN_DISABLED when no token is configured', async () => {
    const open = await openTestApp({ adminToken: undefined })
    try {
      await expectError(await open.app.request('/admin/reindex', { method: 'POST', headers: auth }), 403, 'ADMIN_DISABLED')
      await expectError(await open.app.request('/reports?name=a.txt', raw(new Uint8Array(1))), 403, 'ADMIN_DISABLED')
    } finally {
      await open.close()
    }
  })
})
