import { tightenSpaces } from './tighten.ts'

/** A run of text where a PDF page draws it: origin of its baseline (x, y) in points, y upwards. */
export interface TextRun {
  text: string
  x: number
  y: number
  width: number
  /** Font size as drawn (points). */
  size: number
}

export interface PdfPage {
  height: number
  /** In the order the page draws them. */
  runs: TextRun[]
}

/** Page break inside the text a PDF reads as: the page count at a point is 1 + the breaks before it. */
export const PAGE_BREAK = '\f'

/**
 * Pages of positioned runs -> text, one paragraph a line, in reading order: runs grouped into lines
 * by baseline, lines into paragraphs (a paragraph ends at a short line, before an indented one, a
 * change of size or a wider gap), running headers, footers and page numbers dropped, footnote
 * markers set as superscripts dropped (生产总值[2]1329.65亿元 -> 生产总值1329.65亿元), letter spacing
 * taken out. A table row stays one line, its cells separated by a space (#猪肉 万吨 13.49 7.4). Each
 * page after the first begins with PAGE_BREAK, inside a paragraph that runs on from the page before.
 */
export function layOutPages(pages: PdfPage[]): string {
  const lined = pages.map((page) => toLines(page.runs))
  const furniture = runningLines(lined, pages)
  const body = lined.map((lines) => lines.filter((line) => !furniture.has(line)))
  const metrics = measure(body.flat())
  const paragraphs: string[] = []
  let previous: Line | null = null
  let breaks = '' // page breaks not yet written
  body.forEach((lines, p) => {
    if (p > 0) breaks += PAGE_BREAK
    lines.forEach((line, k) => {
      if (previous && continues(previous, line, metrics, k === 0))
        paragraphs[paragraphs.length - 1] += breaks + joint(previous.text, line.text) + line.text
      else paragraphs.push(breaks + line.text)
      breaks = ''
      previous = line
    })
    if (lines.length === 0) previous = null // no paragraph runs on over an empty page
  })
  return paragraphs.join('\n')
}

/** Characters of text on the pages, page furniture included: too few means there is no text layer. */
export function textCharacters(pages: PdfPage[]): number {
  let count = 0
  for (const page of pages) for (const run of page.runs) count += run.text.replace(/\s/g, '').length
  return count
}

interface Line {
  text: string
  /** Baseline and dominant font size. */
  y: number
  size: number
  left: number
  right: number
  /** Two or more cells set apart by wide gaps: a table row. */
  row: boolean
}

interface Metrics {
  left: number
  right: number
  /** Usual distance between the baselines of a paragraph's lines. */
  leading: number
}

/** A run and its place in the order the page draws its runs. */
interface Drawn extends TextRun {
  order: number
}

/** Runs -> lines, top to bottom, each line's runs left to right. */
function toLines(runs: TextRun[]): Line[] {
  const sorted = runs
    .map((run, order) => ({ ...run, order }))
    .filter((run) => run.text.trim() !== '' && run.size > 0)
    .sort((a, b) => b.y - a.y || a.x - b.x)
  const groups: Drawn[][] = []
  for (const run of sorted) {
    const group = groups.at(-1)
    const anchor = group ? dominant(group) : null
    // Same line: baselines closer than half a line (a superscript sits a third of its line higher).
    if (group && anchor && anchor.y - run.y < 0.5 * Math.max(anchor.size, run.size)) group.push(run)
    else groups.push([run])
  }
  return groups.map(toLine)
}

function dominant<T extends TextRun>(runs: T[]): T {
  return runs.reduce((best, run) =>
    run.size > best.size || (run.size === best.size && run.text.length > best.text.length) ? run : best,
  )
}

function toLine(group: Drawn[]): Line {
  const { y, size } = dominant(group)
  const runs = uncovered(
    group.sort((a, b) => a.x - b.x).filter((run, k) => !isFootnoteMarker(run, y, size, group[k - 1]?.text ?? '')),
  )
  const cells: string[] = []
  let cell = ''
  let end = -Infinity
  for (const run of runs) {
    const gap = run.x - end
    if (cell !== '' && gap >= CELL_GAP * size && !(gap < LETTER_GAP * size && (isSpacedOut(cell) || isSpacedOut(run.text)))) {
      cells.push(cell)
      cell = ''
    } else if (cell !== '' && gap > 0.2 * size) cell += ' '
    cell += run.text
    end = Math.max(end, run.x + run.width)
  }
  cells.push(cell)
  const tight = cells.map(tightenSpaces).filter((text) => text !== '')
  const first = runs[0]!
  return { text: tight.join(' '), y, size, left: first.x, right: end, row: tight.length >= 2 }
}

/**
 * Of runs drawn over one another, the one drawn last: a figure corrected by drawing the new one over
 * the old (黔东南州's 表12 holds 4.6 under 3.7, and shows 3.7), text drawn twice a hair apart to look
 * bold. Without this the two read as one (4.63.7, 一一、、综综合合).
 */
