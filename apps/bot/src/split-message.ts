/** Telegram's limit on a message's text, in characters after entity parsing. */
export const MESSAGE_LIMIT = 4096

/** Where a part may end: after a sentence or clause stop, or a line break. */
const BOUNDARY = /[。；;！？!?\n]/g

/**
 * Cuts `text` into parts of at most `max` by `measure` (characters by default; pass the length of
 * the escaped form when the parts will be escaped). Parts end at a sentence boundary (。；…) when
 * one fits, else at the limit, never inside a surrogate pair. Joining the parts gives `text` back.
 */
export function splitMessage(
  text: string,
  max = MESSAGE_LIMIT,
  measure: (part: string) => number = (part) => part.length,
): string[] {
  const parts: string[] = []
  let rest = text
  while (measure(rest) > max) {
    const cut = lastBoundary(rest, max, measure) ?? hardCut(rest, max, measure)
    parts.push(rest.slice(0, cut))
    rest = rest.slice(cut)
  }
  if (rest !== '' || parts.length === 0) parts.push(rest)
  return parts
}

/** End of the longest prefix that fits and ends at a boundary. */
function lastBoundary(text: string, max: number, measure: (part: string) => number): number | null {
  let best: number | null = null
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[0].length
    if (measure(text.slice(0, end)) > max) break
    best = end
  }
  return best
}

/** End of the longest prefix that fits (at least one character, whole surrogate pairs). */
function hardCut(text: string, max: number, measure: (part: string) => number): number {
  let low = 1
  let high = text.length
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (measure(text.slice(0, mid)) <= max) low = mid
    else high = mid - 1
  }
  const code = text.charCodeAt(low - 1)
  return code >= 0xd800 && code <= 0xdbff && low > 1 ? low - 1 : low
}
