import { PAGE_BREAK } from './pdf-layout.ts'

/**
 * Raw report text -> clean lines. Idempotent: cleaning clean text changes nothing.
 * Removes conversion leftovers ([bookmark: …]), HTML entities, `????` runs (mangled spaces),
 * odd spacing, web-page chrome around the body, summaries and repeated bodies. Page breaks (\f, as
 * a PDF's text and pdftotext's output hold them) stay where they are, or move to the next line kept
 * when their line goes, so that pages still count right.
 */
export function cleanText(raw: string): string {
  const lines = keepLines(raw.replace(/\r\n?/g, '\n').split('\n').map(cleanLine), (line) => {
    const text = line.replaceAll(PAGE_BREAK, '')
    return text !== '' && !isChrome(text)
  })
  return dropSummaries(dropRepeats(joinBrokenFigures(lines))).join('\n')
}

/**
 * A figure broken over two lines (国内生产总值达到74.4 / 万亿元，增长6.7%) is joined again. A joined
 * line is kept as its parts until the end, and tested by its last part: testing the growing string
 * itself made a run of such lines quadratic (元1 on every line).
 */
function joinBrokenFigures(lines: string[]): string[] {
  const joined: string[][] = []
  for (const line of lines) {
    const last = joined.at(-1)
    if (last !== undefined && /\d$/.test(last.at(-1)!) && /^(?:万亿|亿|万|千|元|%|％|吨|人|户|个)/.test(line)) last.push(line)
    else joined.push([line])
  }
  return joined.map((parts) => parts.join(''))
}

/** The lines `keep` accepts; a dropped line's page breaks go to the start of the next line kept. */
function keepLines(lines: string[], keep: (line: string, i: number) => boolean): string[] {
  const kept: string[] = []
  let breaks = ''
  lines.forEach((line, i) => {
    if (keep(line, i)) {
      kept.push(breaks + line)
      breaks = ''
    } else breaks += line.replace(/[^\f]/g, '')
  })
  return kept
}

const ENTITIES: Record<string, string> = { nbsp: ' ', ensp: ' ', emsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"' }

export function cleanLine(line: string): string {
  const breaks = /^\f*/.exec(line)![0] // a page starts here: kept in front
  const text = line
    .slice(breaks.length)
    .replace(/\[bookmark:[^\]]{0,200}\]/g, '') // bounded: a run of unclosed [bookmark: stays linear
    .replace(/&(nbsp|ensp|emsp|amp|lt|gt|quot);?/g, (_, name: string) => ENTITIES[name] ?? ' ')
    .replace(/&em[a-z]*;?/g, ' ')
    .replace(/\?{2,}|？{2,}/g, ' ')
    .replace(/[\u00a0\u2002-\u200b\u3000\ufeff\t]/g, ' ')
    // A footnote marker against a figure reads as part of it: 生产总值[2]32074.7亿元.
    .replace(/(?<=\D)\[\d{1,2}\](?=\d)/g, '')
    .replace(/ {2,}/g, ' ')
    .trim()
  // Spaced headings and names: 政 府 工 作 报 告, 汤 枫.
  return breaks + (/^(?:\p{Script=Han} )+\p{Script=Han}$/u.test(text) && text.length <= 40 ? text.replace(/ /g, '') : text)
}

const CHROME = new Set([
  '首页',
  '|',
  '>>',
  '>',
  'EN',
  '繁體中文',
  '简体中文',
  '无障碍',
  '长者模式',
  '打印',
  '关闭',
  '关闭窗口',
  '打印本页',
  '大',
  '中',
  '小',
  '】',
  '【',
  '字体：',
  '字号：',
  '分享到：',
  '评论：',
  '阅读：',
  '返回顶部',
  '【打印】',
  '【关闭】',
])

/** Navigation and page furniture that never belongs to a report. */
function isChrome(line: string): boolean {
  if (CHROME.has(line)) return true
  if (/^(当前位置|责任编辑|来源|作者|时间|浏览次数|点击数|阅读|评论|分享到|扫一扫)[:：]/.test(line) && line.length < 60)
    return true
  if (/^\d{1,6}$/.test(line)) return true // page counters, view counts
  if (LICENSE.test(line)) return true
  return false
}

/**
 * The public-domain notice of Wikisource copies, one phrase a line: 本作品是中华人民共和国的 / 法律 / 法规 /
 * ，国家机关的决议… / 中华人民共和国著作权法 / 》第五条第一项，本作品不适用于该法，在 / 中国大陆 / … / 公有领域
 * (the lone 、 and 。 between them are left: such a line may be a report's own).
 */
const LICENSE =
  /^(?:本作品是中华人民共和国的|法律|法规|，国家机关的决议.*官方正式译文。根据《|中华人民共和国著作权法|》第五条第一项，本作品不适用于该法，在|中国大陆|，也可能在其他管辖区，属于|公有领域)$/

/** A long line seen before (a repeated body, a summary copied from the body) is dropped. */
function dropRepeats(lines: string[]): string[] {
  const seen = new Set<string>()
  return keepLines(lines, (line) => {
    if (line.length < 40) return true
    const key = line.replace(/\s/g, '')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Ends with ... or …: the same as /(\.{3,}|…+)$/, in time linear in the line (that one backtracks). */
const TRUNCATED = /(?:\.{3}|…)$/

/** `内容摘要：` and the truncated summary after it (it ends with …… and repeats the opening). */
function dropSummaries(lines: string[]): string[] {
  const dropped = new Set<number>()
  lines.forEach((line, i) => {
    if (/^\f*(内容摘要|摘要)[:：]?$/.test(line)) {
      dropped.add(i)
      if (TRUNCATED.test(lines[i + 1] ?? '')) dropped.add(i + 1)
    } else if (/^\f*(内容摘要|摘要)[:：]/.test(line) && TRUNCATED.test(line)) dropped.add(i)
  })
  return keepLines(lines, (_, i) => !dropped.has(i))
}
