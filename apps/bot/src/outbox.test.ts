import { TelegramError } from 'telegraf'
import { describe, expect, it } from 'vitest'
import { recordingLogger } from '../test/logger.ts'
import { Outbox } from './outbox.ts'

describe('Outbox', () => {
  it('keeps one chat to one message per interval, in order, without holding up other chats', async () => {
    const outbox = new Outbox({ logger: recordingLogger(), perChatMs: 100 })
    const times: [string, number][] = []
    const start = Date.now()
    const record = (label: string) => async () => void times.push([label, Date.now() - start])
    await Promise.all([outbox.send(1, 'm', record('a1')), outbox.send(1, 'm', record('a2')), outbox.send(2, 'm', record('b1'))])
    expect(times.map(([label]) => label)).toEqual(['a1', 'b1', 'a2'])
    const at = Object.fromEntries(times)
    expect(at.a2! - at.a1!).toBeGreaterThanOrEqual(95)
    expect(at.b1!).toBeLessThan(50)
  })

  it('sends no more than perSecond calls in any second', async () => {
    const outbox = new Outbox({ logger: recordingLogger(), perChatMs: 0, perSecond: 3 })
    const times: number[] = []
    const start = Date.now()
    await Promise.all([1, 2, 3, 4].map((chat) => outbox.send(chat, 'm', async () => void times.push(Date.now() - start))))
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(990)
  })

  it('retries a 429 after retry_after and gives up, logged, on other errors', async () => {
    const logger = recordingLogger()
    const outbox = new Outbox({ logger, perChatMs: 0 })
    let calls = 0
    await outbox.send(1, 'sendMessage', async () => {
      if (calls++ === 0)
        throw new TelegramError({ error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 0.05 } })
    })
    expect(calls).toBe(2)
    await outbox.send(1, 'sendMessage', async () => {
      throw new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    })
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'Telegram asked to slow down; retrying'],
      ['error', 'a message could not be sent'],
    ])
  })

  it('drops, and logs, messages beyond the queue bound of a chat', async () => {
    const logger = recordingLogger()
    const outbox = new Outbox({ logger, perChatMs: 0, maxQueued: 2 })
    let sent = 0
    await Promise.all([1, 2, 3].map(() => outbox.send(7, 'm', async () => void sent++)))
    expect(sent).toBe(2)
    expect(logger.lines[0]?.message).toBe('dropped a message: too many waiting for this chat')
  })
})
