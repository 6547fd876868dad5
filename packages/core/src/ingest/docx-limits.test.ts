import { readFile } from 'node:fs/promises'
import { fixturePath } from '@report-qa/test-fixtures'
import { docxInflatingTo, makeDocx } from '@report-qa/test-fixtures/docx'
import { describe, expect, it } from 'vitest'
import { coreErrorOf } from '../../test/helpers.ts'
import { checkDocx, DOCX_LIMITS } from './docx-limits.ts'

const MB = 2 ** 20

/** The archive with the central directory's uncompressed size of `part` set to `size` (a lying zip). */
function understate(zip: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(zip)
  for (
    let at = out.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'));
    at >= 0;
    at = out.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'), at - 1)
  ) {
    const nameLength = out.readUInt16LE(at + 28)
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === part) {
      out.writeUInt32LE(size, at + 24)
      return out
    }
  }
  throw new Error(`${part} is not in the archive`)
}

describe('checkDocx', () => {
  it('lets every real .docx through: the fixture and a small made one', async () => {
    await checkDocx(await readFile(fixturePath('corpus/docx/2025年吉林省政府工作报告.docx')), 'jilin.docx')
    await checkDocx(await makeDocx(['政府工作报告', '各位代表：']), 'made.docx')
  })

  // F1: a 180 KB upload whose document.xml inflates to 53 MB ran the API out of heap.
  it('refuses a .docx whose document.xml inflates to 53 MB, from its directory alone', async () => {
    const bomb = await docxInflatingTo(53 * MB)
    expect(bomb.length).toBeLessThan(MB)
    const error = await coreErrorOf(checkDocx(bomb, 'bomb.docx'))
    expect(error.code).toBe('REPORT_TOO_LARGE')
    expect(error.message).toMatch(/^bomb\.docx: word\/document\.xml inflates \d+ times \(at most 100\)$/)
  })

  it('refuses one that unpacks to more text than the limit, however well it compresses', async () => {
    const big = await docxInflatingTo(2 * MB)
    const error = await coreErrorOf(checkDocx(big, 'big.docx', { ...DOCX_LIMITS, maxRatio: Infinity, maxTextBytes: MB }))
    expect(error.message).toBe('big.docx: the .docx unpacks to more than 1 MB of text parts')
  })

  it('refuses an archive that declares less than it inflates to, once it inflates past what it declared', async () => {
    const liar = understate(await docxInflatingTo(4 * MB), 'word/document.xml', 1000)
    const error = await coreErrorOf(checkDocx(liar, 'liar.docx'))
    expect(error.code).toBe('REPORT_TOO_LARGE')
    expect(error.message).toBe('liar.docx: word/document.xml inflates past the size the archive declares')
  })

  it('refuses an archive of too many entries, and one that is no zip at all', async () => {
    const many = await makeDocx(['政府工作报告'])
    expect((await coreErrorOf(checkDocx(many, 'many.docx', { ...DOCX_LIMITS, maxEntries: 2 }))).message).toBe(
      'many.docx: the .docx holds 3 entries (at most 2)',
    )
    const broken = await coreErrorOf(checkDocx(Buffer.from('PK\x03\x04 not really a zip'), 'broken.docx'))
    expect(broken.code).toBe('REPORT_UNREADABLE')
  })
})
