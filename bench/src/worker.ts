/**
 * A child process that holds one index and does what the parent asks over IPC, so that each build
 * or cold start gets a fresh process and its own peak RSS. Started by `Worker` in child.ts.
 */
import { ask, loadIndex, ReportIndex, saveIndex, syncIndex } from '@report-qa/core'
import { expectedPlaces } from './corpus.ts'
import type { SeriesRun } from './latency.ts'
import { placeQuestions, seriesQuestions, SERIES_KINDS, unplacedQuestions } from './questions.ts'
import { serve } from './http.ts'
import { evalQuality } from './quality.ts'
import type { Request, Response } from './child.ts'
import { since } from './stats.ts'

let index = new ReportIndex()

function memory(): { rss: number; heapUsed: number; maxRss: number } {
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 }
}

/** Each series question asked once, until `budgetMs` have passed: time, and whether the answer is a series. */
function timeSeries(questions: string[], budgetMs: number): SeriesRun {
  const run: SeriesRun = { ms: [], found: 0, series: 0, points: 0, examples: [] }
  const deadline = performance.now() + budgetMs
  for (const q of questions) {
    const started = performance.now()
    const answer = ask(index, q)
    run.ms.push(since(started))
    if (answer.found) run.found++
    if (answer.series) {
      run.series++
      run.points += answer.series.length
    }
    if (run.examples.length < 3) run.examples.push(`${q} → ${answer.found ? `${answer.series?.length ?? 0} points` : 'refused'}`)
    if (performance.now() > deadline) break
  }
  return run
}

async function handle(request: Request): Promise<Response> {
  switch (request.cmd) {
    case 'build': {
      let bytes = 0
      const started = performance.now()
      for (const { dir, scope } of request.dirs) {
        await syncIndex(index, dir, { scope, onProgress: (_done, _total, size) => (bytes += size) })
      }
      const ms = since(started)
      const stats = index.stats()
      return {
        ms,
        bytes,
        reports: stats.reports,
        paragraphs: stats.paragraphs,
        places: new Set([...index.reports.values()].map((report) => report.place)).size,
        ...memory(),
      }
    }
    case 'save': {
      const started = performance.now()
      const size = await saveIndex(index, request.file)
      return { ms: since(started), size, ...memory() }
    }
    case 'load': {
      const started = performance.now()
      index = await loadIndex(request.file)
      const loadMs = since(started)
      const first = performance.now()
      const answer = ask(index, request.question)
      return { loadMs, firstAskMs: since(first), found: answer.found, ...memory() }
    }
    case 'latency': {
      const placed = placeQuestions(index, request.count, 1)
      const unplaced = unplacedQuestions(request.count, 2)
      const series = seriesQuestions(index, request.series.perKind, 5)
      // Warm up the JIT on other questions than the ones timed (they load a few places of their own).
      for (const q of placeQuestions(index, 20, 4)) ask(index, q)
      const time = (questions: string[]): { ms: number[]; found: number } => {
        const ms: number[] = []
        let found = 0
        const deadline = performance.now() + request.budgetMs
        for (const q of questions) {
          const started = performance.now()
          if (ask(index, q).found) found++
          ms.push(since(started))
          if (performance.now() > deadline) break
        }
        return { ms, found }
      }
      // First pass: mostly places not asked about since the load, read from the artifact (cold);
      // second pass: the same questions again, their places in memory as far as the budget allows.
      const result = { placed: time(placed), placedAgain: time(placed), unplaced: time(unplaced) }
      const bySeries: Record<string, { first: SeriesRun; again: SeriesRun }> = {}
      for (const kind of SERIES_KINDS) {
        const questions = series.filter((s) => s.kind === kind).map((s) => s.q)
        if (questions.length === 0) continue // no place of that kind in this index
        bySeries[kind] = {
          first: timeSeries(questions, request.series.budgetMs),
          again: timeSeries(questions, request.series.budgetMs),
        }
      }
      return { ...result, series: bySeries, ...memory() }
    }
    case 'filed': {
      // Generated reports filed elsewhere than the made-up place and year they were written for.
      const expected = await expectedPlaces(request.dir)
      const prefix = `${request.scope}/`
      const corpusPlaces = new Set([...index.reports.values()].filter((r) => !r.source.startsWith(prefix)).map((r) => r.place))
      const misfiled: { file: string; expected: string; got: string; source: string }[] = []
      let checked = 0
      for (const report of index.reports.values()) {
        if (!report.source.startsWith(prefix)) continue
        const want = expected[report.source.slice(prefix.length)]
        if (!want) continue
        checked++
        if (report.place !== want.place || report.year !== want.year)
          misfiled.push({
            file: report.source,
            expected: `${want.place} ${want.year ?? '-'}`,
            got: `${report.place ?? '-'} ${report.year ?? '-'}`,
            source: want.source,
          })
      }
      const underCorpusPlace = misfiled.filter((m) => corpusPlaces.has(m.got.split(' ')[0]!)).length
      return { checked, misfiled, underCorpusPlace }
    }
    case 'quality':
      return { ...(await evalQuality(index, request.files)) }
    case 'serve': {
      const server = await serve(index, request.indexPath)
      return { port: server.port, kind: server.kind, ...memory() }
    }
    case 'questions':
      return { questions: placeQuestions(index, request.count, 3) }
    case 'memory':
      return memory()
  }
}

process.on('message', (message: { id: number; request: Request } | { exit: true }) => {
  if ('exit' in message) process.exit(0)
  handle(message.request).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) =>
      process.send!({ id: message.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  )
})
process.send!({ ready: true })
