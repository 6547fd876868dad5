import type { Hit, ReportIndex } from '../index/report-index.ts'
import { answersFor } from '../facts/report-facts.ts'
import { splitSentences } from '../parse/clauses.ts'
import { cutWords } from '../text/segmenter.ts'
import type { Citation, Paragraph, ReportInfo } from '../types.ts'
import { cite, citeParagraph } from './cite.ts'
import { refuse, type Outcome, type Place } from './outcome.ts'
import { REASONS, yearList } from './reasons.ts'
import { answerSentence } from './sentence.ts'
import { asking, type Question } from './understand.ts'

/** Words of a question about what is planned rather than what was done. */
const PLANNED = /抓手|重点|任务|打算|安排|部署|思路|目标|要求|举措|措施|计划|方向|基调|政策|建议|定位|战略/
/** Words that ask for the first of a list (第一项重点工作, 排第一的任务). */
const FIRST = /第一|首要|首先|头号|头一|第1/
/** Words every report says, which pick out no paragraph. */
const NOISE = new Set([
  '政府',
  '报告',
  '工作',
  '提出',
  '要',
  '讲',
  '里',
  '开头',
  '方面',
  '主要',
  '内容',
  '哪几',
  '几个',
  '第一',
  '第一项',
  '排',
  '项',
  '一',
])
/** Sentences that open every report: 现在，我代表…向大会报告工作，请予审议. */
const BOILERPLATE = /我代表.{0,20}(?:报告|作)工作|请予审议|提出意见/

/**
 * A question not about a figure (今年的工作重点是什么, 有哪些重点项目): the paragraph of the place's
 * report that answers it, quoted by its sentence that holds most of the asked words. The report is
 * the one delivered in the year asked when the question names the report (2025年政府工作报告里,
 * 2025年政府工作的重点), else the one whose plan (for what is planned) or review is for that year;
 * for a five-year plan (十二五时期的战略定位) the report that opens it or looks back on it; the
 * latest when no year is asked. 第一项 asks for the plan's first task, 开头 for the report's opening.
 */
