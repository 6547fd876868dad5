import type { ReportIndex } from '@report-qa/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GROUP_CHAT, PRIVATE_CHAT, parseTelegramHtml, type FakeTelegram } from './fake-telegram.ts'
import { buildIndex, startHarness, type Harness } from './harness.ts'

type Sent = FakeTelegram['sent'][number]

let index: ReportIndex
let harness: Harness
let fake: FakeTelegram

beforeAll(async () => {
  index = await buildIndex()
  harness = await startHarness(index)
  fake = harness.fake
})
afterAll(async () => harness?.close())

/** The user writes `text`; resolves with the bot's next message to that chat. */
async function question(
  chat: typeof PRIVATE_CHAT | typeof GROUP_CHAT,
  text: string,
  options: Parameters<FakeTelegram['say']>[2] = {},
): Promise<Sent> {
  const before = fake.sent.length
  fake.say(chat, text, options)
  return fake.waitFor(() => fake.sent.slice(before).find((m) => m.chat.id === chat.id))
}

function buttons(message: Sent): { text: string; callback_data: string }[] {
  const markup = message.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined
  return markup?.inline_keyboard.flat() ?? []
}

function button(message: Sent, label: string): string {
  const found = buttons(message).find((b) => b.text === label)
  if (!found) throw new Error(`no ${label} button on: ${message.text}`)
  return found.callback_data
}

