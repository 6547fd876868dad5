import { rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { Worker } from './child.ts'
import { artifactParts, type ArtifactParts } from './artifact-parts.ts'
import { askLatency, httpLoad, type AskLatency, type HttpLoad } from './latency.ts'
import type { Quality } from './quality.ts'

/** The V8 heap cap of a serving process, as in apps/api's `start` script and `pnpm start`. */
export const SERVING_HEAP_MB = 1536

export interface Scale {
  name: string
  /** Folders indexed, each under its own scope. */
  dirs: { dir: string; scope: string }[]
  /** The generated folder among `dirs`, whose reports are checked against where they should be filed. */
  generated?: { dir: string; scope: string }
  /** Whether the index holds what the eval asks about (test-fixtures and ../shared/corpus): then it is run. */
  quality: boolean
  heapMb?: number
}

export interface BuildRun {
  ms: number
  bytes: number
  reports: number
  paragraphs: number
  places: number
  /** Peak RSS of the build process (syncIndex, then saveIndex). */
  maxRss: number
  heapUsed: number
  saveMs: number | null
  size: number | null
  saveError: string | null
}

export interface ColdRun {
  loadMs: number
  firstAskMs: number
  rssAfterLoad: number
}

export interface ScaleResult {
  scale: Scale
  builds: BuildRun[]
  /** Why a build failed outright (e.g. the worker ran out of memory). */
  buildError: string | null
  colds: ColdRun[]
  /** Why a cold start or what followed it failed. */
  coldError: string | null
  latency: AskLatency | null
  /** Where latency and HTTP were measured: a process that loaded the artifact, or the build process. */
  servedFrom: 'artifact' | 'build process' | null
  http: HttpLoad | null
  quality: Quality | null
  /** Generated reports filed elsewhere than the made-up place and year they were written for. */
  filed: Filed | null
  /** The artifact's bytes by part (facts, text, search, catalog). */
  parts: ArtifactParts | null
}

export interface Filed {
  checked: number
  misfiled: { file: string; expected: string; got: string; source: string }[]
  /** Of those, filed under a place the corpus or the fixtures have reports of. */
  underCorpusPlace: number
}

export interface ScaleOptions {
  workDir: string
  builds: number
  colds: number
  askCount: number
  askBudgetMs: number
  /** Series questions of each kind, and the time each pass over a kind may take. */
  series: { perKind: number; budgetMs: number }
  httpSeconds: number
  http: boolean
  /** test-fixtures' questions.jsonl, series.jsonl and conversations.jsonl. */
  evalFiles: { questions: string; series: string; conversations: string }
  log: (line: string) => void
  /** Keep the artifact of an earlier run (and `previousBuilds`) instead of building again. */
  reuseArtifact?: boolean
  previousBuilds?: BuildRun[]
  previousQuality?: Quality | null
  previousFiled?: Filed | null
}

function logLatency(l: AskLatency, log: (line: string) => void): void {
  log(
    `  ask p99: ${l.placed.p99.toFixed(1)} ms naming a place, ${l.unplaced.p99.toFixed(1)} ms naming none; RSS ${(l.maxRss / 2 ** 20).toFixed(0)} MiB`,
  )
}

function logQuality(q: Quality, log: (line: string) => void): void {
  const { questions: a, series: s, conversations: c } = q
  log(
    `  quality: ${a.right}/${a.total} right, ${a.wrong} wrong figures, ${a.missed} not found; series ${s.right}/${s.total} points, ${s.invented} invented; follow-ups ${c.follow.right}/${c.follow.total}, ${c.first.wrong + c.follow.wrong} wrong (${(q.ms / 1000).toFixed(0)} s over ${q.reports} reports)`,
  )
}

function logHttp(h: HttpLoad, log: (line: string) => void): void {
  log(
    `  http: /healthz ${h.healthz.rps.toFixed(0)} req/s, /ask ${h.ask.rps.toFixed(0)} req/s (${(h.ratio * 100).toFixed(1)}%), errors ${h.ask.errors + h.healthz.errors}`,
  )
}

const FIRST_QUESTION = '地区生产总值增长多少'

/**
 * Builds the scale's index `builds` times, each in a fresh process (time, MB/s, peak RSS, artifact
 * size, and in the last one where generated reports were filed); then loads the artifact `colds`
 * times in fresh processes (load time, first answer); the first of those also gives ask()
 * latency, serving RSS and HTTP load, and then runs the eval when the index holds what it asks about.
 */
export async function measureScale(scale: Scale, options: ScaleOptions): Promise<ScaleResult> {
  const { log } = options
  const artifact = path.join(options.workDir, `index-${scale.name}.json`)
  const exists = (): Promise<boolean> =>
    stat(artifact).then(
      () => true,
      () => false,
    )
  const reuse = options.reuseArtifact === true && (await exists())
  if (!reuse) await rm(artifact, { force: true })
  const result: ScaleResult = {
    scale,
    builds: reuse ? (options.previousBuilds ?? []) : [],
    buildError: null,
    colds: [],
    coldError: null,
    latency: null,
    servedFrom: null,
    http: null,
    quality: null,
    filed: reuse ? (options.previousFiled ?? null) : null,
    parts: null,
  }
  if (reuse) log(`  reusing ${artifact}`)
  /** Latency, HTTP and the eval in a process holding the index. */
  const serve = async (worker: Worker): Promise<void> => {
    result.latency = await askLatency(worker, options.askCount, options.askBudgetMs, options.series)
    logLatency(result.latency, log)
    if (options.http) {
      result.http = await httpLoad(worker, options.httpSeconds, artifact)
      logHttp(result.http, log)
    }
    if (scale.quality) {
      result.quality = (await worker.send({ cmd: 'quality', files: options.evalFiles })) as unknown as Quality
      logQuality(result.quality, log)
    }
  }
  for (let run = 0; run < (reuse ? 0 : options.builds); run++) {
    const worker = new Worker({ heapMb: scale.heapMb })
    try {
      const built = await worker.send<Omit<BuildRun, 'saveMs' | 'size' | 'saveError'>>({ cmd: 'build', dirs: scale.dirs })
      const mbps = built.bytes / 1e6 / (built.ms / 1000)
      log(
        `  build ${run + 1}/${options.builds}: ${(built.ms / 1000).toFixed(1)} s, ${mbps.toFixed(2)} MB/s, ${built.reports} reports, heap ${(built.heapUsed / 2 ** 20).toFixed(0)} MiB`,
      )
      let saved: { ms: number; size: number; maxRss: number } | null = null
      let saveError: string | null = null
      try {
        saved = await worker.send<{ ms: number; size: number; maxRss: number }>({ cmd: 'save', file: artifact })
        log(`  save: ${(saved.ms / 1000).toFixed(1)} s, ${(saved.size / 1e6).toFixed(1)} MB`)
      } catch (error) {
        saveError = (error as Error).message
        log(`  save failed: ${saveError}`)
      }
      const { maxRss } = await worker.send<{ maxRss: number }>({ cmd: 'memory' })
      result.builds.push({ ...built, maxRss, saveMs: saved?.ms ?? null, size: saved?.size ?? null, saveError })
      if (run === options.builds - 1) {
        if (scale.generated) {
          result.filed = (await worker.send({ cmd: 'filed', ...scale.generated })) as unknown as Filed
          log(
            `  generated reports filed elsewhere than written for: ${result.filed.misfiled.length} of ${result.filed.checked} (${result.filed.underCorpusPlace} under a corpus place)`,
          )
        }
        if (!(await exists())) {
          result.servedFrom = 'build process'
          await serve(worker)
        }
      }
    } catch (error) {
      result.buildError = (error as Error).message
      log(`  build failed: ${result.buildError}`)
      break
    } finally {
      await worker.close()
    }
  }
  if (!(await exists())) return result
  result.parts = await artifactParts(artifact)
  const { facts, total } = result.parts
  log(
    `  artifact: facts ${(facts / 1e6).toFixed(1)} MB of ${(total / 1e6).toFixed(1)} MB (+${((facts / (total - facts)) * 100).toFixed(1)}%)`,
  )
  for (let run = 0; run < options.colds; run++) {
    const worker = new Worker({ heapMb: SERVING_HEAP_MB })
    try {
      const cold = await worker.send<{ loadMs: number; firstAskMs: number; rss: number }>({
        cmd: 'load',
        file: artifact,
        question: FIRST_QUESTION,
      })
      result.colds.push({ loadMs: cold.loadMs, firstAskMs: cold.firstAskMs, rssAfterLoad: cold.rss })
      log(
        `  cold start ${run + 1}/${options.colds}: load ${cold.loadMs.toFixed(0)} ms, first ask ${cold.firstAskMs.toFixed(0)} ms`,
      )
      if (run === 0) {
        result.servedFrom = 'artifact'
        await serve(worker)
      }
    } catch (error) {
      result.coldError = (error as Error).message
      log(`  cold start failed: ${result.coldError}`)
      break
    } finally {
      await worker.close()
    }
  }
  return result
}
