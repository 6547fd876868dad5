import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { MAX_QUESTION_LENGTH } from '@report-qa/core'

/** The page's scripts, in the order they run as one; client.js wires the page up, so it comes last. */
const SCRIPTS = ['dom.js', 'citations.js', 'answer.js', 'series.js', 'coverage.js', 'client.js']
const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')
const style = read('style.css')

/**
 * The chart module's one export as a function of the page's script: the page draws the same SVG
 * the bot renders to an image (a function declaration: hoisted, so it may come last).
 */
function chartScript(): string {
  const source = readFileSync(createRequire(import.meta.url).resolve('@report-qa/chart'), 'utf8')
  const script = source.replace(/^export function seriesSvg\b/m, 'function seriesSvg')
  if (script === source || /^\s*(?:import|export)\b/m.test(script))
    throw new Error('@report-qa/chart is no longer one exported seriesSvg without imports: update page.ts')
  return script
}

const script = ["'use strict'", ...SCRIPTS.map(read), chartScript()].join('\n')

export const EXAMPLE_QUESTIONS = [
  '牛塘镇上半年固定资产投资多少',
  '留庄镇粮食产量多少',
  '东明镇享受低保政策的有多少户',
  '城关镇城乡居民医疗保险参保多少人',
  '黄桥镇粮食产量多少',
  '留庄镇、北蔡镇、孙岗镇粮食产量',
]

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** Only the inline script and style by hash, requests only to this server: nothing external loads. */
export const PAGE_CSP = [
  "default-src 'none'",
  `script-src ${hash(script)}`,
  `style-src ${hash(style)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/**
 * The question page: a form, the conversation it carries, the result region the script fills,
 * example questions, and what the reports cover.
 */
export function renderPage(): string {
  const examples = EXAMPLE_QUESTIONS.map(
    (q) => `<li><button type="button" data-example="${escapeHtml(q)}">${escapeHtml(q)}</button></li>`,
  ).join('')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府工作报告问答</title>
<link rel="icon" href="data:,">
<style>${style}</style>
</head>
<body>
<main>
<h1>政府工作报告问答</h1>
<p class="lead">输入地点和指标，得到报告中的确切数字和出处段落。问“历年”“2013年到2017年”或几个地方，得到逐年的表和图，每个数字都有出处。</p>
<form id="ask-form" action="/" method="get" role="search">
<div class="field">
<label for="q">问题</label>
<input id="q" name="q" type="search" maxlength="${MAX_QUESTION_LENGTH}" required autocomplete="off" autofocus placeholder="例如：牛塘镇上半年固定资产投资多少">
</div>
<button type="submit">查询</button>
</form>
<p id="context" class="context" hidden>
<span class="context-label">接着问：</span><span id="context-text"></span>
<button type="button" id="clear-context">清除，重新开始</button>
<span class="context-hint">下一问可以只说要变的部分，例如“那2017年呢”“增速呢”“保定市呢”。</span>
</p>
<section id="result" aria-live="polite"></section>
<nav class="examples" aria-labelledby="examples-title">
<h2 id="examples-title">示例问题</h2>
<ul>${examples}</ul>
</nav>
<details id="coverage" class="coverage">
<summary>报告覆盖哪些地方、哪些年份</summary>
<div class="coverage-body"><p class="status">正在读取报告列表…</p></div>
</details>
<noscript><p>此页面需要 JavaScript；也可直接调用 <code>GET /ask?q=…</code>、<code>GET /facts?place=…&amp;format=csv</code>。</p></noscript>
</main>
<script>${script}</script>
</body>
</html>
`
}