export function answerPassage(index: ReportIndex, asked: Question, place: Place, limit: number): Outcome {
  // 十五五时期的主要目标是什么: every word is one of time or of asking; the plan's name and what is asked
  // of it are what its report says.
  const plan = asked.terms.length === 0 ? PLAN_NAME.exec(asked.said) : null
  const q = plan ? { ...asked, terms: [plan[0], ...(asked.said.match(PLAN_ASKS) ?? [])] } : asked
  const terms = q.terms.filter((term) => !NOISE.has(term))
  const planned = q.target || PLANNED.test(terms.join('')) || /(?<![主重需只必])要(?!求)|将要|准备/.test(q.said)
  const range = q.time.plan ? q.time.range : null
  const year = q.time.delivered ?? q.time.years[0] ?? (range ? (planned ? range.from : range.to) : null)
  const named = q.time.delivered !== null || q.terms.includes('报告') || /政府工作/.test(q.said)
  const chosen = reportsFor(index.reportsOf(place.key), year, planned, named)
  if (typeof chosen === 'string') return refuse(chosen)
  const ids = new Set(chosen.map((report) => report.id))
  // 下半年主要抓哪几方面工作, 今年的工作重点是什么: the plan's tasks, its numbered headings.
  const tasks = asksTasks(q) ? planTasks(index, chosen) : null
  if (tasks) {
    const report = tasks.opened[0]!.report
    return headings(report.place ?? place.name, report.planYear ? `${report.planYear}年` : '', tasks, 1, [], limit)
  }
  const first = FIRST.test(q.terms.join('')) ? firstTask(index, chosen) : null
  const hits = first
    ? [first]
    : index.searchPassages(
        plan ? cutWords(q.terms.join(' ')) : terms.length > 0 ? terms : q.terms,
        [place.key],
        (report) => ids.has(report.id),
        30,
      )
  const useful = hits.filter((hit) => !BOILERPLATE.test(hit.paragraph.text.slice(0, 60)))
  // 什么时候封关: when a thing is to happen is said where it is planned as well as where it was done.
  const asksWhen = WHEN.test(q.said)
  const inPart = asksWhen
    ? useful
    : useful.filter((hit) => (planned ? hit.paragraph.part === 'plan' : hit.paragraph.part !== 'plan'))
  const joined = phrases(q)
  const said = (hit: Hit): boolean => joined.some((phrase) => hit.paragraph.text.includes(phrase))
  // 海南2025年的一号工程是什么: the part asked (the review) never says it, the other part does.
  const pool = inPart.length > 0 && (inPart.some(said) || !useful.some(said)) ? inPart : useful
  // A note that explains a term (1.六大优势产业：…, 28.“三个一律”：…) answers what it names first.
  const note = useful.find((hit) => joined.some((phrase) => explains(hit.paragraph.text, phrase)))
  const ranked = rerank(pool, joined, OPENING.test(q.said)).filter((hit) => hit !== note)
  if (note) ranked.unshift(note)
  // A heading that says what is asked (总体要求) when no paragraph found does: its first paragraph.
  const heading =
    first || joined.length === 0 || ranked.some(said)
      ? null
      : underHeading(index, chosen, (h) => joined.some((phrase) => h.includes(phrase)))
  if (heading) ranked.unshift(heading)
  const sentence = (hit: Hit): string => {
    const { start, end } = bestSentence(hit, terms)
    return hit.paragraph.text.slice(start, end)
  }
  // The paragraph under the heading that names the plan and what is asked of it (“十五五”时期的主要目标任务).
  // (A heading may say 目标任务 where its paragraph says 主要目标是：.)
  // Under it, the paragraph that says the words itself comes first (“十四五”时期…主要目标 before
  // “十三五”规划主要目标任务胜利完成 under a heading that names both).
  const headed = q.terms.map((term) => term.replace(/^主要/, ''))
  const asks = q.terms.slice(1)
  const planHeading = plan
    ? underHeading(
        index,
        chosen,
        (h) => headed.every((word) => h.includes(word)),
        asks.length > 0 ? [[...headed, ...asks], asks] : [],
      )
    : null
  if (planHeading) ranked.unshift(planHeading)
  // No heading names it (未来五年,我们的主要预期目标是:): the paragraph that does.
  else if (plan) lift(ranked, (hit) => q.terms.every((term) => loosely(term).test(hit.paragraph.text)))
  // The paragraph that says when, before one that names the thing only.
  if (asksWhen) lift(ranked, (hit) => TIME_SAID.test(sentence(hit)))
  // 要走好哪几条路: the sentence that opens the list (走好九条路：) before any one item of it.
  if (ASKS_LIST.test(q.said)) lift(ranked, (hit) => /[：:]\s*$/.test(sentence(hit)) && holds(hit, joined) > 0)
  // A heading asked about (提振消费): the paragraph after it says what is done, when it says it too.
  if (!first && ranked[0] && opensOnHeading(ranked[0], sentence(ranked[0]))) {
    const next = nextParagraph(index, ranked[0])
    if (next && holds(next, joined) >= holds(ranked[0], joined) && said(next)) ranked.unshift(next)
  }
  const best = ranked[0]
  if (!best || (!first && !relevant(best, terms, q.places.length === 0)))
    return refuse(REASONS.noPassage(place.name, q.subject || q.terms.join('')))
  // The first task is what its paragraph opens with ((一)坚决维护社会和谐稳定。), whatever sentence holds more words.
  const citations = ranked
    .slice(0, limit)
    .map((hit) => cite(hit, hit === first ? firstSentence(hit) : bestSentence(hit, terms), hit.score))
  const report = best.report
  const when =
    (planned || best.paragraph.part === 'plan') && report.planYear !== null
      ? `${report.planYear}年`
      : (report.period?.label ?? '')
  // 重点做好六个方面工作： — the list is the headings that follow.
  const quote = citations[0]!.quote
  const list = /[：:]$/.test(quote.text) && quote.end >= best.paragraph.text.length ? listAfter(index, best) : null
  // 重点工作有哪些, answered by the paragraph that opens 三、2026年重点工作安排: the list is the section's
  // numbered headings, each cited by the paragraph it opens.
  const section =
    !list && ASKS_LIST.test(q.said) && opensSection(index, best, [...joined, terms.join('')]) ? listAfter(index, best) : null
  if (section && section.opened.length > 0)
    return headings(report.place ?? place.name, when, section, best.score, citations, limit)
  if (!list) return { found: true, answer: answerSentence(report.place ?? place.name, when, quote.text), citations }
  // The items' own paragraphs are cited first when the items are paragraphs (一要聚力项目建设，…).
  const items = list.hits.map((hit, k) => cite(hit, { start: 0, end: list.items[k]!.length }, best.score))
  return {
    found: true,
    answer: answerSentence(report.place ?? place.name, when, `${quote.text}${list.items.join('；')}`),
    citations: [...items, ...citations].slice(0, Math.max(limit, items.length + 1)),
  }
}

/**
 * The items of a list after a hit: the numbered headings (（一）…) of the paragraphs that follow, up
 * to the next heading above them, or else the lead clauses of the numbered paragraphs that follow
 * (一要聚力项目建设，…), with those paragraphs.
 */
