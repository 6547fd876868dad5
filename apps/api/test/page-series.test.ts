import { tmpdir } from 'node:os'
import path from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { fixturePath } from '@report-qa/test-fixtures'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { askBodies, CHROMIUM, hasChromium, openBrowserApp, type BrowserApp } from './helpers.ts'

const SERIES = '海拉尔区2012年到2018年地区生产总值'
const FIGURES = ['287.9亿元', '303.6亿元', '192.3亿元']

interface Pixels {
  width: number
  height: number
  at(x: number, y: number): [number, number, number]
}

/** A screenshot of `element` as pixels, saved to `file` as well for a person to look at. */
async function screenshotPixels(element: Locator, file: string): Promise<Pixels> {
  const png = await element.screenshot({ path: path.join(tmpdir(), file) })
  const image = await loadImage(png)
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  const { data } = context.getImageData(0, 0, image.width, image.height)
  return {
    width: image.width,
    height: image.height,
    at(x, y) {
      const i = (Math.round(y) * image.width + Math.round(x)) * 4
      return [data[i]!, data[i + 1]!, data[i + 2]!]
    },
  }
}

/** The centres of the elements `selector` finds, relative to `within`'s box. */
async function centres(page: Page, selector: string, within: Locator): Promise<{ x: number; y: number }[]> {
  const box = (await within.boundingBox())!
  const points = await page.locator(selector).evaluateAll((nodes) =>
    nodes.map((node) => {
      const rect = node.getBoundingClientRect()
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 }
    }),
  )
  return points.map(({ x, y }) => ({ x: x - box.x, y: y - box.y }))
}

// The chart's marks are #1f5fa8; a gap is a hollow (white) circle.
const isMarkBlue = ([r, g, b]: [number, number, number]) => r < 90 && g > 60 && g < 140 && b > 130
const isWhite = ([r, g, b]: [number, number, number]) => r > 240 && g > 240 && b > 240

