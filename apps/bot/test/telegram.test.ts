import type { ReportIndex } from '@report-qa/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBot } from '../src/bot.ts'
import { startPolling } from '../src/launch.ts'
import { COLLEAGUE, COLLEAGUE_CHAT, FakeTelegram, PRIVATE_CHAT, parseTelegramHtml, USER } from './fake-telegram.ts'
import { buildSharedIndex, manualClock, nextReply, startHarness, TOKEN, type Harness } from './harness.ts'
import { recordingLogger } from './logger.ts'

interface InlineArticle {
  id: string
  type: string
  title: string
  description: string
  input_message_content: { message_text: string; parse_mode: string }
  reply_markup?: { inline_keyboard: { text: string; url: string }[][] }
}
interface InlineAnswer {
  results: InlineArticle[]
  cache_time?: number
  button?: { text: string; start_parameter: string }
}

let index: ReportIndex
let harness: Harness
let fake: FakeTelegram
const clock = manualClock()

beforeAll(async () => {
  index = await buildSharedIndex()
  harness = await startHarness(index, { now: clock.now })
  fake = harness.fake
}, 60_000)
afterAll(async () => harness?.close())

async function inline(query: string, from = USER): Promise<InlineAnswer> {
  const id = fake.inline(query, from)
  return fake.waitFor(() => fake.inlineAnswer(id) as InlineAnswer | undefined)
}

function buttonData(message: FakeTelegram['sent'][number], label: string): string {
  const markup = message.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }
  const button = markup.inline_keyboard.flat().find((b) => b.text === label)
  if (!button) throw new Error(`no ${label} button on: ${message.text}`)
  return button.callback_data
}

