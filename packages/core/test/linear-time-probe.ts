import { pathToFileURL } from 'node:url'
import { cleanText } from '../src/ingest/clean.ts'
import { decodeText } from '../src/ingest/decode.ts'
import { splitReports } from '../src/ingest/split-reports.ts'
import { splitClauses, splitSentences } from '../src/parse/clauses.ts'
import { parseHeading } from '../src/parse/headings.ts'
import { findDate, parseMetadata } from '../src/parse/metadata.ts'
import { yearsIn } from '../src/parse/numbers.ts'
import { parseReport } from '../src/parse/parse-report.ts'
import { findPeriod } from '../src/parse/periods.ts'

/*
 * Run by linear-time.test.ts in a child process, one stage per process, so that a stage that turns
 * out quadratic (or worse) can be stopped, and so that times are this process's CPU time: other
 * work on the machine does not count. Feeds the stage adversarial inputs of 1 K to 1 M characters,
 * each 4x the one before, and reports every input whose time grew more than GROWTH times over three
 * steps (64x the characters: linear takes about 64x as long, up to some 150x where caches and the
 * collector weigh in; quadratic about 4,000x). It stops an input at its first such span, before a
 * quadratic stage gets slow. Each size is run once; a time that looks too slow is taken again
 * after a collection (the least of three runs, or of one more once an input is large or slow),
 * so that only a stage that stays slow is reported; collections run on this thread only
 * (--single-threaded-gc), so that none is counted against the run after it.
 */

export const SIZES = [1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576]
/** Largest time ratio accepted for a 64x larger input. */
const GROWTH = 512
/** Below this the clock says too little to judge a ratio (ms). */
const FLOOR_MS = 20

/** Fragments the parser's patterns look for. */
const FRAGMENTS = [
  '在',
  '第',
  '各位代表',
  '我代表',
  '人民政府',
  '镇长',
  '人民代表大会',
  '工作报告',
  '[bookmark:',
  '&em',
  '&nbsp;',
  '??',
  '？',
  ' ',
  '\u3000',
  '.',
  '…',
  '内容摘要：',
  '标题：',
  '2019年',
  '二〇一九年',
  '十二月',
  '——',
  '（',
  '一、',
  '1.',
  '上半年',
  '截至10月底',
  '，',
  '。',
  '1',
]

const fill = (fragment: string, n: number) => fragment.repeat(Math.ceil(n / fragment.length)).slice(0, n)

export const INPUTS: { name: string; make: (n: number) => string }[] = [
  ...FRAGMENTS.map((f) => ({ name: `one line of ${JSON.stringify(f)}`, make: (n: number) => fill(f, n) })),
  ...FRAGMENTS.map((f) => ({ name: `lines of ${JSON.stringify(f)}`, make: (n: number) => fill(`${f}${f}${f}\n`, n) })),
  // F3: a report starting with 120,000 在 before 各位代表 held the API for over 10 s.
  { name: '在… then 各位代表', make: (n) => `${fill('在', n)}\n各位代表：\n` },
  { name: 'a speaker line that never ends', make: (n) => `政府工作报告\n镇长人民政府${fill('在', n)}\n各位代表：\n` },
  { name: 'a dateline that never reaches 第', make: (n) => `——${fill('在牛塘镇', n)}人民代表大会\n各位代表：\n` },
  { name: 'a title field of place names', make: (n) => `标题：${fill('城关', n)}\n各位代表：\n` },
  { name: 'a summary of dots that ends in a letter', make: (n) => `内容摘要：${fill('.', n)}x\n` },
  { name: 'bookmarks never closed', make: (n) => fill('[bookmark:', n) },
  { name: 'a year then spaces', make: (n) => `2019${fill(' ', n)}x` },
  { name: 'a figure broken over every line', make: (n) => fill('元1\n', n) },
]

export const STAGES: Record<string, (text: string) => unknown> = {
  decodeText: (text) => decodeText(Buffer.from(text), 'x.txt'),
  cleanText: (text) => cleanText(text),
  splitReports: (text) => splitReports(text),
  parseMetadata: (text) => parseMetadata(text.split('\n'), 'x.txt'),
  findDate: (text) => findDate(text),
  parseHeading: (text) => text.split('\n').map(parseHeading),
  findPeriod: (text) => findPeriod({ heading: text.slice(0, 40), review: text, year: 2022, month: 10 }),
  yearsIn: (text) => yearsIn(text),
  'splitSentences, splitClauses': (text) => [splitSentences(text), splitClauses(text)],
  parseReport: (text) => parseReport(text, 'x.txt', 'x-1'),
}

export type ProbeMessage = { at: string } | { superLinear: string[] }

/** Least CPU time (ms) of `runs` runs, each after a collection with `collect` (it pays for no garbage of the one before). */
function fastest(run: () => unknown, runs: number, collect: boolean): number {
  let best = Infinity
  for (let k = 0; k < runs; k++) {
    if (collect) (globalThis as { gc?: () => void }).gc?.()
    const started = process.cpuUsage()
    run()
    const used = process.cpuUsage(started)
    best = Math.min(best, (used.user + used.system) / 1000)
  }
  return best
}

/** Whether the last time grew more than GROWTH times over the three steps before it. */
function tooSlow(times: number[]): boolean {
  const [before, now] = [times.at(-4), times.at(-1)!]
  return before !== undefined && now > FLOOR_MS && now > GROWTH * Math.max(before, FLOOR_MS / GROWTH)
}

// Run as a script (by the test's fork), not when the test imports STAGES.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const send = (message: ProbeMessage) => process.send!(message)
  const stage = STAGES[process.argv[2]!]!
  const superLinear: string[] = []
  for (const input of INPUTS) {
    const times: number[] = []
    for (const size of SIZES) {
      send({ at: `${input.name} at ${size} characters` } satisfies ProbeMessage)
      const text = input.make(size)
      if (times.length === 0) stage(text) // warm: patterns compiled, code optimised
      const run = () => stage(text)
      times.push(fastest(run, 1, false))
      // A run that looks too slow is timed again, after a collection (it may have paid for the
      // garbage of the run before): three more times, or once when the input is large or slow.
      const large = size >= 250_000 || times.at(-1)! > 50
      if (tooSlow(times)) times.push(Math.min(times.pop()!, fastest(run, large ? 1 : 3, true)))
      if (tooSlow(times)) {
        const shown = times.map((t, k) => `${SIZES[k]}: ${t.toFixed(1)} ms`).join(', ')
        superLinear.push(`${input.name}: ${shown}`)
        break
      }
    }
  }
  send({ superLinear } satisfies ProbeMessage)
}
