import type { AskContext } from '@report-qa/core'
import { describe, expect, it } from 'vitest'
import { manualClock } from '../test/clock.ts'
import { Conversations } from './conversations.ts'

const context = (year: number): AskContext => ({
  v: 1,
  places: [{ key: 'k', name: '驻马店市' }],
  level: null,
  years: [year],
  range: null,
  all: false,
  period: null,
  indicator: '地区生产总值',
  measure: 'value',
  target: false,
})

describe('Conversations', () => {
  it('keys a private chat by the chat, a group by the chat and the person', () => {
    expect(Conversations.key({ id: 1001, type: 'private' }, 1001)).toBe('1001')
    expect(Conversations.key({ id: -100777, type: 'supergroup' }, 1001)).toBe('-100777:1001')
    expect(Conversations.key({ id: -100777, type: 'supergroup' }, 1002)).toBe('-100777:1002')
    expect(Conversations.key({ id: -5, type: 'group' }, 1001)).toBe('-5:1001')
  })

  it('gives back the last context until 30 minutes pass without a question, then says it expired', () => {
    const time = manualClock(1_000_000)
    const conversations = new Conversations({ now: time.now })
    expect(conversations.turn('a')).toEqual({ context: undefined, expired: false })
    conversations.remember('a', context(2016))
    time.advance(29 * 60_000)
    expect(conversations.turn('a').context).toEqual(context(2016))
    // Each answer starts the 30 minutes again.
    conversations.remember('a', context(2017))
    time.advance(29 * 60_000)
    expect(conversations.turn('a').context).toEqual(context(2017))
    time.advance(60_000)
    expect(conversations.turn('a')).toEqual({ context: undefined, expired: true })
    // Said once: afterwards there is simply no conversation.
    expect(conversations.turn('a')).toEqual({ context: undefined, expired: false })
  })

  it('keeps conversations apart and forgets one on /reset', () => {
    const conversations = new Conversations()
    conversations.remember('a', context(2016))
    conversations.remember('b', context(2020))
    expect(conversations.forget('a')).toBe(true)
    expect(conversations.forget('a')).toBe(false)
    expect(conversations.turn('a')).toEqual({ context: undefined, expired: false })
    expect(conversations.turn('b').context).toEqual(context(2020))
  })

  it('drops the conversation idle longest beyond its capacity, and expired ones as new ones come', () => {
    const time = manualClock(1_000_000)
    const conversations = new Conversations({ capacity: 2, now: time.now })
    conversations.remember('a', context(1))
    time.advance(1)
    conversations.remember('b', context(2))
    time.advance(1)
    conversations.remember('a', context(3)) // a is now the most recent
    conversations.remember('c', context(4))
    expect(conversations.size).toBe(2)
    expect(conversations.turn('b').context).toBeUndefined()
    expect(conversations.turn('a').context).toEqual(context(3))
    time.advance(31 * 60_000)
    conversations.remember('d', context(5))
    expect(conversations.size).toBe(1)
  })
})
