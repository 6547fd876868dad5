import { describe, expect, it } from 'vitest'
import { paragraphPayload, parseParagraphPayload, startLink } from './deep-link.ts'

const citation = { reportId: '08b8869269-2', paragraph: 9, quote: { text: '固定资产投资21.95亿元', start: 118, end: 137 } }

describe('paragraph deep links', () => {
  it('names the report, the paragraph and the quote, and reads back the same', () => {
    const payload = paragraphPayload(citation)
    expect(payload).toBe('p_08b8869269-2_9_118_137')
    expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(parseParagraphPayload(payload!)).toEqual({ reportId: '08b8869269-2', paragraph: 9, quote: { start: 118, end: 137 } })
    expect(startLink('report_qa_bot', payload!)).toBe('https://t.me/report_qa_bot?start=p_08b8869269-2_9_118_137')
  })

  it('reads the form p_<report>_<paragraph> without a quote', () => {
    expect(parseParagraphPayload('p_08b8869269-2_9')).toEqual({ reportId: '08b8869269-2', paragraph: 9, quote: null })
  })

  it('leaves out the quote when it would pass 64 characters, and gives no link for an id it cannot carry', () => {
    const long = { ...citation, reportId: 'a'.repeat(55) }
    expect(paragraphPayload(long)).toBe(`p_${'a'.repeat(55)}_9`)
    expect(paragraphPayload({ ...citation, reportId: 'a'.repeat(70) })).toBeNull()
    expect(paragraphPayload({ ...citation, reportId: 'a_b' })).toBeNull()
  })

  it('is not fooled by other start parameters', () => {
    for (const payload of ['', 'help', 'p_', 'p_abc', 'p_abc_x', 'q_abc_9', 'p_abc_9_5'])
      expect(parseParagraphPayload(payload)).toBeNull()
    expect(parseParagraphPayload('p_abc_9_7_5')?.quote).toBeNull()
  })
})