function uncovered(runs: Drawn[]): Drawn[] {
  const kept: Drawn[] = []
  for (const run of runs) {
    const last = kept.at(-1)
    // Drawn over: from the same point. (Punctuation set tight, as in 86%，“七站两场”, overlaps too, from further on.)
    if (
      last &&
      Math.abs(run.x - last.x) < 0.25 * run.size &&
      last.x + last.width - run.x > 0.5 * Math.min(last.width, run.width)
    ) {
      if (run.order > last.order) kept[kept.length - 1] = run
    } else kept.push(run)
  }
  return kept
}

/** A gap this many font sizes wide separates table cells; up to LETTER_GAP, a word spaced out over the line (综      合) stays whole. */
const CELL_GAP = 1.5
const LETTER_GAP = 3

/** A character or two of a word set out over the line (一、综 | 合), not a cell of its own. */
function isSpacedOut(text: string): boolean {
  const chars = text.replace(/\s/g, '')
  return chars.length <= 3 && /\p{Script=Han}$|^\p{Script=Han}/u.test(chars) && !/\d/.test(chars)
}

/** A small raised number after a word: [2], 3, ①. (A raised 2 after a Latin letter, as in km2, is kept.) */
function isFootnoteMarker(run: TextRun, baseline: number, size: number, before: string): boolean {
  if (run.size >= 0.8 * size || run.y <= baseline + 0.15 * size || /[A-Za-z]\s*$/.test(before)) return false
  return /^\s*(?:[[［(（]?\d{1,2}[\]］)）]?|[①-⑳*])\s*$/.test(run.text)
}

const PAGE_NUMBER =
  /^[-—–－_~·•\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?[-—–－_~·•\s]*$/
/** Share of the page's height at its top and bottom where running headers and footers sit. */
const MARGIN_BAND = 0.1

/**
 * Headers, footers and page numbers: the outermost lines of a page, inside its top or bottom band,
 * that are a page number (— 1—, 第3页, 3/21) or recur on many pages (digits aside).
 */
function runningLines(lined: Line[][], pages: PdfPage[]): Set<Line> {
  const candidates: { line: Line; key: string }[] = []
  lined.forEach((lines, p) => {
    const height = pages[p]!.height
    const top = lines.slice(0, 2).filter((line) => line.y > height * (1 - MARGIN_BAND))
    const bottom = lines.slice(-2).filter((line) => line.y < height * MARGIN_BAND)
    for (const line of new Set([...top, ...bottom])) candidates.push({ line, key: line.text.replace(/\d+/g, '#') })
  })
  const pagesWith = new Map<string, number>()
  for (const { key } of candidates) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1)
  const recurring = Math.max(2, Math.ceil(pages.length * 0.4))
  return new Set(
    candidates.filter(({ line, key }) => PAGE_NUMBER.test(line.text) || pagesWith.get(key)! >= recurring).map(({ line }) => line),
  )
}

/** The body's left and right edges and line spacing, from its most common values. */
function measure(lines: Line[]): Metrics {
  const body = lines.filter((line) => !line.row && line.text.length >= 8)
  const left = mode(body.map((line) => line.left)) ?? 0
  const right = mode(body.map((line) => line.right)) ?? Infinity
  const steps: number[] = []
  for (let i = 1; i < body.length; i++) {
    const step = body[i - 1]!.y - body[i]!.y
    if (step > 0 && Math.abs(body[i - 1]!.size - body[i]!.size) < 0.5) steps.push(step)
  }
  return { left, right, leading: mode(steps) ?? Infinity }
}

/** The most common value, to the point. */
function mode(values: number[]): number | null {
  const counts = new Map<number, number>()
  for (const value of values) counts.set(Math.round(value), (counts.get(Math.round(value)) ?? 0) + 1)
  let best: number | null = null
  let count = 0
  for (const [value, n] of counts) if (n > count) [best, count] = [value, n]
  return best
}

/** Whether `line` carries on the paragraph of `previous` (across a page break when `overPage`). */
function continues(previous: Line, line: Line, metrics: Metrics, overPage: boolean): boolean {
  if (previous.row || line.row) return false
  if (Math.abs(previous.size - line.size) > 0.15 * line.size) return false
  if (line.left > metrics.left + 0.8 * line.size) return false // indented: a new paragraph
  if (previous.right < metrics.right - 1.5 * previous.size) return false // a short line ends its paragraph
  if (!overPage && previous.y - line.y > 1.6 * metrics.leading) return false // a blank line between
  return true
}

/** What goes between two lines of one paragraph: nothing in Chinese, a space between Latin words. */
function joint(before: string, after: string): string {
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after) ? ' ' : ''
}
