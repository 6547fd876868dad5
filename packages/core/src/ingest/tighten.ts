/**
 * Spaces a layout put into Chinese text, taken out: between Han characters (letter spacing:
 * 第 二 产 业 增 加 值 -> 第二产业增加值), between Han and figures (WPS: 约 4.4 万亿元 -> 约4.4万亿元),
 * and inside figures (16.1 % -> 16.1%, 2 0 2 3 -> 2023). A space between two Latin letters or digits
 * stays where it separates words or numbers (表1 2023年, Made in China).
 */
export function tightenSpaces(line: string): string {
  return line
    .replace(/[ \t\u00a0\u2002-\u200b\u3000]+/g, ' ')
    .replace(/(?<![A-Za-z0-9]) | (?![A-Za-z0-9])/g, '')
    .replace(/(?<![\d.])\d(?: \d)+(?![\d.])/g, (digits) => digits.replace(/ /g, ''))
    .trim()
}
