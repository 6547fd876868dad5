import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fixturePath } from '@report-qa/test-fixtures'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRIVATE_CHAT, parseTelegramHtml } from './fake-telegram.ts'
import { buildIndex, startHarness, type Harness } from './harness.ts'

const PER_CHAT_MS = 300
let folder: string
let harness: Harness
let paragraph: string

/**
 * 牛塘镇's report with paragraph 9 grown past 10,000 characters and `<`, `>`, `&`, `_` in the
 * cited clause itself.
 */
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'report-qa-long-'))
  const lines = (await readFile(fixturePath('reports/004_f7326a22c4686d62.txt'), 'utf8')).split('\n')
  paragraph =
    (lines[8] ?? '').replace('固定资产投资21.95亿元', '固定资产投资(含<技改>&R_D)21.95亿元') +
    '其中<重点项目>投资&技改_投入持续加大，R&D经费占比提高；'.repeat(300)
  lines[8] = paragraph
  await writeFile(path.join(folder, '004.txt'), lines.join('\n'))
  harness = await startHarness(await buildIndex(folder), { throttle: { perChatMs: PER_CHAT_MS } })
})
afterAll(async () => {
  await harness?.close()
  await rm(folder, { recursive: true, force: true })
})

describe('a long paragraph with <, >, & and _ in it', () => {
  it('answers with the clause escaped, as HTML that Telegram parses', async () => {
    const { fake } = harness
    fake.say(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    const reply = await fake.waitFor(() => fake.sent[0])
    expect(reply.html).toContain('固定资产投资(含&lt;技改&gt;&amp;R_D)<b>21.95亿元</b>')
    expect(reply.text).toContain('固定资产投资(含<技改>&R_D)21.95亿元,同比增长13%')
    expect(parseTelegramHtml(reply.html)).toEqual({ text: reply.text })
  })

  it('sends it on 原文 in parts of at most 4,096 characters, cut after 。 or ；, one a throttle interval apart', async () => {
    const { fake } = harness
    const reply = fake.sent[0]
    const data = (reply?.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]?.[0]
      ?.callback_data
    fake.press(reply!, data ?? '')
    const parts = await fake.waitFor(() => {
      const sent = fake.sent.slice(1)
      return (
        sent
          .map((m) => m.text)
          .join('')
          .endsWith(paragraph) && sent
      )
    }, 8000)
    expect(parts.length).toBeGreaterThanOrEqual(3)
    for (const part of parts) {
      expect(part.html.length).toBeLessThanOrEqual(4096)
      expect(parseTelegramHtml(part.html)).toEqual({ text: part.text })
    }
    for (const part of parts.slice(0, -1)) expect(part.text).toMatch(/[。；;]$/)
    expect(parts.map((m) => m.text).join('')).toBe(`原文 牛塘镇 · 二、克难求进,经济发展保持稳健态势 · 第9段\n\n${paragraph}`)
    const times = fake
      .callsOf('sendMessage')
      .slice(1)
      .map((c) => c.at)
    // Sent one a throttle interval apart; they arrive within a few ms of that on a busy machine (unthrottled: ~1 ms apart).
    for (let k = 1; k < times.length; k++) expect((times[k] ?? 0) - (times[k - 1] ?? 0)).toBeGreaterThanOrEqual(PER_CHAT_MS - 50)
  })
})
