import { rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { Worker } from './child.ts'
import { askLatency, httpLoad, type AskLatency, type HttpLoad } from './latency.ts'
import type { Quality } from './quality.ts'

/** The V8 heap cap of a serving process, as in apps/api's `start` script and `pnpm start`. */
export const SERVING_HEAP_MB = 1536

export interface Scale {
  name: string
  /** Folders indexed, each under its own scope. */
  dirs: { dir: string; scope: string }[]
  /** Folders added after the build (and after the artifact is saved) for the answer-quality eval. */
  qualityDirs: { dir: string; scope: string }[]
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
}

export interface ScaleOptions {
  workDir: string
  builds: number
  colds: number
  askCount: number
  askBudgetMs: number
  httpSeconds: number
  http: boolean
  questionsFile: string
  log: (line: string) => void
  /** Keep the artifact of an earlier run (and `previousBuilds`) instead of building again. */
  reuseArtifact?: boolean
  previousBuilds?: BuildRun[]
  previousQuality?: Quality | null
}

function logLatency(l: AskLatency, log: (line: string) => void): void {
  log(`  ask p99: ${l.placed.p99.toFixed(1)} ms naming a place, ${l.unplaced.p99.toFixed(1)} ms naming none; RSS ${(l.maxRss / 2 ** 20).toFixed(0)} MiB`)
}

function logHttp(h: HttpLoad, log: (line: string) => void): void {
  log(`  http: /healthz ${h.healthz.rps.toFixed(0)} req/s, /ask ${h.ask.rps.toFixed(0)} req/s (${(h.ratio * 100).toFixed(1)}%), errors ${h.ask.errors + h.healthz.errors}`)
}

const FIRST_QUESTION = '地区生产总值增长多少'

/**
 * Builds the scale's index `builds` times, each in a fresh process (time, MB/s, peak RSS, artifact
 * size); then loads the artifact `colds` times in fresh processes (load time, first answer); the
 * first of those also gives ask() latency, serving RSS and HTTP load. The last build process also
 * runs the answer-quality eval with the test fixtures added.
 */
export async function measureScale(scale: Scale, options: ScaleOptions): Promise<ScaleResult> {
  const { log } = options
  const artifact = path.join(options.workDir, `index-${scale.name}.json`)
  const reuse = options.reuseArtifact === true && (await stat(artifact).then(() => true, () => false))
  if (!reuse) await rm(artifact, { force: true })
  const result: ScaleResult = { scale, builds: reuse ? (options.previousBuilds ?? []) : [], buildError: null, colds: [], coldError: null, latency: null, servedFrom: null, http: null, quality: reuse ? (options.previousQuality ?? null) : null }
  if (reuse) log(`  reusing ${artifact}`)
  for (let run = 0; run < (reuse ? 0 : options.builds); run++) {
    const worker = new Worker({ heapMb: scale.heapMb })
    try {
      const built = await worker.send<Omit<BuildRun, 'saveMs' | 'size' | 'saveError'>>({ cmd: 'build', dirs: scale.dirs })
      const mbps = built.bytes / 1e6 / (built.ms / 1000)
      log(`  build ${run + 1}/${options.builds}: ${(built.ms / 1000).toFixed(1)} s, ${mbps.toFixed(2)} MB/s, ${built.reports} reports, heap ${(built.heapUsed / 2 ** 20).toFixed(0)} MiB`)
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
        const haveArtifact = await stat(artifact).then(() => true, () => false)
        if (!haveArtifact) {
          result.servedFrom = 'build process'
          result.latency = await askLatency(worker, options.askCount, options.askBudgetMs)
          logLatency(result.latency, log)
          if (options.http) {
            result.http = await httpLoad(worker, options.httpSeconds, artifact)
            logHttp(result.http, log)
          }
        }
        await worker.send({ cmd: 'build', dirs: scale.qualityDirs })
        result.quality = (await worker.send({ cmd: 'quality', questions: options.questionsFile })) as unknown as Quality
        log(`  quality: ${result.quality.passed}/${result.quality.total} over ${result.quality.reports} reports`)
      }
    } catch (error) {
      result.buildError = (error as Error).message
      log(`  build failed: ${result.buildError}`)
      break
    } finally {
      await worker.close()
    }
  }
  if (!(await stat(artifact).then(() => true, () => false))) return result
  for (let run = 0; run < options.colds; run++) {
    const worker = new Worker({ heapMb: SERVING_HEAP_MB })
    try {
      const cold = await worker.send<{ loadMs: number; firstAskMs: number; rss: number }>({ cmd: 'load', file: artifact, question: FIRST_QUESTION })
      result.colds.push({ loadMs: cold.loadMs, firstAskMs: cold.firstAskMs, rssAfterLoad: cold.rss })
      log(`  cold start ${run + 1}/${options.colds}: load ${cold.loadMs.toFixed(0)} ms, first ask ${cold.firstAskMs.toFixed(0)} ms`)
      if (run === 0) {
        result.servedFrom = 'artifact'
        result.latency = await askLatency(worker, options.askCount, options.askBudgetMs)
        logLatency(result.latency, log)
        if (options.http) {
          result.http = await httpLoad(worker, options.httpSeconds, artifact)
          logHttp(result.http, log)
        }
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
