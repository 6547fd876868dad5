/**
 * One file may hold several reports (002_555f7e936fe6323d.txt holds three). A new report starts at
 * a title line (…工作报告) or a dateline (——…在…人民代表大会…上) that follows a substantial body,
 * when what follows it is substantial too.
 */
export function splitReports(text: string): string[] {
  const lines = text.split('\n')
  const starts = [0]
  let bodyChars = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (i > starts.at(-1)! && bodyChars >= MIN_REPORT_CHARS && isReportStart(line, lines[i + 1])) {
      starts.push(i)
      bodyChars = 0
    }
    bodyChars += line.length
  }
  const parts = starts.map((start, k) => lines.slice(start, starts[k + 1]).join('\n'))
  // A trailing fragment too small to be a report stays with the one before it.
  const merged: string[] = []
  for (const part of parts) {
    if (merged.length > 0 && part.length < MIN_REPORT_CHARS) merged[merged.length - 1] += '\n' + part
    else merged.push(part)
  }
  return merged
}

const MIN_REPORT_CHARS = 1500

function isReportStart(line: string, next = ''): boolean {
  if (line.length > 40) return false
  if (/工作报告$/.test(line) && !/[。；;，,]/.test(line)) return true
  return /^——/.test(line) && /人民代表大会/.test(line + next)
}
