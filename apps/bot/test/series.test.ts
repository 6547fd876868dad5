import { loadImage, createCanvas } from '@napi-rs/canvas'
import { ask, type ReportIndex } from '@report-qa/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findCjkFont } from '../src/chart.ts'
import { PRIVATE_CHAT, parseTelegramHtml, type FakeTelegram, type SentPhoto } from './fake-telegram.ts'
import { buildSharedIndex, nextReply, startHarness, type Harness } from './harness.ts'

let index: ReportIndex
let harness: Harness
let fake: FakeTelegram

beforeAll(async () => {
  if (!findCjkFont()) throw new Error('no Chinese font for charts: apt-get install fonts-wqy-microhei (.ci/run does)')
  index = await buildSharedIndex()
  harness = await startHarness(index)
  fake = harness.fake
}, 60_000)
afterAll(async () => harness?.close())

function buttons(message: FakeTelegram['sent'][number]): { text: string; callback_data: string }[] {
  const markup = message.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined
  return markup?.inline_keyboard.flat() ?? []
}

/** The PNG decoded: its size, and how many pixels of a region are dark (text) or the chart's blue (points, line). */
async function inspect(photo: SentPhoto, region?: { x: number; y: number; width: number; height: number }) {
  const image = await loadImage(photo.bytes)
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  const { x = 0, y = 0, width = image.width, height = image.height } = region ?? {}
  const { data } = context.getImageData(x, y, width, height)
  let dark = 0
  let blue = 0
  for (let k = 0; k < data.length; k += 4) {
    const [r = 0, g = 0, b = 0] = [data[k], data[k + 1], data[k + 2]]
    if (r + g + b < 200) dark++
    if (Math.abs(r - 0x1f) < 30 && Math.abs(g - 0x5f) < 30 && Math.abs(b - 0xa8) < 30) blue++
  }
  return { width: image.width, height: image.height, dark, blue }
}

describe('a series in the bot', () => {
  it('sends a short table (figures as written, the missing year marked) with 原文, then the chart as a PNG photo', async () => {
    const photos = fake.photos.length
    // 2023's report gives no figure for 2023 (2015's gives one, ★ marked, as 2016's states it).
    const table = await nextReply(fake, PRIVATE_CHAT, '驻马店市2021年到2024年生产总值')
    expect(table.text).toBe(
      ['驻马店市地区生产总值', '2021年：3082.8亿元', '2022年：3257.4亿元', '2023年：无数据', '2024年：3342.7亿元'].join('\n'),
    )
    expect(table.html).toContain('2024年：<b>3342.7亿元</b>')
    expect(buttons(table).map((b) => b.text)).toEqual(['原文'])

    const photo = await fake.waitFor(() => fake.photos[photos])
    expect(photo.chatId).toBe(PRIVATE_CHAT.id)
    expect(photo.caption).toBe('驻马店市地区生产总值')
    expect(photo.name).toBe('chart.png')
    expect([...photo.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(photo.bytes.length).toBeGreaterThan(5_000)
    expect(photo.bytes.length).toBeLessThan(1_000_000)
    const sendCalls = fake.calls.filter((c) => c.method === 'sendMessage' || c.method === 'sendPhoto').map((c) => c.method)
    expect(sendCalls.slice(-2)).toEqual(['sendMessage', 'sendPhoto'])

    const png = await inspect(photo)
    expect(png.width).toBeGreaterThanOrEqual(640)
    expect(png.width).toBeLessThanOrEqual(2560)
    expect(png.height).toBeGreaterThanOrEqual(320)
    expect(png.height).toBeLessThan(png.width)
    expect(png.blue).toBeGreaterThan(200) // three points and the line between 2021 and 2022
    // The title (Chinese only) is drawn: without a Chinese font its band would be blank.
    const title = await inspect(photo, { x: 0, y: 0, width: png.width, height: Math.round(png.height * 0.1) })
    expect(title.dark).toBeGreaterThan(300)
  })

  it('shows each point’s citation behind 原文, labelled with its figure, and the paragraph behind 原文 n', async () => {
    const table = await nextReply(fake, PRIVATE_CHAT, '驻马店市2021年到2024年生产总值')
    const before = fake.sent.length
    fake.press(table, buttons(table)[0]!.callback_data)
    const sources = await fake.waitFor(() => fake.sent.slice(before).find((m) => m.chat.id === PRIVATE_CHAT.id))
    expect(sources.text).toMatch(/^出处（1–3，共3条）：\n\n1\. 驻马店市2021年：3082.8亿元\n出处：驻马店市/)
    expect(sources.text).toContain('2. 驻马店市2022年：3257.4亿元')
    expect(sources.text).toContain('3. 驻马店市2024年：3342.7亿元')
    expect(buttons(sources).map((b) => b.text)).toEqual(['原文 1', '原文 2', '原文 3'])
    const after = fake.sent.length
    fake.press(sources, buttons(sources)[2]!.callback_data)
    // A paragraph may come in parts: wait for all of them.
    const cited = ask(index, '驻马店市2021年到2024年生产总值').citations[2]!
    const parts = await fake.waitFor(() => {
      const sent = fake.sent.slice(after).filter((m) => m.chat.id === PRIVATE_CHAT.id)
      return (
        sent
          .map((m) => m.text)
          .join('')
          .endsWith(cited.text) && sent
      )
    })
    expect(parts.map((m) => m.html).join('')).toContain(`<b>${cited.quote.text}</b>`)
    expect(cited.quote.text).toContain('3342.7亿元')
    for (const part of parts) expect(parseTelegramHtml(part.html)).toEqual({ text: part.text })
  })

  it('states the difference of a comparison under its table', async () => {
    const photos = fake.photos.length
    const table = await nextReply(fake, PRIVATE_CHAT, '驻马店市2016年和2020年生产总值对比')
    expect(table.text).toBe(
      ['驻马店市地区生产总值', '2016年：1794.5亿元', '2020年：2859亿元', '', '2020年比2016年多1064.5亿元。'].join('\n'),
    )
    expect((await fake.waitFor(() => fake.photos[photos])).caption).toBe('驻马店市地区生产总值')
  })

  it('sends no chart for a single figure: places with one missing are a table of two rows', async () => {
    const photos = fake.photos.length
    const table = await nextReply(fake, PRIVATE_CHAT, '驻马店市和保定市2016年生产总值')
    expect(table.text).toBe(['地区生产总值（2016年）', '驻马店市：1794.5亿元', '保定市：无数据'].join('\n'))
    // The next answer comes after anything the series queued: no photo came in between.
    await nextReply(fake, PRIVATE_CHAT, '牛塘镇固投')
    expect(fake.photos).toHaveLength(photos)
  })
})

describe('a series without a Chinese font', () => {
  it('sends the table alone and says at start why there are no charts', async () => {
    const plain = await startHarness(index, { chartFont: null })
    try {
      expect(plain.logger.lines.find((l) => l.level === 'warn')?.message).toBe(
        'no Chinese font found: series answers are sent without a chart',
      )
      const table = await nextReply(plain.fake, PRIVATE_CHAT, '驻马店市2013年到2016年生产总值')
      expect(table.text).toContain('2016年：1794.5亿元')
      await nextReply(plain.fake, PRIVATE_CHAT, '牛塘镇固投')
      expect(plain.fake.photos).toEqual([])
    } finally {
      await plain.close()
    }
  })
})
