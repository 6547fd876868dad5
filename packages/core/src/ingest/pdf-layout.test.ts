import { describe, expect, it } from 'vitest'
import { layOutPages, type PdfPage, type TextRun } from './pdf-layout.ts'

/** A run of `text` at (x, y), 12 pt unless said, one em per character. */
function run(text: string, x: number, y: number, size = 12): TextRun {
  return { text, x, y, width: [...text].length * size, size }
}

/** A page of A4 height: a running header and a page number around `body`. */
function page(number: number, body: TextRun[], header = '某某县2024年政府工作报告'): PdfPage {
  return { height: 842, runs: [run(header, 200, 800, 9), ...body, run(`第${number}页 共3页`, 260, 30, 9)] }
}

// A body 30 characters wide (x 60..420), lines 20 pt apart, paragraphs indented two characters.
const FULL = '一二三四五六七八九十'.repeat(3)

describe('layOutPages', () => {
  it('drops a running header and page numbers, joins lines into paragraphs, starts a paragraph at an indent', () => {
    const pages = [1, 2, 3].map((n) =>
      page(n, [
        ...[run(`${n}${FULL.slice(0, 27)}`, 84, 700), run(FULL, 60, 680), run(FULL, 60, 660), run('完。', 60, 640)],
        ...[run(`第${n}段开头`.padEnd(28, '文'), 84, 620), run(FULL, 60, 600), run(FULL, 60, 580)],
      ]),
    )
    const text = layOutPages(pages)
    expect(text).not.toMatch(/某某县2024年政府工作报告|第\d页/)
    const paragraphs = text.split('\n')
    expect(paragraphs).toHaveLength(6)
    expect(paragraphs[0]).toBe(`1${FULL.slice(0, 27)}${FULL}${FULL}完。`)
    // The last line of page 1 is full and page 2 starts with an indent: a new paragraph, on page 2.
    expect(paragraphs[2]!.startsWith('\f2')).toBe(true)
  })

  it('runs a paragraph on over a page break when the next page carries on without an indent', () => {
    const pages = [
      page(1, [run(FULL.slice(0, 28), 84, 700), run(FULL, 60, 680)]),
      page(2, [run('续完。', 60, 700)]),
      page(3, [run('新段。', 84, 700)]),
    ]
    expect(layOutPages(pages)).toBe(`${FULL.slice(0, 28)}${FULL}\f续完。\n\f新段。`)
  })

  it('keeps a page with no text as a page break, so later pages keep their numbers', () => {
    const pages = [page(1, [run('第一页的段落。', 84, 700)]), page(2, []), page(3, [run('第三页的段落。', 84, 700)])]
    expect(layOutPages(pages)).toBe('第一页的段落。\n\f\f第三页的段落。')
  })

  it('drops a footnote superscript and keeps a raised 2 after a Latin letter', () => {
    const text = layOutPages([
      {
        height: 842,
        runs: [run('生产总值', 84, 700), run('[2]', 132, 704, 7), run('1329.65亿元，面积3km', 138, 700), run('2', 270, 704, 7)],
      },
    ])
    expect(text).toBe('生产总值1329.65亿元，面积3km2')
  })

  it('keeps a table row as cells, and a word spaced out over a heading whole', () => {
    const text = layOutPages([
      {
        height: 842,
        runs: [
          run('一、综', 200, 760, 16),
          run('合', 280, 760, 16),
          run('#猪肉', 80, 700),
          run('万吨', 200, 700),
          run('13.49', 300, 700),
          run('7.4', 400, 700),
        ],
      },
    ])
    expect(text.split('\n')).toEqual(['一、综合', '#猪肉 万吨 13.49 7.4'])
  })

  it('keeps the run drawn last of two drawn at one spot (a figure corrected, text made bold)', () => {
    const text = layOutPages([
      { height: 842, runs: [run('4.6', 300, 700), run('教育', 80, 700), run('104.83', 200, 700), run('3.7', 300, 700)] },
    ])
    expect(text).toBe('教育 104.83 3.7')
  })
})
