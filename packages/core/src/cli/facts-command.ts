import { factsCsv } from '../facts/facts-csv.ts'
import { listFacts, type FactFilter } from '../facts/list-facts.ts'
import { ReportIndex } from '../index/report-index.ts'
import { syncIndex } from '../index/sync.ts'
import { canonicalize } from '../text/segmenter.ts'
import type { PlaceLevel } from '../types.ts'

const LEVELS: PlaceLevel[] = ['township', 'county', 'city', 'province', 'national']

export interface FactsOptions {
  reportsDir: string
  place?: string | undefined
  indicator?: string | undefined
  from?: string | undefined
  to?: string | undefined
  level?: string | undefined
  csv: boolean
}

/** Where the command writes: the process's streams, or a test's. */
export interface Output {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
}

/**
 * `pnpm facts`: the facts of the reports in `reportsDir` that the filter lets through, one JSON
 * object a line (as GET /facts gives them) or CSV with a header row. An indicator may be named by a
 * synonym (GDP, 财政收入), as in a question.
 */
export async function runFacts(options: FactsOptions, io: Output = process): Promise<number> {
  const filter = readFilter(options)
  if (typeof filter === 'string') {
    io.stderr.write(`error: ${filter}\n`)
    return 2
  }
  const index = new ReportIndex()
  await syncIndex(index, options.reportsDir)
  const rows = listFacts(index, filter)
  io.stdout.write(options.csv ? factsCsv(rows) : rows.map((row) => JSON.stringify(row) + '\n').join(''))
  if (rows.length === 0) io.stderr.write(`no facts match in ${options.reportsDir} (--reports DIR reads another folder)\n`)
  return 0
}

/** The filter the options ask for, or what is wrong with them. */
function readFilter(options: FactsOptions): FactFilter | string {
  const filter: FactFilter = {}
  if (options.place) filter.place = options.place
  if (options.indicator) filter.indicator = canonicalize(options.indicator)
  for (const key of ['from', 'to'] as const) {
    const text = options[key]
    if (text === undefined) continue
    if (!/^\d{4}$/.test(text)) return `--${key} must be a year such as 2016, not "${text}"`
    filter[key] = Number(text)
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) return '--from is after --to'
  if (options.level !== undefined) {
    if (!LEVELS.includes(options.level as PlaceLevel)) return `--level must be one of ${LEVELS.join(', ')}`
    filter.level = options.level as PlaceLevel
  }
  return filter
}
