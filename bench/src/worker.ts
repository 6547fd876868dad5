/**
 * A child process that holds one index and does what the parent asks over IPC, so that each build
 * or cold start gets a fresh process and its own peak RSS. Started by `Worker` in child.ts.
 */
import { ask, loadIndex, ReportIndex, saveIndex, syncIndex } from '@report-qa/core'
import { placeQuestions, unplacedQuestions } from './questions.ts'
import { serve } from './http.ts'
import { evalQuality } from './quality.ts'
import type { Request, Response } from './child.ts'
import { since } from './stats.ts'

let index = new ReportIndex()

function memory(): { rss: number; heapUsed: number; maxRss: number } {
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 }
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
      return { ms, bytes, reports: stats.reports, paragraphs: stats.paragraphs, places: new Set([...index.reports.values()].map((report) => report.place)).size, ...memory() }
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
      return { placed: time(placed), placedAgain: time(placed), unplaced: time(unplaced), ...memory() }
    }
    case 'quality':
      return { ...(await evalQuality(index, request.questions)) }
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
    (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  )
})
process.send!({ ready: true })
