import { createRequire } from 'node:module'
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { CoreError } from '../errors.ts'
import { decodeText } from './decode.ts'
import { tightenSpaces } from './tighten.ts'

/** The parts of a DOM node this reader touches (linkedom's nodes, typed without the DOM library). */
interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
}

/**
 * html-encoding-sniffer (jsdom's; it ships no types): the WHATWG sniffing algorithm, a BOM or a
 * <meta charset> in the first 1024 bytes, as the encoding's name (UTF-8, GBK …), else `defaultEncoding`.
 */
const sniffHTMLEncoding = createRequire(import.meta.url)('html-encoding-sniffer') as (
  bytes: Uint8Array,
  options: { defaultEncoding: string | null },
) => string | null

const TEXT_NODE = 3
const ELEMENT_NODE = 1

/**
 * Bytes of a saved web page (.html, .htm) -> the article's text, one paragraph a line, its title
 * first. The charset comes from the page (BOM or <meta charset>, GBK pages exist), else UTF-8 or
 * GB18030 as for .txt. @mozilla/readability finds the article and leaves out the portal around it
 * (menus, breadcrumbs, 访问量 counters, footers); a table row becomes one line, cells separated by a
 * space.
 */
export function htmlToText(bytes: Uint8Array, name: string): string {
  const { document } = parseHTML(decodePage(bytes, name))
  const article = new Readability<DomNode>(document, { serializer: (node) => node as unknown as DomNode }).parse()
  if (!article?.content) throw new CoreError('REPORT_UNREADABLE', `${name}: no article found in the page`)
  const lines = blockLines(article.content)
  const title = pageTitle(article.title ?? '')
  const opening = lines.slice(0, 5).join('')
  return [...(title && !opening.includes(title) ? [title] : []), ...lines].join('\n')
}

function decodePage(bytes: Uint8Array, name: string): string {
  const declared = sniffHTMLEncoding(bytes, { defaultEncoding: null })
  if (declared) {
    try {
      // The standard decodes GBK with the GB18030 decoder; Node's 'gbk' stops at GBK's own characters.
      return new TextDecoder(declared === 'GBK' ? 'gb18030' : declared).decode(bytes)
    } catch {
      // an encoding this runtime cannot decode: guess as for .txt
    }
  }
  return decodeText(bytes, name)
}

/** `万载县人民政府 | 万载县2015年…统计公报`: the part that names the document, not the portal. */
function pageTitle(title: string): string {
  const parts = title
    .split(/\s+[|_\-–—]\s+|\s*[|｜]\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
  return tightenSpaces(parts.find((part) => /公报|报告/.test(part)) ?? parts[0] ?? '')
}

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'CENTER',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'UL',
])
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg'])

/** The text of an element's blocks, one line each; a table row is one line of its cells. */
function blockLines(root: DomNode): string[] {
  const lines: string[] = []
  let current = ''
  const flush = (): void => {
    const line = tightenSpaces(current)
    if (line !== '') lines.push(line)
    current = ''
  }
  const walk = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? ''
      return
    }
    if (node.nodeType !== ELEMENT_NODE) return
    const tag = node.nodeName.toUpperCase()
    if (SKIPPED.has(tag) || (tag === 'SUP' && isFootnoteMarker(node.textContent ?? ''))) return
    if (tag === 'BR') return flush()
    if (tag === 'TR') {
      flush()
      const row = cells(node).join(' ') // tightened cell by cell: the spaces between cells stay
      if (row !== '') lines.push(row)
      return
    }
    const block = BLOCKS.has(tag)
    if (block) flush()
    for (const child of Array.from(node.childNodes)) walk(child)
    if (block) flush()
  }
  walk(root)
  flush()
  return lines
}

function cells(row: DomNode): string[] {
  return Array.from(row.childNodes)
    .filter((cell) => /^T[DH]$/i.test(cell.nodeName))
    .map((cell) => tightenSpaces(blockLines(cell).join('')))
    .filter((text) => text !== '')
}

function isFootnoteMarker(text: string): boolean {
  return /^\s*[[［(（]?\d{1,2}[\]］)）]?\s*$/.test(text)
}