describe('the command menu', () => {
  it('is set on start, before polling: /start /help /reports /reset in Chinese, and /ask in groups', () => {
    const menus = fake.callsOf('setMyCommands')
    expect(menus).toHaveLength(2)
    const [all, groups] = menus.map(
      (call) => call.params as { commands: { command: string; description: string }[]; scope?: unknown },
    )
    expect(all?.commands.map((c) => c.command)).toEqual(['start', 'help', 'reports', 'reset'])
    expect(all?.scope).toBeUndefined()
    expect(groups?.commands.map((c) => c.command)).toEqual(['ask', 'start', 'help', 'reports', 'reset'])
    expect(groups?.scope).toEqual({ type: 'all_group_chats' })
    for (const { description } of [...(all?.commands ?? []), ...(groups?.commands ?? [])])
      expect(description).toMatch(/^[\u4e00-\u9fff]/)
    // Set before polling starts (getUpdates and the deleteWebhook before it come later).
    expect(fake.calls.slice(0, 3).map((c) => c.method)).toEqual(['getMe', 'setMyCommands', 'setMyCommands'])
  })

  it('does not keep the bot from starting when it cannot be set', async () => {
    const other = await new FakeTelegram().start()
    other.failNext('setMyCommands', { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' })
    const logger = recordingLogger()
    const reportBot = createBot({
      token: TOKEN,
      apiRoot: other.url,
      index: { current: index },
      logger,
      throttle: { perChatMs: 20 },
    })
    const running = await startPolling(reportBot, logger)
    try {
      expect(logger.lines.find((l) => l.level === 'warn' && l.message === 'the command menu could not be set')).toBeDefined()
      expect((await nextReply(other, PRIVATE_CHAT, '牛塘镇固投')).text).toContain('21.95亿元')
    } finally {
      await running.stop()
      await other.close()
    }
  })
})

describe('inline mode', () => {
  it('answers @bot 牛塘镇固投 with the cited figure, its source and a 原文 link, sending nothing itself', async () => {
    const sent = fake.sent.length
    const answer = await inline('牛塘镇固投')
    expect(answer.results.length).toBeGreaterThanOrEqual(1)
    const [first] = answer.results
    expect(first?.title).toBe('牛塘镇2022年上半年：固定资产投资21.95亿元，同比增长13%。')
    expect(first?.description).toContain('牛塘镇')
    expect(first?.description).toContain('第9段')
    const message = first?.input_message_content
    expect(message?.parse_mode).toBe('HTML')
    const text = parseTelegramHtml(message?.message_text ?? '')
    expect(text).toEqual({
      text: [
        '牛塘镇2022年上半年：固定资产投资21.95亿元，同比增长13%。',
        '',
        '出处：牛塘镇 《牛塘镇政府工作报告》（2022-07-14，2022年上半年）',
        '位置：二、克难求进,经济发展保持稳健态势 · 第9段',
        '固定资产投资21.95亿元,同比增长13%',
      ].join('\n'),
    })
    const link = first?.reply_markup?.inline_keyboard[0]?.[0]
    expect(link?.text).toBe('原文')
    expect(link?.url).toMatch(/^https:\/\/t\.me\/report_qa_bot\?start=p_[0-9a-f]+-\d+_9_\d+_\d+$/)
    expect(fake.sent.length).toBe(sent)
  })

  it('gives at most five results, one for each cited figure of a series', async () => {
    const answer = await inline('驻马店市历年生产总值')
    expect(answer.results.map((r) => r.title)).toEqual([
      '驻马店市2001年：306.2亿元',
      '驻马店市2002年：332亿元',
      '驻马店市2003年：345.7亿元',
      '驻马店市2004年：444.7亿元',
      '驻马店市2005年：496.25亿元',
    ])
    for (const result of answer.results) {
      const [figure] = result.title.split('：').slice(-1)
      expect(parseTelegramHtml(result.input_message_content.message_text)).toMatchObject({
        text: expect.stringContaining(figure!),
      })
    }
  })

  it('reads no conversation and leaves none: a follow-up inline finds nothing, and an inline answer is not continued', async () => {
    await nextReply(fake, PRIVATE_CHAT, '驻马店市2016年生产总值是多少')
    const followUp = await inline('增速呢')
    expect(followUp.results).toEqual([])
    expect(followUp.button?.text).toMatch(/^未找到：/)
    expect(followUp.button?.start_parameter).toBe('help')

    await nextReply(fake, PRIVATE_CHAT, '/reset')
    await inline('驻马店市2016年生产总值是多少')
    const reply = await nextReply(fake, PRIVATE_CHAT, '增速呢')
    expect(reply.text).toMatch(/^未找到：/)
  })

  it('shows how to ask when the query is empty', async () => {
    const answer = await inline('  ')
    expect(answer.results).toEqual([])
    expect(answer.button).toEqual({ text: '输入问题，例如：牛塘镇上半年固定资产投资多少', start_parameter: 'help' })
  })
})

describe('deep links and 原文', () => {
  it('opens the paragraph of an inline result’s link, with its source and the clause in bold', async () => {
    const [first] = (await inline('牛塘镇固投')).results
    const payload = new URL(first?.reply_markup?.inline_keyboard[0]?.[0]?.url ?? '').searchParams.get('start')
    const opened = await nextReply(fake, PRIVATE_CHAT, `/start ${payload}`)
    expect(opened.text).toMatch(
      /^原文 牛塘镇 · 二、克难求进,经济发展保持稳健态势 · 第9段\n出处：牛塘镇 《牛塘镇政府工作报告》（2022-07-14，2022年上半年）\n位置：.*第9段\n\n二、克难求进/,
    )
    expect(opened.html).toContain('<b>固定资产投资21.95亿元,同比增长13%</b>')
  })

  it('opens /start p_<report>_<paragraph> without a clause, and says when the paragraph is gone', async () => {
    const [first] = (await inline('牛塘镇固投')).results
    const payload = new URL(first?.reply_markup?.inline_keyboard[0]?.[0]?.url ?? '').searchParams.get('start') ?? ''
    const plain = payload.split('_').slice(0, 3).join('_')
    const opened = await nextReply(fake, PRIVATE_CHAT, `/start ${plain}`)
    expect(opened.text).toContain('固定资产投资21.95亿元,同比增长13%')
    expect(opened.html.match(/<b>/g)).toHaveLength(1) // 原文 only
    const gone = await nextReply(fake, PRIVATE_CHAT, `/start ${plain.replace(/_9$/, '_999')}`)
    expect(gone.text).toBe('找不到这一段了：报告可能已经更新或删除，请重新提问。')
    expect((await nextReply(fake, PRIVATE_CHAT, '/start')).text).toContain('引用时请写明')
  })

  it('shows the paragraph with the cited clause in bold when 原文 is pressed', async () => {
    const reply = await nextReply(fake, PRIVATE_CHAT, '牛塘镇上半年固定资产投资多少')
    const before = fake.sent.length
    fake.press(reply, buttonData(reply, '原文'))
    const paragraph = await fake.waitFor(() => fake.sent[before])
    expect(paragraph.html).toContain('<b>固定资产投资21.95亿元,同比增长13%</b>')
    expect(paragraph.html.match(/<b>/g)).toHaveLength(2)
  })
})

describe('the per-user limit', () => {
  it('answers 20 questions a minute, then says politely when to ask again, once, and does not slow anyone else', async () => {
    const before = fake.sentTo(COLLEAGUE_CHAT.id).length
    for (let k = 0; k < 20; k++) {
      expect((await nextReply(fake, COLLEAGUE_CHAT, '牛塘镇固投', { from: COLLEAGUE })).text).toContain('21.95亿元')
    }
    const refused = await nextReply(fake, COLLEAGUE_CHAT, '东明镇就近办办件量多少', { from: COLLEAGUE })
    expect(refused.text).toBe('问得有点快了：每人每分钟最多20个问题。请60秒后再问，谢谢！')
    fake.say(COLLEAGUE_CHAT, '牛塘镇固投', { from: COLLEAGUE })
    fake.say(COLLEAGUE_CHAT, '牛塘镇固投', { from: COLLEAGUE })
    // Someone else asks meanwhile and is answered.
    expect((await nextReply(fake, PRIVATE_CHAT, '牛塘镇固投')).text).toContain('21.95亿元')

    // A minute on, the next question is answered, and it is the next message: the two after the notice were dropped.
    clock.advance(60_000)
    const next = await nextReply(fake, COLLEAGUE_CHAT, '东明镇就近办办件量多少', { from: COLLEAGUE })
    expect(next.text).toContain('2805件')
    expect(fake.sentTo(COLLEAGUE_CHAT.id).slice(before)).toHaveLength(22)
  })
})
