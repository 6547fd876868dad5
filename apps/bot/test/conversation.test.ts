import type { ReportIndex } from '@report-qa/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLLEAGUE, COLLEAGUE_CHAT, GROUP_CHAT, PRIVATE_CHAT, type FakeTelegram } from './fake-telegram.ts'
import { buildSharedIndex, manualClock, nextReply, startHarness, type Harness } from './harness.ts'

const MINUTE = 60_000
/** A figure with its unit, as an answer would state it. */
const FIGURE = /\d+(?:\.\d+)?\s*(?:%|％|亿元|万元)/

let index: ReportIndex
let harness: Harness
let fake: FakeTelegram
const clock = manualClock()

beforeAll(async () => {
  index = await buildSharedIndex()
  // The per-user limit has its own tests: here one user asks more than 20 questions of a clock that barely moves.
  harness = await startHarness(index, { now: clock.now, questionsPerMinute: 1000 })
  fake = harness.fake
}, 60_000)
afterAll(async () => harness?.close())

const ask = (chat: Parameters<typeof nextReply>[1], text: string, options: Parameters<typeof nextReply>[3] = {}) =>
  nextReply(fake, chat, text, options)

describe('a conversation in a private chat', () => {
  it('follows 增速呢 and 那2017年呢 (1794.5亿元, 8.5%, 8.3%), while another chat’s 那2017年呢 gets no figure', async () => {
    const first = await ask(PRIVATE_CHAT, '驻马店市2016年生产总值是多少')
    expect(first.text).toContain('1794.5亿元')
    expect(first.text).not.toContain('接着问')

    const growth = await ask(PRIVATE_CHAT, '增速呢')
    expect(growth.text).toMatch(/^驻马店市2016年：/)
    expect(growth.text).toContain('8.5%')
    expect(growth.text).toContain('接着问：驻马店市 · 2016年 · 地区生产总值增速（/reset 重新开始）')

    const next = await ask(PRIVATE_CHAT, '那2017年呢')
    expect(next.text).toMatch(/^驻马店市2017年：/)
    expect(next.text).toContain('8.3%')

    const other = await ask(COLLEAGUE_CHAT, '那2017年呢')
    expect(other.text).toMatch(/^未找到：/)
    expect(other.text).not.toMatch(FIGURE)
    expect(other.text).not.toContain('驻马店市2017年')
  })

  it('forgets the conversation after 30 minutes without a question, and says why a follow-up then fails', async () => {
    await ask(PRIVATE_CHAT, '驻马店市2016年生产总值是多少')
    clock.advance(29 * MINUTE)
    const within = await ask(PRIVATE_CHAT, '那2017年呢')
    expect(within.text).toMatch(/^驻马店市2017年：.*2000亿元/)
    // The 30 minutes count from the last question, not the first.
    clock.advance(29 * MINUTE)
    expect((await ask(PRIVATE_CHAT, '那2016年呢')).text).toContain('1794.5亿元')
    clock.advance(30 * MINUTE)
    const after = await ask(PRIVATE_CHAT, '那2017年呢')
    expect(after.text).toMatch(/^未找到：/)
    expect(after.text).not.toMatch(FIGURE)
    expect(after.text).toContain('上一段对话超过30分钟没有继续，已经结束')
  })

  it('starts afresh on /reset', async () => {
    await ask(PRIVATE_CHAT, '驻马店市2016年生产总值是多少')
    expect((await ask(PRIVATE_CHAT, '/reset')).text).toBe('好的，重新开始：下一个问题不再沿用之前的地点、年份和指标。')
    const after = await ask(PRIVATE_CHAT, '那2017年呢')
    expect(after.text).toMatch(/^未找到：/)
    expect(after.text).not.toMatch(FIGURE)
    expect(after.text).not.toContain('30分钟')
    await ask(PRIVATE_CHAT, '/reset')
    expect((await ask(PRIVATE_CHAT, '/reset')).text).toBe('现在没有进行中的对话，直接提问即可。')
  })
})

describe('conversations in a group', () => {
  it('keeps one per person: a colleague’s follow-up does not continue mine, nor does my private chat', async () => {
    const mine = await ask(GROUP_CHAT, '/ask 驻马店市2016年生产总值是多少')
    expect(mine.text).toContain('1794.5亿元')

    const colleagues = await ask(GROUP_CHAT, '/ask 那2017年呢', { from: COLLEAGUE })
    expect(colleagues.text).toMatch(/^未找到：/)
    expect(colleagues.text).not.toMatch(FIGURE)

    // A reply to the bot and a mention continue my conversation in the group.
    const growth = await ask(GROUP_CHAT, '增速呢', { replyTo: mine })
    expect(growth.text).toContain('8.5%')
    const next = await ask(GROUP_CHAT, '@report_qa_bot 那2017年呢')
    expect(next.text).toContain('8.3%')

    // The colleague's /reset is his own.
    expect((await ask(GROUP_CHAT, '/reset', { from: COLLEAGUE })).text).toContain('重新开始')
    expect((await ask(GROUP_CHAT, '/ask 那2016年呢')).text).toContain('8.5%')

    // My private chat is another conversation.
    await ask(PRIVATE_CHAT, '/reset')
    const inPrivate = await ask(PRIVATE_CHAT, '那2017年呢')
    expect(inPrivate.text).toMatch(/^未找到：/)
  })
})