function listAfter(index: ReportIndex, hit: Hit): { items: string[]; hits: Hit[]; opened: Hit[] } | null {
  const paragraphs = index.report(hit.report.id)?.paragraphs ?? []
  const depth = hit.paragraph.sectionPath.length
  const headings: string[] = []
  // The first paragraph under each heading.
  const opened: Hit[] = []
  const section = hit.paragraph.sectionPath.join('\n')
  for (const [k, paragraph] of paragraphs.entries()) {
    if (k <= hit.index) continue
    // (Up to the next heading above them: 三、's tasks end where 四、 begins.)
    if (paragraph.sectionPath.slice(0, depth).join('\n') !== section || headings.length >= 12) break
    const heading = paragraph.sectionPath[depth]
    if (heading && NUMBERED.test(heading) && !headings.includes(heading)) {
      headings.push(heading)
      opened.push({ report: hit.report, paragraph, index: k, score: hit.score })
    }
  }
  if (headings.length > 0) return { items: headings, hits: [], opened }
  const items: string[] = []
  const hits: Hit[] = []
  for (let k = hit.index + 1; k < paragraphs.length && items.length < 12; k++) {
    const paragraph = paragraphs[k]!
    if (!NUMBERED.test(paragraph.text)) break
    // 第一，聚焦增强新动能，…: the item is what follows its number.
    const number = NUMBERED.exec(paragraph.text)![0]
    const rest = paragraph.text.slice(number.length).search(/[，,。；;：:]/)
    items.push(paragraph.text.slice(0, Math.max(1, number.length + (rest < 0 ? paragraph.text.length : rest))))
    hits.push({ report: hit.report, paragraph, index: k, score: hit.score })
  }
  return items.length > 0 ? { items, hits, opened: [] } : null
}

/** An answer that lists numbered headings, each cited by the paragraph it opens, before the citations `more`. */
function headings(
  place: string,
  when: string,
  list: { items: string[]; opened: Hit[] },
  score: number,
  more: Citation[],
  limit: number,
): Outcome {
  const items = list.opened.map((hit) => citeParagraph(hit, score))
  return {
    found: true,
    answer: answerSentence(place, when, list.items.join('；')),
    citations: [...items, ...more].slice(0, Math.max(limit, items.length + (more.length > 0 ? 1 : 0))),
  }
}

/** Whether a hit is the first paragraph under its heading, and the heading says an asked phrase (重点工作). */
function opensSection(index: ReportIndex, hit: Hit, joined: string[]): boolean {
  const heading = hit.paragraph.sectionPath.at(-1)
  if (!heading || !joined.some((phrase) => heading.includes(phrase))) return false
  const before = hit.index > 0 ? index.report(hit.report.id)?.paragraphs[hit.index - 1] : undefined
  return before?.sectionPath.at(-1) !== heading
}

/** How an item of a list opens: （一）, 一是, 一要, 1. */
const NUMBERED =
  /^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+(?:是|要|、)|第[一二三四五六七八九十]+[，,、]|\d{1,2}[.、．])/

/** Words that ask for how a report opens (开头讲了什么). */
const OPENING = /开头|开篇|一开始|开场/
/** How many of the top hits a phrase of the question may lift over a better score. */
const RERANKED = 10

/**
 * The asked words that stand together in the question, joined (总体+要求 -> 总体要求, 三+大+攻坚战 ->
 * 三大攻坚战): a paragraph that holds one as written answers before one that holds its words apart.
 */
function phrases(q: Question): string[] {
  const found: string[] = []
  let run = ''
  let at = 0
  for (const term of q.terms) {
    const k = q.said.indexOf(term, at)
    if (k < 0) continue
    run = run && k === at ? run + term : term
    if (run !== term && run.length >= 3) found.push(run)
    at = k + term.length
  }
  return found.filter((phrase) => !found.some((longer) => longer !== phrase && longer.includes(phrase)))
}