describe('the bot in a private chat', () => {
  it('answers a question with 21.95亿元 in bold first, then 牛塘镇 report, section and paragraph, then the quote', async () => {
    const reply = await question(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    expect(reply.html.split('\n')[0]).toContain('<b>21.95亿元</b>')
    expect(reply.text).toMatch(/^牛塘镇2022年上半年：固定资产投资21\.95亿元/)
    expect(reply.text).toContain('出处：牛塘镇 《牛塘镇政府工作报告》（2022-07-14，2022年上半年）')
    expect(reply.text).toContain('位置：二、克难求进,经济发展保持稳健态势 · 第9段')
    expect(reply.html).toContain('<blockquote>固定资产投资21.95亿元,同比增长13%</blockquote>')
    expect(reply.params.parse_mode).toBe('HTML')
    expect(buttons(reply).map((b) => b.text)).toEqual(['原文'])
    for (const b of buttons(reply)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64)
  })

  it('says an unknown town is not found, naming it and the places it knows', async () => {
    const reply = await question(PRIVATE_CHAT, '黄桥镇上半年固定资产投资多少')
    expect(reply.text).toContain('没有黄桥镇的报告')
    expect(reply.text).toContain('现有报告的地点：')
    for (const place of ['牛塘镇', '留庄镇', '东明镇']) expect(reply.text).toContain(place)
    expect(buttons(reply)).toEqual([])
  })

  it('says a known town lacks the figure without listing places', async () => {
    const reply = await question(PRIVATE_CHAT, '牛塘镇粮食产量多少')
    expect(reply.text).toContain('未找到：牛塘镇的报告中没有粮食产量的数据')
    expect(reply.text).not.toContain('现有报告的地点')
  })

  it('answers /start with what it answers, three examples and how to cite', async () => {
    const reply = await question(PRIVATE_CHAT, '/start')
    expect(reply.text).toContain('政府工作报告')
    expect(reply.text.match(/^• .+$/gm)).toHaveLength(3)
    expect(reply.text).toContain('引用时请写明')
    expect(reply.text).toContain('@report_qa_bot')
  })

  it('answers /help the same way', async () => {
    const reply = await question(PRIVATE_CHAT, '/help')
    expect(reply.text).toContain('引用时请写明')
  })

  it('lists the places and periods it holds on /reports', async () => {
    const reply = await question(PRIVATE_CHAT, '/reports')
    expect(reply.text).toContain('现有7份报告，7个地点')
    expect(reply.text).toContain('• 牛塘镇：2022年上半年（2022-07-14）')
    expect(reply.text).toContain('• 孙岗镇：2023年')
  })

  it('refuses a question over 200 characters politely', async () => {
    const reply = await question(PRIVATE_CHAT, '牛塘镇'.repeat(70))
    expect(reply.text).toBe('问题太长了：最多200个字。')
  })

  it('sends the whole cited paragraph when 原文 is pressed', async () => {
    const reply = await question(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    const answered = fake.callsOf('answerCallbackQuery').length
    const before = fake.sent.length
    fake.press(reply, button(reply, '原文'))
    const paragraph = await fake.waitFor(() => fake.sent[before])
    expect(paragraph.text).toMatch(/^原文 牛塘镇 · 二、克难求进,经济发展保持稳健态势 · 第9段\n\n二、克难求进/)
    expect(paragraph.text).toContain('固定资产投资21.95亿元,同比增长13%')
    expect(fake.callsOf('answerCallbackQuery')).toHaveLength(answered + 1)
  })

  it('shows the next citations when 更多 is pressed', async () => {
    const reply = await question(PRIVATE_CHAT, '东明镇发放低保金多少')
    expect(reply.text).toContain('1509.58万元')
    expect(buttons(reply).map((b) => b.text)).toEqual(['原文', '更多'])
    const before = fake.sent.length
    fake.press(reply, button(reply, '更多'))
    const more = await fake.waitFor(() => fake.sent[before])
    expect(more.text).toMatch(/^其他出处（2–2，共2条）：\n\n2\. 出处：东明镇/)
    expect(buttons(more).map((b) => b.text)).toEqual(['原文 2'])
  })

  it('asks to ask again when a button belongs to an answer it no longer holds', async () => {
    const reply = await question(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    const answered = fake.callsOf('answerCallbackQuery').length
    fake.press(reply, 'src:zzzz:0')
    const call = await fake.waitFor(() => fake.callsOf('answerCallbackQuery')[answered])
    expect(call.params.text).toBe('这条回答已过期，请重新提问。')
  })
})

describe('the bot in a group', () => {
  it('ignores a message without a mention, then answers /ask replying to it', async () => {
    fake.say(GROUP_CHAT, '牛塘镇上半年固定资产投资多少')
    const ask = fake.say(GROUP_CHAT, '/ask 牛塘镇上半年固定资产投资多少')
    const reply = await fake.waitFor(() => fake.sentTo(GROUP_CHAT.id).at(-1))
    // Sends to a chat keep their order, so an answer to the first message would have come first.
    expect(fake.sentTo(GROUP_CHAT.id)).toHaveLength(1)
    expect(reply.text).toContain('21.95亿元')
    expect(reply.params.reply_parameters).toMatchObject({ message_id: ask.message_id })
  })

  it('answers /ask@its_name too', async () => {
    const reply = await question(GROUP_CHAT, '/ask@report_qa_bot 留庄镇招商引资实际到位资金')
    expect(reply.text).toContain('2.53亿元')
  })

  it('answers a mention of the bot, without the mention in the question', async () => {
    const reply = await question(GROUP_CHAT, '@report_qa_bot 东明镇享受低保政策的有多少户')
    expect(reply.text).toContain('2581户')
  })

  it('answers a reply to one of its messages', async () => {
    const mine = fake.sentTo(GROUP_CHAT.id).at(-1)
    if (!mine) throw new Error('the bot has not spoken in the group yet')
    const reply = await question(GROUP_CHAT, '牛塘镇上半年固定资产投资多少', { replyTo: mine })
    expect(reply.text).toContain('21.95亿元')
  })

  it('ignores a mention of someone else and a reply to someone else', async () => {
    const other = fake.say(GROUP_CHAT, '@somebody_else 牛塘镇上半年固定资产投资多少')
    fake.say(GROUP_CHAT, '牛塘镇上半年固定资产投资多少', { replyTo: other })
    const count = fake.sentTo(GROUP_CHAT.id).length
    const reply = await question(GROUP_CHAT, '/ask 东明镇就近办办件量多少')
    expect(fake.sentTo(GROUP_CHAT.id)).toHaveLength(count + 1)
    expect(reply.text).toContain('2805件')
  })
})

describe('the bot under Telegram errors', () => {
  it('retries a 429 after its retry_after and delivers the message once', async () => {
    const calls = fake.callsOf('sendMessage').length
    const sent = fake.sent.length
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    })
    const reply = await question(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    expect(reply.text).toContain('21.95亿元')
    const [refused, delivered, ...rest] = fake.callsOf('sendMessage').slice(calls)
    expect(refused?.ok).toBe(false)
    expect(delivered?.ok).toBe(true)
    expect(rest).toEqual([])
    expect((delivered?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(fake.sent.slice(sent)).toEqual([reply])
  })

  it('logs a failed send and keeps answering', async () => {
    fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' })
    fake.say(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    await fake.waitFor(() => harness.logger.lines.find((l) => l.message === 'a message could not be sent'))
    const reply = await question(PRIVATE_CHAT, '留庄镇招商引资实际到位资金')
    expect(reply.text).toContain('2.53亿元')
  })

  it('logs an update that failed, apologises, and keeps answering (bot.catch)', async () => {
    const reply = await question(PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    fake.failNext('answerCallbackQuery', { error_code: 400, description: 'Bad Request: query is too old' })
    const before = fake.sent.length
    fake.press(reply, button(reply, '原文'))
    const apology = await fake.waitFor(() => fake.sent.slice(before).find((m) => m.text.startsWith('抱歉')))
    expect(apology.text).toBe('抱歉，出了点问题，请稍后再试。')
    expect(harness.logger.lines.some((l) => l.level === 'error' && l.message === 'an update could not be handled')).toBe(true)
    const next = await question(PRIVATE_CHAT, '东明镇就近办办件量多少')
    expect(next.text).toContain('2805件')
  })

  it('sent only HTML that Telegram parses, none over 4,096 characters', () => {
    for (const message of fake.sent) {
      expect(parseTelegramHtml(message.html)).toEqual({ text: message.text })
      expect(message.text.length).toBeLessThanOrEqual(4096)
    }
    expect(fake.calls.filter((c) => !c.ok && c.method === 'sendMessage').map((c) => c.params.text)).toHaveLength(2)
  })
})
