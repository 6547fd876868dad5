export interface Span {
  start: number
  end: number
}

/** Sentences of a paragraph (ending at 。！？; or the end), as offsets. */
export function splitSentences(text: string): Span[] {
  return split(text, '。！？!?')
}

/** Clauses (between ，,；;：:。！？ outside brackets), as offsets; delimiters are left out. */
export function splitClauses(text: string): Span[] {
  return split(text, '，,；;：:。！？!?')
}

const MAX_BRACKET = 80

function split(text: string, delimiters: string): Span[] {
  const spans: Span[] = []
  let start = 0
  let depth = 0
  let opened = 0
  for (let i = 0; i <= text.length; i++) {
    const char = text[i] ?? '。'
    // An unclosed bracket stops protecting its delimiters after a while.
    if (depth > 0 && i - opened > MAX_BRACKET) depth = 0
    if (char === '(' || char === '（') {
      if (depth++ === 0) opened = i
    } else if ((char === ')' || char === '）') && depth > 0) depth--
    // A ratio's colon (22.3：31.5：46.2) divides no clause, nor a comma that groups digits (33，212万吨).
    else if (
      (depth === 0 || i === text.length) &&
      delimiters.includes(char) &&
      !((char === '：' || char === ':') && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) &&
      !(
        (char === '，' || char === ',') &&
        /[\d０-９]/.test(text[i - 1] ?? '') &&
        /^[\d０-９]{3}(?![\d０-９])/.test(text.slice(i + 1, i + 5))
      )
    ) {
      if (i > start) spans.push({ start, end: i })
      start = i + 1
      depth = 0
    }
  }
  return spans
}
