export interface Span {
  start: number
  end: number
}

/** Sentences of a paragraph (ending at 。！？; or the end), as offsets. */
export function splitSentences(text: string): Span[] {
  return split(text, SENTENCE_ENDS)
}

/** Clauses (between ，,；;：:。！？ outside brackets), as offsets; delimiters are left out. */
export function splitClauses(text: string): Span[] {
  return split(text, CLAUSE_ENDS)
}

/**
 * The first `count` clauses from `from` on, a place outside brackets (the end of a clause) where the
 * reading starts afresh: what may carry a quote on, read without cutting the whole paragraph.
 */
export function clausesAfter(text: string, from: number, count: number): Span[] {
  return split(text, CLAUSE_ENDS, from, count)
}

const MAX_BRACKET = 80

// Characters are read as UTF-16 codes, not one-character strings: building an index splits every
// paragraph that names an indicator into sentences and clauses.
const codeOf = (char: string): number => char.charCodeAt(0)
const SENTENCE_ENDS = new Set([...'。！？!?'].map(codeOf))
const CLAUSE_ENDS = new Set([...'，,；;：:。！？!?'].map(codeOf))
const [OPEN, OPEN_WIDE, CLOSE, CLOSE_WIDE, COLON, COLON_WIDE, COMMA, COMMA_WIDE] = [...'(（)）:：,，'].map(codeOf)
const FULL_STOP = codeOf('。')
/** ！, the first of the full-width forms. */
const FULL_WIDTH = codeOf('！')
/** 0-9, and ０-９ as older reports write them. */
const isDigit = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19)

/** Whether the comma at `i` groups digits: a digit before it, and exactly three after. */
function groupsDigits(text: string, i: number): boolean {
  return (
    isDigit(text.charCodeAt(i - 1)) &&
    isDigit(text.charCodeAt(i + 1)) &&
    isDigit(text.charCodeAt(i + 2)) &&
    isDigit(text.charCodeAt(i + 3)) &&
    !isDigit(text.charCodeAt(i + 4))
  )
}

function split(text: string, delimiters: Set<number>, from = 0, count = Infinity): Span[] {
  const spans: Span[] = []
  let start = from
  let depth = 0
  let opened = 0
  for (let i = from; i <= text.length; i++) {
    // The end of the text ends a span as 。 does.
    const code = i < text.length ? text.charCodeAt(i) : FULL_STOP
    // Every mark below is 。 or before it, or a full-width form (！ and after): what lies between,
    // Han characters above all, is passed over. (An unclosed bracket's age, checked at the next
    // mark instead, only grows meanwhile.)
    if (code > FULL_STOP && code < FULL_WIDTH) continue
    // An unclosed bracket stops protecting its delimiters after a while.
    if (depth > 0 && i - opened > MAX_BRACKET) depth = 0
    if (code === OPEN || code === OPEN_WIDE) {
      if (depth++ === 0) opened = i
    } else if ((code === CLOSE || code === CLOSE_WIDE) && depth > 0) depth--
    // A ratio's colon (22.3：31.5：46.2) divides no clause, nor a comma that groups digits (33，212万吨).
    else if (
      (depth === 0 || i === text.length) &&
      delimiters.has(code) &&
      !((code === COLON || code === COLON_WIDE) && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) &&
      !((code === COMMA || code === COMMA_WIDE) && groupsDigits(text, i))
    ) {
      if (i > start && spans.push({ start, end: i }) >= count) break
      start = i + 1
      depth = 0
    }
  }
  return spans
}
