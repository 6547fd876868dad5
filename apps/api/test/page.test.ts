import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { escapeHtml, PAGE_CSP, renderPage } from '../src/page/page.ts'
import { listen, NIUTANG, openTestApp, type TestApp } from './helpers.ts'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)

describe('the page at /', () => {
  it('is served by the API with a policy that loads nothing from elsewhere', async () => {
    const t = await openTestApp()
    try {
      const response = await t.app.request('/')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP)
      const html = await response.text()
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
      expect(html).toContain(`data-example="${NIUTANG}"`)
      expect(html).toMatch(/<label for="q">/)
    } finally {
      await t.close()
    }
  })

  it('escapes text it puts into HTML', () => {
    expect(escapeHtml(`<script>"'&`)).toBe('&#60;script&#62;&#34;&#39;&#38;')
    expect(renderPage()).not.toContain('<script>"')
  })
})

describe.skipIf(!hasChromium)('the page in headless Chromium', () => {
  let t: TestApp
  let server: Awaited<ReturnType<typeof listen>> | undefined
  let browser: Browser
  let base: string
  beforeAll(async () => {
    t = await openTestApp()
    server = await listen(t.app)
    base = server.base
    browser = await chromium.launch({
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
  }, 30_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await t?.close()
  })

  it('answers the typed example question on Enter with 21.95亿元 emphasised and 牛塘镇 in the source', async () => {
    const page = await browser.newPage()
    const requested: string[] = []
    const problems: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(base + '/')
    await page.getByLabel('问题', { exact: true }).fill(NIUTANG)
    await page.getByLabel('问题', { exact: true }).press('Enter')

    await page.locator('#answer strong', { hasText: '21.95亿元' }).waitFor({ timeout: 10_000 })
    expect(await page.locator('#evidence .source').textContent()).toContain('牛塘镇')
    expect(await page.locator('#evidence .source').textContent()).toContain('第9段')
    expect(await page.locator('#evidence mark').textContent()).toContain('固定资产投资21.95亿元')
    expect(await page.locator('#result').textContent()).not.toMatch(/null|undefined/)
    await page.screenshot({ path: path.join(tmpdir(), 'report-qa-page.png'), fullPage: true })

    expect(requested.every((url) => url.startsWith(base))).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  }, 30_000)

  it('asks a clicked example from the keyboard and shows "not found" with its reason', async () => {
    const page = await browser.newPage()
    await page.goto(base + '/')
    const example = page.getByRole('button', { name: '黄桥镇粮食产量多少' })
    await example.focus()
    await page.keyboard.press('Enter')
    const notFound = page.locator('.not-found')
    await notFound.waitFor({ timeout: 10_000 })
    expect(await notFound.textContent()).toContain('没有黄桥镇的报告')
    expect(new URL(page.url()).searchParams.get('q')).toBe('黄桥镇粮食产量多少')
    await page.close()
  }, 30_000)

  it('shows report text as text, never as markup', async () => {
    const page = await browser.newPage()
    await page.goto(base + '/?q=' + encodeURIComponent('<img src=x onerror=alert(1)>牛塘镇'))
    await page.locator('#result .card, #result .error').first().waitFor({ timeout: 10_000 })
    expect(await page.locator('#result img').count()).toBe(0)
    await page.close()
  }, 30_000)
})

if (!hasChromium) {
  describe('the page in headless Chromium', () => {
    it.skip(`is skipped: ${CHROMIUM} is missing`, () => {})
  })
}
