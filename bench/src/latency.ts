import type { Worker } from './child.ts'
import { load, type LoadResult } from './http.ts'
import { percentile } from './stats.ts'

export interface AskLatency {
  /** Questions naming a place, each asked once: mostly places read from the artifact on the spot. */
  placed: Tail
  /** The same questions asked again: places already in memory (as far as the LRU holds them). */
  placedAgain: Tail
  unplaced: Tail
  /** Series questions by kind (see questions.ts `SERIES_KINDS`): each asked once, then again. */
  series: Record<string, { first: SeriesTail; again: SeriesTail }>
  /** All series questions together: asked once, and again. */
  seriesAll?: { first: Tail; again: Tail }
  /** Peak RSS of the serving process after answering. */
  maxRss: number
}

export interface Tail {
  p50: number
  p95: number
  p99: number
  n: number
  found: number
}

interface Run {
  ms: number[]
  found: number
}

export interface SeriesTail extends Tail {
  /** Answers that are a series, not one figure or a refusal. */
  series: number
  points: number
  examples: string[]
}

export interface SeriesRun extends Run {
  series: number
  points: number
  examples: string[]
}

function tail(run: Run): Tail {
  return {
    p50: percentile(run.ms, 50),
    p95: percentile(run.ms, 95),
    p99: percentile(run.ms, 99),
    n: run.ms.length,
    found: run.found,
  }
}

/** In-process ask() latency in `worker`'s index, for questions naming a place, naming none, and series. */
export async function askLatency(
  worker: Worker,
  count: number,
  budgetMs: number,
  seriesAsked: { perKind: number; budgetMs: number },
): Promise<AskLatency> {
  const r = await worker.send<{
    placed: Run
    placedAgain: Run
    unplaced: Run
    series: Record<string, { first: SeriesRun; again: SeriesRun }>
    maxRss: number
  }>({ cmd: 'latency', count, budgetMs, series: seriesAsked })
  const seriesTail = (run: SeriesRun): SeriesTail => ({
    ...tail(run),
    series: run.series,
    points: run.points,
    examples: run.examples,
  })
  const series = Object.fromEntries(
    Object.entries(r.series).map(([kind, { first, again }]) => [kind, { first: seriesTail(first), again: seriesTail(again) }]),
  )
  const pooled = (pass: 'first' | 'again'): Tail => {
    const runs = Object.values(r.series).map((kind) => kind[pass])
    return tail({ ms: runs.flatMap((run) => run.ms), found: runs.reduce((n, run) => n + run.found, 0) })
  }
  return {
    placed: tail(r.placed),
    placedAgain: tail(r.placedAgain),
    unplaced: tail(r.unplaced),
    series,
    seriesAll: { first: pooled('first'), again: pooled('again') },
    maxRss: r.maxRss,
  }
}

export interface HttpLoad {
  server: string
  healthz: LoadResult
  ask: LoadResult
  /** /ask requests/s as a share of /healthz requests/s. */
  ratio: number
}

/** /healthz then /ask (questions naming a place, their places read once beforehand) against one server held by `worker`. */
export async function httpLoad(worker: Worker, seconds: number, indexPath: string): Promise<HttpLoad> {
  const { questions } = await worker.send<{ questions: string[] }>({ cmd: 'questions', count: 200 })
  const { port, kind } = await worker.send<{ port: number; kind: string }>({ cmd: 'serve', indexPath })
  const paths = questions.map((q) => `/ask?q=${encodeURIComponent(q)}`)
  await load(port, ['/healthz'], 1) // warm the connection pool and JIT
  // Steady state: each question's place read once from the artifact before timing (a place's first
  // question is timed in askLatency; here the server answers questions about places in memory).
  for (const p of paths) await fetch(`http://127.0.0.1:${port}${p}`).then((response) => response.arrayBuffer())
  const healthz = await load(port, ['/healthz'], seconds)
  const ask = await load(port, paths, seconds)
  return { server: kind, healthz, ask, ratio: ask.rps / healthz.rps }
}
