import type { Answer } from '@report-qa/core'
import { describe, expect, it } from 'vitest'
import { AnswerCache } from './answer-cache.ts'

const answer = (question: string) => ({ question }) as Answer

describe('AnswerCache', () => {
  it('forgets the least recently used answer beyond its capacity', () => {
    const cache = new AnswerCache(2)
    const a = cache.add(answer('a'))
    const b = cache.add(answer('b'))
    expect(cache.get(a)?.question).toBe('a') // a is now the most recent
    const c = cache.add(answer('c'))
    expect(cache.get(b)).toBeUndefined()
    expect(cache.get(a)?.question).toBe('a')
    expect(cache.get(c)?.question).toBe('c')
    expect(cache.size).toBe(2)
  })

  it('gives ids short enough for callback data', () => {
    const cache = new AnswerCache(10)
    let id = ''
    for (let k = 0; k < 100_000; k++) id = cache.add(answer('q'))
    expect(Buffer.byteLength(`more:${id}:10`)).toBeLessThanOrEqual(64)
  })
})
