import nodejieba from 'nodejieba'
import { INDICATORS, QUERY_STOPWORDS, QUESTION_WORDS, STOPWORDS, SYNONYMS } from './vocabulary.ts'

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
addWords(INDICATORS)

/**
 * Whether any synonym could apply: most clauses hold none, and one scan is cheaper than a pass per
 * synonym. (A synonym can only come into play after another one matched, so this is exact.)
 */
const ANY_SYNONYM = new RegExp(SYNONYMS.map(([pattern]) => `(?:${pattern.source})`).join('|'))

/** Full-width ASCII to half-width, Latin to lower case: one character for one. */
function normalize(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase()
}

/** Full-width ASCII to half-width, Latin to lower case, synonyms to their canonical form. */
export function canonicalize(text: string): string {
  let out = normalize(text)
  if (!ANY_SYNONYM.test(out)) return out
  for (const [pattern, replacement] of SYNONYMS) out = out.replace(pattern, replacement)
  return out
}

/** `canonicalize` of each span of `text`: sliced from one pass over the text when no synonym applies. */
export function canonicalizeSpans(text: string, spans: { start: number; end: number }[]): string[] {
  const whole = normalize(text)
  if (whole.length === text.length && !ANY_SYNONYM.test(whole)) return spans.map((span) => whole.slice(span.start, span.end))
  return spans.map((span) => canonicalize(text.slice(span.start, span.end)))
}

// Numbers stay whole (nodejieba cuts 21.95 into 2/1/./9/5): 21.95, 13%, 2022年, 1-10月.
const PIECES = /((?:19|20)\d{2}年|1-\d{1,2}月|\d+(?:\.\d+)?%?)|([a-z]+)|(\p{Script=Han}+)/gu

const forIndex = (han: string): string[] => nodejieba.cutForSearch(han)
const forQuery = (han: string): string[] => nodejieba.cut(han)

function segment(canonical: string, stopwords: Set<string>, cut: (han: string) => string[]): string[] {
  const tokens: string[] = []
  for (const [, number, latin, han] of canonical.matchAll(PIECES)) {
    if (number) tokens.push(number)
    else if (latin) tokens.push(latin)
    else for (const word of cut(han!)) if (!stopwords.has(word)) tokens.push(word)
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