describe.skipIf(!hasChromium)('series and follow-ups on the page in headless Chromium', () => {
  let app: BrowserApp
  let browser: Browser
  let base: string
  beforeAll(async () => {
    app = await openBrowserApp({ reportsDir: fixturePath() })
    ;({ browser, base } = app)
  }, 60_000)
  afterAll(() => app?.close())

  async function askOn(page: Page, question: string) {
    await page.getByLabel('问题', { exact: true }).fill(question)
    await page.getByLabel('问题', { exact: true }).press('Enter')
  }

  it('draws a series as a chart whose points carry the figures and link to their citations, with gaps for missing years', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    const problems: string[] = []
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(base + '/')
    await askOn(page, SERIES)
    const svg = page.locator('#series svg')
    await svg.waitFor({ timeout: 10_000 })

    // The DOM: a mark per figure found, a gap per missing year, the x axis in year order.
    const points = page.locator('#series g.point')
    expect(await points.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-figure')))).toEqual(FIGURES)
    expect(await page.locator('#series g.gap').count()).toBe(4)
    const labels = await svg.locator('g text').evaluateAll((nodes) => nodes.map((node) => node.textContent))
    const years = labels.filter((label) => /^\d{4}年$/.test(label ?? ''))
    expect(years).toEqual(['2012年', '2013年', '2014年', '2015年', '2016年', '2017年', '2018年'])
    // Each point links to a citation below whose highlighted clause holds its figure.
    const hrefs = await page.locator('#series svg a').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')))
    expect(hrefs).toEqual(['#cite-1', '#cite-2', '#cite-3'])
    for (const [i, figure] of FIGURES.entries()) {
      expect(await page.locator(`#cite-${i + 1} mark`).textContent()).toContain(figure)
      expect(await page.locator(`#cite-${i + 1} .cited-figure`).textContent()).toContain(figure)
    }

    // The table: a row per year asked, figure as written, a link to the citation; missing years said so.
    const rows = page.locator('#series .series-table tbody tr')
    expect(await rows.count()).toBe(7)
    expect(await rows.nth(0).textContent()).toBe('海拉尔区2012年报告中没有')
    expect(await rows.nth(4).locator('td').allTextContents()).toEqual(['海拉尔区', '2016年', '303.6亿元', '[2] 第7段'])
    expect(await rows.nth(4).locator('a').getAttribute('href')).toBe('#cite-2')
    expect(await page.locator('#series .download a').getAttribute('href')).toBe(
      `/facts?place=${encodeURIComponent('海拉尔区')}&indicator=${encodeURIComponent('地区生产总值')}&from=2012&to=2018&format=csv`,
    )

    // The screenshot: not blank, a filled mark at each point's place, a hollow one at each gap.
    const pixels = await screenshotPixels(svg, 'report-qa-series-chart.png')
    let inked = 0
    for (let y = 0; y < pixels.height; y += 2) for (let x = 0; x < pixels.width; x += 2) if (!isWhite(pixels.at(x, y))) inked++
    expect(inked / ((pixels.width * pixels.height) / 4)).toBeGreaterThan(0.01)
    const marks = await centres(page, '#series g.point circle', svg)
    expect(marks.filter(({ x, y }) => isMarkBlue(pixels.at(x, y)))).toHaveLength(FIGURES.length)
    const gaps = await centres(page, '#series g.gap circle', svg)
    expect(gaps.filter(({ x, y }) => isWhite(pixels.at(x, y)))).toHaveLength(4)

    // Following a point's link lands on its citation.
    await page.locator('#series svg a').nth(1).locator('text', { hasText: '303.6亿元' }).click()
    expect(await page.evaluate('location.hash')).toBe('#cite-2')
    expect(await page.locator('#cite-2:target').count()).toBe(1)
    expect(problems).toEqual([])
    await page.close()
  }, 30_000)

  it('draws 历年 over every year from the first to the last, a year no report gives as a gap the line does not bridge', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    await page.goto(base + '/?q=' + encodeURIComponent('海拉尔区历年地区生产总值'))
    const svg = page.locator('#series svg')
    await svg.waitFor({ timeout: 10_000 })
    const figures = await page
      .locator('#series g.point')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-figure')))
    expect(figures).toEqual(['162.4亿元', '287.9亿元', '303.6亿元', '192.3亿元'])
    const gaps = await page.locator('#series g.gap text').allTextContents()
    expect(gaps.filter((text) => /年$/.test(text))).toEqual(['2011年', '2012年', '2013年', '2014年', '2017年'])
    // One line only, 2015 to 2016: 2010 and 2018 stand alone.
    const lines = await svg
      .locator('polyline')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('points')!.split(' ').length))
    expect(lines).toEqual([2])
    await page.close()
  }, 30_000)

  it('draws places of one year as bars, a place no report gives as a gap (the example over the samples)', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    await page.goto(base + '/')
    await page.getByRole('button', { name: '留庄镇、北蔡镇、孙岗镇粮食产量' }).click()
    const svg = page.locator('#series svg')
    await svg.waitFor({ timeout: 10_000 })
    expect(await page.locator('#series g.point').getAttribute('data-figure')).toBe('2.34万吨')
    expect(await page.locator('#series g.point rect').count()).toBe(1)
    expect(await page.locator('#series g.gap text').allTextContents()).toEqual(['北蔡镇', '无数据', '孙岗镇', '无数据'])
    const rows = await page.locator('#series .series-table tbody tr').allTextContents()
    // No year was asked: a place with no figure at all has none either.
    expect(rows).toEqual(['留庄镇2023年2.34万吨[1] 第8段', '北蔡镇—报告中没有', '孙岗镇—报告中没有'])
    await page.close()
  }, 30_000)

  it('keeps the chart readable on a 375px-wide phone: text at full size, the chart scrolling inside its card', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } })
    await page.goto(base + '/?q=' + encodeURIComponent(SERIES))
    const svg = page.locator('#series svg')
    await svg.waitFor({ timeout: 10_000 })
    const sizes = await svg.evaluate((node) => ({
      drawn: node.getBoundingClientRect().width,
      width: Number(node.getAttribute('width')),
      page: node.ownerDocument.documentElement.scrollWidth,
      room: node.parentElement!.clientWidth,
    }))
    // Not scaled down: the chart's 12px labels stay 12px; 7 slots need more room than the card has, so it scrolls.
    expect(sizes.drawn).toBe(sizes.width)
    expect(sizes.width).toBeGreaterThan(sizes.room)
    expect(sizes.page).toBeLessThanOrEqual(375)
    const fontSize = await svg
      .locator('g.point text')
      .first()
      .evaluate((node) => node.ownerDocument.defaultView!.getComputedStyle(node).fontSize)
    expect(fontSize).toBe('12px')
    const region = page.locator('#series .chart-scroll')
    const pixels = await screenshotPixels(region, 'report-qa-series-chart-375.png')
    expect(pixels.width).toBeLessThanOrEqual(375)
    const marks = await centres(page, '#series g.point circle', region)
    const visible = marks.filter(({ x }) => x >= 0 && x < pixels.width)
    expect(visible.length).toBeGreaterThan(0)
    expect(visible.every(({ x, y }) => isMarkBlue(pixels.at(x, y)))).toBe(true)
    await page.screenshot({ path: path.join(tmpdir(), 'report-qa-series-375.png'), fullPage: true })
    await page.close()
  }, 30_000)

  it('asks a follow-up with the last context, shows what it carries, and forgets it when cleared', async () => {
    const page = await browser.newPage()
    const bodies = askBodies(page)
    await page.goto(base + '/')
    const context = page.locator('#context')
    expect(await context.isVisible()).toBe(false)

    await askOn(page, '海拉尔区2016年地区生产总值')
    await page.locator('#answer strong', { hasText: '303.6亿元' }).waitFor({ timeout: 10_000 })
    expect(await context.isVisible()).toBe(true)
    expect(await context.textContent()).toContain('接着问：海拉尔区 · 2016年 · 地区生产总值')

    await askOn(page, '那2018年呢')
    await page.locator('#answer strong', { hasText: '192.3亿元' }).waitFor({ timeout: 10_000 })
    expect(bodies[1]).toMatchObject({ q: '那2018年呢', context: { places: [{ name: '海拉尔区' }], years: [2016] } })
    expect(await context.textContent()).toContain('接着问：海拉尔区 · 2018年 · 地区生产总值')
    expect(await page.locator('#answer .understood').textContent()).toContain('接着上一问，沿用了地点、指标')

    // A reload asks the same question as it was asked, and keeps the conversation.
    await page.reload()
    await page.locator('#answer strong', { hasText: '192.3亿元' }).waitFor({ timeout: 10_000 })
    expect(bodies[2]).toMatchObject({ q: '那2018年呢', context: { years: [2016] } })
    expect(await context.textContent()).toContain('海拉尔区 · 2018年 · 地区生产总值')

    await page.getByRole('button', { name: '清除，重新开始' }).click()
    expect(await context.isVisible()).toBe(false)
    expect(await page.evaluate('sessionStorage.length')).toBe(0)
    await askOn(page, '那2017年呢')
    await page.locator('#answer .not-found, #answer .answer-text').waitFor({ timeout: 10_000 })
    expect(bodies[3]).toEqual({ q: '那2017年呢' })
    expect(await page.locator('#answer').textContent()).not.toContain('海拉尔区')

    // An example starts a conversation of its own.
    await askOn(page, '海拉尔区2016年地区生产总值')
    await page.locator('#answer strong', { hasText: '303.6亿元' }).waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: '留庄镇粮食产量多少' }).click()
    await page.locator('#answer').filter({ hasText: '留庄镇' }).waitFor({ timeout: 10_000 })
    expect(bodies.at(-1)).toEqual({ q: '留庄镇粮食产量多少' })
    await page.close()
  }, 30_000)

  it('drops a kept context the service no longer accepts and asks the question anew', async () => {
    const page = await browser.newPage()
    const bodies = askBodies(page)
    await page.goto(base + '/')
    const stale = { q: '旧问题', sent: null, context: { v: 0, places: '海拉尔区' }, label: '海拉尔区 · 2016年' }
    await page.evaluate(`sessionStorage.setItem('report-qa:last-turn', ${JSON.stringify(JSON.stringify(stale))})`)
    await page.reload()
    expect(await page.locator('#context').textContent()).toContain('海拉尔区 · 2016年')
    await askOn(page, '海拉尔区2016年地区生产总值')
    await page.locator('#answer strong', { hasText: '303.6亿元' }).waitFor({ timeout: 10_000 })
    expect(bodies).toEqual([{ q: '海拉尔区2016年地区生产总值', context: stale.context }, { q: '海拉尔区2016年地区生产总值' }])
    expect(await page.locator('#context').textContent()).toContain('海拉尔区 · 2016年 · 地区生产总值')
    await page.close()
  }, 30_000)
})

if (!hasChromium) {
  describe('series and follow-ups on the page in headless Chromium', () => {
    it.skip(`is skipped: ${CHROMIUM} is missing`, () => {})
  })
}
