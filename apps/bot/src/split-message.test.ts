import { describe, expect, it } from 'vitest'
import { escapeHtml } from './format.ts'
import { MESSAGE_LIMIT, splitMessage } from './split-message.ts'

describe('splitMessage', () => {
  it('keeps a short text whole', () => {
    expect(splitMessage('固定资产投资21.95亿元。')).toEqual(['固定资产投资21.95亿元。'])
  })

  it('cuts after the last 。 or ； that fits, and the parts join back into the text', () => {
    const text = '第一句话。第二句话；第三句话，没有句号'
    const parts = splitMessage(text, 10)
    expect(parts).toEqual(['第一句话。第二句话；', '第三句话，没有句号'])
    expect(parts.join('')).toBe(text)
  })

  it('cuts a sentence longer than the limit at the limit, never inside a surrogate pair', () => {
    const text = `${'字'.repeat(5)}😀${'字'.repeat(5)}`
    const parts = splitMessage(text, 6)
    expect(parts.join('')).toBe(text)
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(6)
      expect(part).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
    }
  })

  it('measures with the given function, so escaped parts fit too', () => {
    const text = '&<>。'.repeat(2000)
    const parts = splitMessage(text, MESSAGE_LIMIT, (part) => escapeHtml(part).length)
    expect(parts.join('')).toBe(text)
    for (const part of parts) expect(escapeHtml(part).length).toBeLessThanOrEqual(MESSAGE_LIMIT)
    for (const part of parts.slice(0, -1)) expect(part.endsWith('。')).toBe(true)
  })
})
