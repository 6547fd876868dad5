import nodejieba from 'nodejieba'
import { INDICATOR_LIST, indicatorMentions } from './indicators.ts'
import { QUERY_STOPWORDS, QUESTION_WORDS, STOPWORDS, SYNONYMS } from './vocabulary.ts'

const added = new Set<string>()

/** Every word taught so far, in the order taught (a worker thread's segmenter must learn the same). */
export function addedWords(): string[] {
  return [...added]
}

/** Teach the segmenter words it must keep whole (place names found by the parser, indicators). */
export function addWords(words: Iterable<string>): void {
  for (const word of words) {
    if (word.length < 2 || added.has(word)) continue
    nodejieba.insertWord(word)
    added.add(word)
  }
}
addWords(INDICATOR_LIST.map((indicator) => indicator.name))

/**
 * Whether any synonym could apply: most clauses hold none, and one scan is cheaper than a pass per
 * synonym. (A synonym can only come into play after another one matched, so this is exact.)
 */
const ANY_SYNONYM = new RegExp(SYNONYMS.map(([pattern]) => `(?:${pattern.source})`).join('|'))

/** Full-width ASCII to half-width, Latin to lower case: one character for one, so offsets hold. */
export function normalize(text: string): string {
  return (
    text
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      // 5·8％: a middle dot for the decimal point (one character for one, so offsets hold).
      .replace(/(?<=\d)[·•](?=\d)/g, '.')
      .toLowerCase()
  )
}

/**
 * Full-width ASCII to half-width, Latin to lower case, synonyms to their canonical form, and every
 * indicator to its canonical name (国内生产总值, GDP, 生产总值 -> 地区生产总值; 人均生产总值 ->
 * 人均地区生产总值, never 人均 + 地区生产总值).
 */
export function canonicalize(text: string): string {
  return canonicalIndicators(phrases(normalize(text)))
}

/** Period and plain-speech synonyms (1-6月 -> 上半年, 粮食打了多少 -> 粮食产量) of a normalized text. */
export function phrases(normalized: string): string {
  let out = normalized
  if (ANY_SYNONYM.test(out)) for (const [pattern, replacement] of SYNONYMS) out = out.replace(pattern, replacement)
  return out
}

/** Each indicator named in `text` under its canonical name (a composite under each of its names). */
function canonicalIndicators(text: string): string {
  const mentions = indicatorMentions(text)
  if (mentions.every((m) => text.slice(m.start, m.end) === m.indicator.name)) return text
  let out = ''
  let at = 0
  for (let i = 0; i < mentions.length; i++) {
    const { start, end } = mentions[i]!
    const names = [mentions[i]!.indicator.name]
    while (mentions[i + 1]?.start === start) names.push(mentions[++i]!.indicator.name)
    out += text.slice(at, start) + names.join('和')
    at = end
  }
  return out + text.slice(at)
}

/** `canonicalize` of each span of `text`: sliced from one pass over the text when nothing is rewritten. */
export function canonicalizeSpans(text: string, spans: { start: number; end: number }[]): string[] {
  const whole = normalize(text)
  if (!ANY_SYNONYM.test(whole) && canonicalIndicators(whole) === whole)
    return spans.map((span) => whole.slice(span.start, span.end))
  return spans.map((span) => canonicalize(text.slice(span.start, span.end)))
}

/** The words of a text as the segmenter cuts them (Han runs cut, numbers and Latin words whole). */
export function cutWords(text: string): string[] {
  return segment(normalize(text), new Set(), forQuery)
}

// Numbers stay whole (nodejieba cuts 21.95 into 2/1/./9/5): 21.95, 13%, 2022年, 1-10月.
const PIECES = /((?:19|20)\d{2}年|1-\d{1,2}月|\d+(?:\.\d+)?%?)|([a-z]+)|(\p{Script=Han}+)/gu

const forIndex = (han: string): string[] => nodejieba.cutForSearch(han)
const forQuery = (han: string): string[] => nodejieba.cut(han)

/** What the Han runs of a text are joined with for one call of the segmenter: it cuts there, and returns it as a word. */
const RUN_BREAK = '\n'

function segment(canonical: string, stopwords: Set<string>, cut: (han: string) => string[]): string[] {
  const pieces = [...canonical.matchAll(PIECES)]
  // One call for all the runs gives the words a call per run would (the segmenter never joins
  // across a break), for a fraction of the calls: a paragraph holds a run per clause.
  const runs = pieces.flatMap(([, , , han]) => han ?? [])
  const words = runs.length > 0 ? cut(runs.join(RUN_BREAK)) : []
  let next = 0
  const tokens: string[] = []
  for (const [, number, latin] of pieces) {
    if (number) tokens.push(number)
    else if (latin) tokens.push(latin)
    else
      for (let word = words[next++]; word !== undefined && word !== RUN_BREAK; word = words[next++])
        if (!stopwords.has(word)) tokens.push(word)
  }
  return tokens
}

/** Tokens of indexed text. */
export function tokenize(text: string): string[] {
  return tokenizeCanonical(canonicalize(text))
}

/** Tokens of indexed text already put through `canonicalize`. */
export function tokenizeCanonical(canonical: string): string[] {
  return segment(canonical, STOPWORDS, forIndex)
}

/**
 * Distinct content tokens of a question: question words dropped, Han runs cut into whole words
 * (`cut`: the index holds each word and its parts, so a query needs only the word, and its parts
 * would count as extra matches).
 */
export function queryTokens(text: string): string[] {
  return [...new Set(segment(canonicalize(text.replace(QUESTION_WORDS, ' ')), QUERY_STOPWORDS, forQuery))]
}
