/** Names are looked up up to this length (黔东南苗族侗族自治州 is 10, the longest county 14). */
const LONGEST_NAME = 16

export interface Match<T> {
  text: string
  start: number
  end: number
  value: T
}

/**
 * The leftmost-longest strings of `text` that `lookup` recognises, without overlaps: 河北保定市满城区
 * -> 河北, 保定市, 满城区. Each substring of two or more characters is looked up once at most.
 */
export function scanLongest<T>(text: string, lookup: (form: string, start: number, end: number) => T | undefined): Match<T>[] {
  const matches: Match<T>[] = []
  for (let start = 0; start < text.length - 1;) {
    let found: Match<T> | null = null
    for (let end = Math.min(text.length, start + LONGEST_NAME); end >= start + 2 && !found; end--) {
      const form = text.slice(start, end)
      const value = lookup(form, start, end)
      if (value !== undefined) found = { text: form, start, end, value }
    }
    if (found) {
      matches.push(found)
      start = found.end
    } else start++
  }
  return matches
}
