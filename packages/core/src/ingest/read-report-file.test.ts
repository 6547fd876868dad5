import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '@report-qa/test-fixtures'
import { CoreError, isCoreError } from '../errors.ts'
import { decodeText } from './decode.ts'
import { bytesToText, isReportFile, MAX_REPORT_BYTES, readReportFile } from './read-report-file.ts'
import { samplePath, seededRandom, tempDir } from '../../test/helpers.ts'

const gbkFile = fixturePath('corpus', 'encodings', '海拉尔区_2019_gbk_crlf.txt')
const docxFile = fixturePath('corpus', 'docx', '2025年吉林省政府工作报告.docx')
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf)

/** The error a promise or call rejects with (fails the test when it does not). */
async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

describe('decodeText', () => {
  it('reads the GBK+CRLF file as the same text as its UTF-8 re-encoding', async () => {
    const bytes = await readFile(gbkFile)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow() // really not UTF-8
    const text = decodeText(bytes, 'gbk.txt')
    expect(text).toContain('海拉尔区')
    expect(text).toContain('\r\n')
    const utf8 = new TextEncoder().encode(text)
    expect(decodeText(utf8, 'utf8.txt')).toBe(text)
    expect(text).not.toContain('\ufffd')
  })

  it('strips a UTF-8 byte order mark', async () => {
    const bytes = await readFile(samplePath('004'))
    const withBom = new Uint8Array([...BOM, ...bytes])
    const text = decodeText(withBom, 'bom.txt')
    expect(text.charCodeAt(0)).not.toBe(0xfeff)
    expect(text).toBe(decodeText(bytes, 'plain.txt'))
  })
})

describe('readReportFile', () => {
  it('gives the GBK file the same clean text as a UTF-8 copy of it', async () => {
    const temp = await tempDir()
    try {
      const utf8Copy = path.join(temp.dir, 'utf8.txt')
      await writeFile(utf8Copy, decodeText(await readFile(gbkFile), 'gbk.txt'), 'utf8')
      const fromGbk = await readReportFile(gbkFile)
      expect(fromGbk).toBe(await readReportFile(utf8Copy))
      expect(fromGbk).not.toContain('\r')
      expect(fromGbk.split('\n')[0]).toBe('政府工作报告')
    } finally {
      await temp.dispose()
    }
  })

  it('gives a file with BOM and CRLF the same text as the plain UTF-8 file', async () => {
    const plain = await readFile(samplePath('000'))
    const crlf = new TextEncoder().encode(new TextDecoder().decode(plain).replace(/\n/g, '\r\n'))
    const expected = await bytesToText(plain, '000.txt')
    expect(await bytesToText(new Uint8Array([...BOM, ...crlf]), '000.txt')).toBe(expected)
    expect(expected.startsWith('政府工作报告\n')).toBe(true)
  })

  it('reads the .docx through mammoth, one paragraph a line', async () => {
    const text = await bytesToText(await readFile(docxFile), '吉林省.docx')
    const lines = text.split('\n')
    expect(lines.length).toBeGreaterThanOrEqual(50)
    expect(lines[0]).toContain('政府工作报告')
    expect(text).toContain('胡玉亭')
    expect(text).toContain('一、2024年工作回顾')
    expect(text).toMatch(/增长\d+(?:\.\d+)?％/) // full-width percent kept as written
    expect(await readReportFile(docxFile)).toBe(text)
  })
})

describe('bytesToText refuses a file that is not a report', () => {
  const random = seededRandom(7)
  const randomBytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256))
  const highBytes = Uint8Array.from({ length: 4096 }, () => 0x80 + Math.floor(random() * 128))
  const english = new TextEncoder().encode('Government work report\n'.repeat(200))
  const fewHan = new TextEncoder().encode('政府工作报告\n2023 report, no body.\n')
  const zipNotDocx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...randomBytes.subarray(0, 200)])

  it.each([
    ['random bytes', 'noise.txt', randomBytes],
    ['random bytes with no NUL or control characters', 'noise2.txt', highBytes],
    ['an empty file', 'empty.txt', new Uint8Array(0)],
    ['a .docx that is not a zip', 'fake.docx', new TextEncoder().encode('政府工作报告'.repeat(100))],
    ['a zip that is not a Word file', 'broken.docx', zipNotDocx],
    ['a .txt with no Chinese text', 'english.txt', english],
    ['a .txt with a title and nothing else', 'title-only.txt', fewHan],
    ['a .pdf that is not a PDF', 'report.pdf', new TextEncoder().encode('政府工作报告'.repeat(100))],
    ['an unsupported extension', 'report.doc', new TextEncoder().encode('政府工作报告'.repeat(100))],
  ])('%s → REPORT_UNREADABLE naming the file', async (_what, name, bytes) => {
    const error = await errorOf(() => bytesToText(bytes, name))
    expect(error).toBeInstanceOf(CoreError)
    expect(isCoreError(error, 'REPORT_UNREADABLE')).toBe(true)
    expect((error as CoreError).message).toContain(name)
  })

  it('a file larger than MAX_REPORT_BYTES → REPORT_TOO_LARGE before it is parsed', async () => {
    const error = await errorOf(() => bytesToText(new Uint8Array(MAX_REPORT_BYTES + 1), 'huge.pdf'))
    expect(error).toMatchObject({ code: 'REPORT_TOO_LARGE', message: 'huge.pdf: 32.0 MB is over the 32 MB a report file may be' })
  })

  it('a file that does not exist → REPORT_UNREADABLE naming it', async () => {
    const error = await errorOf(() => readReportFile('/nonexistent/missing-report.txt'))
    expect(isCoreError(error, 'REPORT_UNREADABLE')).toBe(true)
    expect((error as CoreError).message).toContain('missing-report.txt')
  })
})

describe('isReportFile', () => {
  it('accepts .txt, .docx, .pdf, .html and .htm in any case, not hidden or lock files or other types', () => {
    expect(isReportFile('a/004.txt')).toBe(true)
    expect(isReportFile('吉林省.DOCX')).toBe(true)
    expect(isReportFile('北京市.pdf')).toBe(true)
    expect(isReportFile('万载县.html')).toBe(true)
    expect(isReportFile('万载县.HTM')).toBe(true)
    expect(isReportFile('.hidden.txt')).toBe(false)
    expect(isReportFile('~$report.docx')).toBe(false)
    expect(isReportFile('report.doc')).toBe(false)
    expect(isReportFile('report.pdf.part')).toBe(false)
    expect(isReportFile('index.json')).toBe(false)
  })
})