/** Whether a paragraph is a note explaining `phrase`, as reports end with: 1.六大优势产业：…, “三个一律”：…. */
function explains(text: string, phrase: string): boolean {
  const at = text.indexOf(phrase)
  return (
    at >= 0 &&
    at <= 8 &&
    /^(?:\d{1,3}\s*[.．、]\s*)?[“"]?$/.test(text.slice(0, at)) &&
    /^[”"]?\s*[：:]/.test(text.slice(at + phrase.length))
  )
}

/** The top hits reordered: by the asked phrases they hold, then (for 开头) the earliest, then score. */
function rerank(hits: Hit[], joined: string[], opening: boolean): Hit[] {
  const top = hits
    .slice(0, RERANKED)
    .map((hit, rank) => ({ hit, rank, held: holds(hit, joined) }))
    .sort((a, b) => b.held - a.held || (opening ? a.hit.index - b.hit.index : 0) || a.rank - b.rank)
    .map(({ hit }) => hit)
  return [...top, ...hits.slice(RERANKED)]
}

/**
 * Whether a paragraph (with its headings) is about what was asked: it holds half the asked words,
 * and, asked with no place (怎么办理社保卡, read as the country's), the most specific of them.
 */
function relevant(hit: Hit, terms: string[], unplaced: boolean): boolean {
  const words = terms.filter((term) => !asking(term))
  if (words.length === 0) return true
  const text = `${hit.paragraph.text} ${hit.paragraph.sectionPath.join(' ')}`
  const held = words.filter((word) => text.includes(word))
  if (held.length * 2 < words.length) return false
  if (!unplaced) return true
  const longest = Math.max(...words.map((word) => word.length))
  return held.some((word) => word.length === longest)
}

/** How many of the asked phrases a hit holds, in its paragraph or its heading (二、2025年经济社会发展总体要求和政策取向). */
function holds(hit: Hit, joined: string[]): number {
  const heading = hit.paragraph.sectionPath.at(-1) ?? ''
  return joined.filter((phrase) => hit.paragraph.text.includes(phrase) || heading.includes(phrase)).length
}

/**
 * The first paragraph under a heading `heads` accepts; before it, the first under such a heading
 * that holds every word of one of `says`, taken in order (主要目标概括为六个方面：…).
 */
function underHeading(
  index: ReportIndex,
  reports: ReportInfo[],
  heads: (heading: string) => boolean,
  says: string[][] = [],
): Hit | null {
  for (const info of reports) {
    const report = index.report(info.id)
    if (!report) continue
    const under = (p: Paragraph): boolean => p.sectionPath.some(heads)
    const k =
      says
        .map((words) => report.paragraphs.findIndex((p) => under(p) && words.every((w) => p.text.includes(w))))
        .find((at) => at >= 0) ?? report.paragraphs.findIndex((p) => heads(p.sectionPath.at(-1) ?? ''))
    if (k >= 0) return { report: info, paragraph: report.paragraphs[k]!, index: k, score: 1 }
  }
  return null
}

/** The reports a passage question is about, or why there are none; a .docx after the same report as text. */
function reportsFor(reports: ReportInfo[], year: number | null, planned: boolean, report: boolean): ReportInfo[] | string {
  const delivered = (r: ReportInfo): number | null => r.year
  const ways = report
    ? [delivered, (r: ReportInfo) => answersFor(r, planned)]
    : [(r: ReportInfo) => answersFor(r, planned), (r: ReportInfo) => answersFor(r, !planned)]
  const published = (found: ReportInfo[]): ReportInfo[] => {
    const text = found.filter((r) => !/\.docx$/i.test(r.source))
    return text.length > 0 ? text : found
  }
  if (year === null) {
    const latest = Math.max(...reports.map((r) => ways[0]!(r) ?? 0))
    return published(reports.filter((r) => ways[0]!(r) === latest))
  }
  for (const way of ways) {
    const found = reports.filter((r) => way(r) === year)
    if (found.length > 0) return published(found)
  }
  const held = reports.flatMap((r) => ways[0]!(r) ?? [])
  return REASONS.noYear(reports[0]?.place ?? '', year, planned, held.length > 0 ? `（现有${yearList(held)}）` : '')
}

/** The plan's first numbered task: the first paragraph of the plan under a （一） heading. */
function firstTask(index: ReportIndex, reports: ReportInfo[]): Hit | null {
  for (const info of reports) {
    const report = index.report(info.id)
    if (!report) continue
    const k = report.paragraphs.findIndex((p) => p.part === 'plan' && /^[（(]一[）)]/.test(p.sectionPath.at(-1) ?? p.text))
    const paragraph = report.paragraphs[k]
    if (paragraph) return { report: info, paragraph, index: k, score: 1 }
  }
  return null
}

/** Words of a question after the plan's tasks and nothing narrower: 工作重点, 主要抓哪几方面工作. */
const TASK_WORDS =
  /^(?:重点|工作|任务|方面|主要|抓|干|做|事|事情|打算|安排|部署|几|哪几|重点工作|主要工作|工作重点|工作任务|主要任务|工作安排|政府工作|政府|今年|下半年|明年)$/

function asksTasks(q: Question): boolean {
  return (
    q.terms.length > 0 &&
    q.terms.every((term) => TASK_WORDS.test(term) || NOISE.has(term)) &&
    /重点|任务|安排|哪几个?方面|哪些事|干什么|做什么/.test(q.said) &&
    !FIRST.test(q.said)
  )
}

/**
 * The numbered headings of a report's plan (一、抢先布局…, (一)大力提振消费…), each with the first
 * paragraph under it: those of the plan section whose heading says 任务, 工作 or 重点, else of the
 * first plan section that has them.
 */
function planTasks(index: ReportIndex, reports: ReportInfo[]): { items: string[]; opened: Hit[] } | null {
  for (const info of reports) {
    const paragraphs = index.report(info.id)?.paragraphs ?? []
    const sections: { items: string[]; opened: Hit[]; says: boolean }[] = []
    for (const [k, paragraph] of paragraphs.entries()) {
      const top = paragraph.sectionPath[0]
      if (paragraph.part !== 'plan' || !top || paragraphs[k - 1]?.sectionPath[0] === top) continue
      // The section's list starts at its first paragraph, a heading of the list or not.
      const before: Hit = {
        report: { ...info, paragraphCount: paragraphs.length },
        paragraph: { ...paragraph, sectionPath: [top] },
        index: k - 1,
        score: 1,
      }
      const list = listAfter(index, before)
      if (list && list.opened.length >= 2) sections.push({ ...list, says: /任务|工作|重点/.test(top) })
    }
    const chosen = sections.find((section) => section.says) ?? sections[0]
    if (chosen) return chosen
  }
  return null
}

/** A five-year plan's name (十五五, 八五) and what a question asks of one. */
const PLAN_NAME =
  /十[一二三四五六]?五(?=时期|期间|规划|计划|的|末|”)|[六七八九]五(?=时期|期间|规划|计划|的|末|”)|(?:今后|未来)五年/
const PLAN_ASKS = /(?:主要)?(?:目标|任务|成就|要求)/g

/** An asked phrase as reports stretch it: 主要目标 in 主要预期目标. */
function loosely(phrase: string): RegExp {
  return new RegExp(phrase.replace(/^主要/, '主要[^，,。：:]{0,4}'))
}

/** Words that ask when: 什么时候, 何时, 哪一年. */
const WHEN = /什么时候|何时|哪一?年|几月|多久/
/** A time a sentence says: 2025年底, 年内, 6月. */
const TIME_SAID = /(?:19|20)\d{2}年|年底|年末|年内|[一二三四五六七八九十\d]{1,2}月/
/** Words that ask for the items of a list: 哪几条, 哪些. */
const ASKS_LIST = /哪几|哪些|几条|几个|几项/

/** Moves the first of the top hits that `wanted` accepts to the front. */
function lift(ranked: Hit[], wanted: (hit: Hit) => boolean): void {
  const k = ranked.slice(0, RERANKED).findIndex(wanted)
  if (k > 0) ranked.unshift(...ranked.splice(k, 1))
}

/** Whether the quoted sentence of a hit is its paragraph's own heading: （一）大力提振消费、…。 */
function opensOnHeading(hit: Hit, sentence: string): boolean {
  const heading = hit.paragraph.sectionPath.at(-1)
  return heading !== undefined && hit.paragraph.text.startsWith(heading) && sentence.startsWith(heading)
}

/** The paragraph after a hit's, under the same heading. */
function nextParagraph(index: ReportIndex, hit: Hit): Hit | null {
  const paragraph = index.report(hit.report.id)?.paragraphs[hit.index + 1]
  if (!paragraph || paragraph.sectionPath.join('\n') !== hit.paragraph.sectionPath.join('\n')) return null
  return { report: hit.report, paragraph, index: hit.index + 1, score: hit.score }
}

/** The first sentence of the hit's paragraph. */
function firstSentence(hit: Hit): { start: number; end: number } {
  return splitSentences(hit.paragraph.text)[0] ?? { start: 0, end: hit.paragraph.text.length }
}

/** The sentence of the hit's paragraph that holds most of the asked words (the first on a tie). */
function bestSentence(hit: Hit, terms: string[]): { start: number; end: number } {
  const text = hit.paragraph.text
  let best = { start: 0, end: text.length }
  let most = -1
  for (const sentence of splitSentences(text)) {
    const words = text.slice(sentence.start, sentence.end)
    if (BOILERPLATE.test(words)) continue
    const count = terms.filter((term) => words.includes(term)).length
    if (count > most) [best, most] = [sentence, count]
  }
  // No sentence holds an asked word (the paragraph under 总体要求): the paragraph is the answer.
  return most > 0 ? best : { start: 0, end: text.length }
}
