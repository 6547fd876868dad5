import type { Update } from 'telegraf/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRIVATE_CHAT, USER } from './fake-telegram.ts'
import { buildIndex, startHarness, type Harness } from './harness.ts'

const SECRET = 'the-Right_secret42'
let harness: Harness
let hook: string
let updateId = 1

beforeAll(async () => {
  harness = await startHarness(await buildIndex(), { webhook: { url: 'https://bot.example.org/telegram/hook', secret: SECRET } })
  hook = `http://127.0.0.1:${harness.running.port}/telegram/hook`
})
afterAll(async () => harness?.close())

function post(text: string, headers: Record<string, string>, url = hook): Promise<Response> {
  const update: Update.MessageUpdate = {
    update_id: updateId++,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: PRIVATE_CHAT, from: USER, text },
  }
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) })
}

describe('the bot in webhook mode', () => {
  it('registers its URL and secret with setWebhook', () => {
    const [call] = harness.fake.callsOf('setWebhook')
    expect(call?.params).toMatchObject({ url: 'https://bot.example.org/telegram/hook', secret_token: SECRET })
  })

  it('refuses a wrong or missing secret with 401 and answers nothing', async () => {
    expect((await post('牛塘镇上半年固定资产投资多少', { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401)
    expect((await post('牛塘镇上半年固定资产投资多少', {})).status).toBe(401)
    expect(
      (await post('牛塘镇上半年固定资产投资多少', { 'x-telegram-bot-api-secret-token': SECRET }, `${hook}/else`)).status,
    ).toBe(404)
    // The next accepted update's answer is the first message sent: nothing was queued before it.
    const ok = await post('留庄镇招商引资实际到位资金', { 'x-telegram-bot-api-secret-token': SECRET })
    expect(ok.status).toBe(200)
    const reply = await harness.fake.waitFor(() => harness.fake.sent[0])
    expect(reply.text).toContain('2.53亿元')
    expect(harness.fake.sent).toHaveLength(1)
  })

  it('answers an update with the right secret', async () => {
    const before = harness.fake.sent.length
    const response = await post('牛塘镇上半年固定资产投资多少', { 'x-telegram-bot-api-secret-token': SECRET })
    expect(response.status).toBe(200)
    const reply = await harness.fake.waitFor(() => harness.fake.sent[before])
    expect(reply.text).toContain('21.95亿元')
    expect(reply.text).toContain('牛塘镇')
  })
})
