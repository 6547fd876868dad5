import { readFile } from 'node:fs/promises'
import { makeDocx } from '@report-qa/test-fixtures/docx'
import { describe, expect, it } from 'vitest'
import { coreErrorOf, samplePath } from '../../test/helpers.ts'
import { parseInThisThread, ParseThread } from './parse-thread.ts'

/** About `mb` MB of report text: sample 004 again and again, each copy a report of its own (lines marked with its number, so that cleaning keeps them). */
async function manyReports(mb: number): Promise<Buffer> {
  const lines = (await readFile(samplePath('004'), 'utf8')).split('\n')
  const copies = Math.ceil((mb * 2 ** 20) / Buffer.byteLength(lines.join('\n')))
  return Buffer.from(
    Array.from({ length: copies }, (_, k) => lines.map((line) => (line.length > 20 ? `${line}（${k}）` : line)).join('\n')).join(
      '\n',
    ),
  )
}

describe('ParseThread', () => {
  it('reads a file into the same reports as this thread does', async () => {
    const bytes = await readFile(samplePath('002'))
    const thread = new ParseThread()
    try {
      expect(await thread.parse(bytes, '002.txt')).toEqual(await parseInThisThread(bytes, '002.txt'))
    } finally {
      await thread.close()
    }
  })

  it('keeps the code of a file that holds no report', async () => {
    const thread = new ParseThread()
    try {
      const error = await coreErrorOf(thread.parse(new TextEncoder().encode('not a report'), 'junk.txt'))
      expect(error).toMatchObject({ code: 'REPORT_UNREADABLE', message: expect.stringMatching(/^junk\.txt: /) })
    } finally {
      await thread.close()
    }
  })

  it('refuses a file that takes longer than the time limit, then reads the next one in a fresh thread', async () => {
    const thread = new ParseThread({ timeoutMs: 20 })
    try {
      const error = await coreErrorOf(thread.parse(await manyReports(4), 'slow.txt'))
      expect(error).toMatchObject({ code: 'REPORT_TOO_LARGE', message: 'slow.txt: took longer than 0.02 s to read' })
    } finally {
      await thread.close()
    }
    const next = new ParseThread()
    try {
      expect(await next.parse(await readFile(samplePath('004')), '004.txt')).toHaveLength(1)
    } finally {
      await next.close()
    }
  })

  it('refuses a file that needs more heap than the memory limit, and this process carries on', async () => {
    // 3 MB of document.xml, within the .docx limits: mammoth needs some 40 times that.
    const lines = Array.from(
      { length: 40_000 },
      (_, k) => `第${k}段，全镇完成固定资产投资${(k * 7919) % 10007}万元，同比增长${k % 97}%。`,
    )
    const thread = new ParseThread({ memoryMb: 64 })
    try {
      const error = await coreErrorOf(thread.parse(await makeDocx(lines), 'heavy.docx'))
      expect(error).toMatchObject({ code: 'REPORT_TOO_LARGE', message: 'heavy.docx: needed more than 64 MB to read' })
      expect(await thread.parse(await readFile(samplePath('004')), '004.txt')).toHaveLength(1)
    } finally {
      await thread.close()
    }
  })

  it('leaves the event loop free while it reads', async () => {
    const thread = new ParseThread()
    try {
      await thread.parse(await readFile(samplePath('004')), 'warm.txt') // the thread started
      let ticks = 0
      const ticker = setInterval(() => ticks++, 1)
      const reports = await thread.parse(await manyReports(4), 'long.txt')
      clearInterval(ticker)
      expect(reports.length).toBeGreaterThan(100)
      expect(ticks).toBeGreaterThan(10) // a parse in this thread would let none through
    } finally {
      await thread.close()
    }
  })
})
