import type { Worker } from './child.ts'
import { load, type LoadResult } from './http.ts'
import { percentile } from './stats.ts'

export interface AskLatency {
  /** Questions naming a place, each asked once: mostly places read from the artifact on the spot. */
  placed: Tail
  /** The same questions asked again: places already in memory (as far as the LRU holds them). */
  placedAgain: Tail
  unplaced: Tail
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

function tail(run: Run): Tail {
  return { p50: percentile(run.ms, 50), p95: percentile(run.ms, 95), p99: percentile(run.ms, 99), n: run.ms.length, found: run.found }
}

/** In-process ask() latency in `worker`'s index, for questions naming a place and naming none. */
export async function askLatency(worker: Worker, count: number, budgetMs: number): Promise<AskLatency> {
  const r = await worker.send<{ placed: Run; placedAgain: Run; unplaced: Run; maxRss: number }>({ cmd: 'latency', count, budgetMs })
  return { placed: tail(r.placed), placedAgain: tail(r.placedAgain), unplaced: tail(r.unplaced), maxRss: r.maxRss }
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
