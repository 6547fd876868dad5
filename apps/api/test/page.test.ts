import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Answer } from '@report-qa/core'
import { fixturePath } from '@report-qa/test-fixtures'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { escapeHtml, PAGE_CSP, renderPage } from '../src/page/page.ts'
import { CHROMIUM, hasChromium, NIUTANG, openBrowserApp, openTestApp, type BrowserApp, type TestApp } from './helpers.ts'

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
  let app: BrowserApp
  let t: TestApp
  let browser: Browser
  let base: string
  beforeAll(async () => {
    app = await openBrowserApp({ reportsDir: fixturePath() })
    ;({ t, browser, base } = app)
  }, 60_000)
  afterAll(() => app?.close())

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

  it('names the report (title, place, date) before the file, and trims a long paragraph around the quote until expanded', async () => {
    const answer = (await (await t.app.request(`/ask?q=${encodeURIComponent(NIUTANG)}`)).json()) as Answer
    const whole = answer.citations[0]!.text
    expect(whole.length).toBeGreaterThan(500)
    const page = await browser.newPage()
    await page.goto(base + '/?q=' + encodeURIComponent(NIUTANG))
    const source = page.locator('#evidence .source')
    await source.waitFor({ timeout: 10_000 })
    const line = (await source.textContent())!
    const at = (text: string) => line.indexOf(text)
    expect(at('《牛塘镇政府工作报告》')).toBeGreaterThanOrEqual(0)
    expect(at('牛塘镇 · 2022年7月14日')).toBeGreaterThan(at('《牛塘镇政府工作报告》'))
    expect(at('文件 reports/004_f7326a22c4686d62.txt')).toBeGreaterThan(at('2022年7月14日'))

    const shown = page.locator('#evidence .paragraph')
    const toggle = page.getByRole('button', { name: `展开全段（共${whole.length}字）` })
    const trimmed = (await shown.textContent())!
    expect(trimmed.length).toBeLessThan(whole.length / 2)
    expect(trimmed).toMatch(/^….*…$/s)
    expect(await shown.locator('mark').textContent()).toBe('固定资产投资21.95亿元,同比增长13%')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')

    await toggle.click()
    expect(await shown.textContent()).toBe(whole)
    expect(await shown.locator('mark').textContent()).toBe('固定资产投资21.95亿元,同比增长13%')
    const collapse = page.getByRole('button', { name: '收起' })
    expect(await collapse.getAttribute('aria-expanded')).toBe('true')
    await collapse.click()
    expect(await shown.textContent()).toBe(trimmed)
    await page.close()
  }, 30_000)

  it('says so when no place was named and the answer is for one it inferred', async () => {
    const page = await browser.newPage()
    await page.goto(base + '/?q=' + encodeURIComponent('2023年国内生产总值是多少'))
    await page.locator('#answer .answer-text').waitFor({ timeout: 10_000 })
    expect(await page.locator('#answer .answer-text').textContent()).toContain('126万亿元')
    expect(await page.locator('#answer .inferred').textContent()).toContain('问题里没有写地点，按“全国”的报告回答')
    await page.goto(base + '/?q=' + encodeURIComponent(NIUTANG))
    await page.locator('#answer .answer-text').waitFor({ timeout: 10_000 })
    expect(await page.locator('#answer .inferred').count()).toBe(0)
    await page.close()
  }, 30_000)

  it('lists which places and years the reports cover, by level, with a filter by place name', async () => {
    const page = await browser.newPage()
    await page.goto(base + '/')
    await page.getByText('报告覆盖哪些地方、哪些年份').click()
    const hailar = page.locator('#coverage tr[data-place="海拉尔区"]')
    await hailar.waitFor({ timeout: 10_000 })
    expect(await hailar.locator('td').textContent()).toContain('2016年')
    expect(await page.locator('#coverage tr[data-place="牛塘镇"] td').textContent()).toContain('2022年上半年')
    expect(await page.locator('#coverage h3', { hasText: '乡镇街道' }).count()).toBe(1)
    expect(await page.locator('#coverage h3', { hasText: '区县' }).count()).toBe(1)
    await page.getByLabel('筛选地名').fill('海拉尔')
    expect(await page.locator('#coverage tr[data-place]:visible').count()).toBe(1)
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
