/**
 * `pnpm bench [--quick] [--only=segment,read,scales,cmrc] [--scales=sample,corpus,2000,10000] [--out=FILE] [--render]`
 * Measures segmentation, reading each file format, index build and serving at several scales, HTTP load, CMRC 2018 retrieval
 * and answer quality at scale, and writes BENCHMARKS.md (the full run) with real figures.
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { fixturePath, reportsDir, sharedDir } from '@report-qa/test-fixtures'
import { measureScale, SERVING_HEAP_MB, type Scale, type ScaleOptions, type ScaleResult } from './build.ts'
import { Worker } from './child.ts'
import { measureCmrc, readSquad, VARIANTS, type CmrcResult } from './cmrc.ts'
import { generateCorpus, type GeneratedCorpus } from './corpus.ts'
import { coreCommit, machine } from './machine.ts'
import { hotSpots, type HotSpot } from './profile.ts'
import { measureReading, type ReadingRun } from './reading.ts'
import { measureSegmentation, type SegmentRuns } from './segment.ts'
import { render } from './report.ts'

const BENCH = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const WORK = path.join(BENCH, '.work')
if (!sharedDir) throw new Error('../shared (the corpus and CMRC 2018) is not beside the repository: the bench measures over it')
const CORPUS = path.join(sharedDir, 'corpus')
const CMRC = path.join(sharedDir, 'benchmarks', 'cmrc2018')

function args(): {
  quick: boolean
  only: Set<string>
  scales: string[] | null
  out: string
  profile: boolean
  merge: boolean
  reuse: boolean
} {
  const argv = process.argv.slice(2)
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
  const quick = argv.includes('--quick')
  return {
    quick,
    only: new Set((value('only') ?? 'segment,read,scales,cmrc').split(',')),
    scales: value('scales')?.split(',') ?? null,
    out: value('out') ?? (quick ? path.join(WORK, 'BENCHMARKS.quick.md') : path.join(BENCH, '..', 'BENCHMARKS.md')),
    profile: argv.includes('--profile') || !quick,
    merge: argv.includes('--merge'),
    reuse: argv.includes('--reuse'),
  }
}

export interface Profiled {
  what: string
  self: HotSpot[]
  total: HotSpot[]
}

export interface Results {
  quick: boolean
  command: string
  startedAt: string
  minutes: number
  machine: Record<string, string>
  /** 1-minute load average at start and end (other work on the machine skews timings). */
  load: number[]
  /** core's last commit at start and end (core changing during a run makes its figures mixed). */
  core: string[]
  segment: SegmentRuns | null
  /** Reading .txt, .docx, .pdf and .html files of the corpus (absent from runs before it was measured). */
  reading?: ReadingRun[]
  generated: GeneratedCorpus[]
  scales: ScaleResult[]
  cmrc: CmrcResult[]
  profiles: Profiled[]
  /** Stages that failed, with why. */
  errors: string[]
}

const log = (line: string): void => console.log(line)

/** One worker with --cpu-prof doing `work`; the hottest functions of its profile. */
async function profile(what: string, heapMb: number | undefined, work: (worker: Worker) => Promise<unknown>): Promise<Profiled> {
  const dir = path.join(WORK, 'profiles', what.replace(/[^a-z0-9]+/gi, '-'))
  await mkdir(dir, { recursive: true })
  for (const file of await readdir(dir)) if (file.endsWith('.cpuprofile')) await rm(path.join(dir, file))
  const worker = new Worker({ heapMb, cpuProfDir: dir })
  try {
    await work(worker)
  } finally {
    await worker.close()
  }
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'))
  // --cpu-prof also profiles tsx's loader thread; the main thread's profile is the largest.
  let biggest = files[0]!
  for (const file of files)
    if ((await readFile(path.join(dir, file))).length > (await readFile(path.join(dir, biggest))).length) biggest = file
  const spots = await hotSpots(path.join(dir, biggest), 14)
  log(`  profile ${what}: ${path.join(dir, biggest)}`)
  return { what: `${what} (${path.relative(path.join(BENCH, '..'), path.join(dir, biggest))})`, ...spots }
}

/** Runs one stage; a failure is logged and recorded instead of ending the run. */
async function stage(results: Results, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    const message = `${name}: ${error instanceof Error ? error.message : String(error)}`
    results.errors.push(message)
    log(`  FAILED ${message}`)
  }
}

async function main(): Promise<void> {
  const opts = args()
  if (process.argv.includes('--render')) {
    // Rewrite BENCHMARKS.md from the saved results (after editing findings.md), measuring nothing.
    const saved = JSON.parse(await readFile(path.join(WORK, `results-${opts.quick ? 'quick' : 'full'}.json`), 'utf8')) as Results
    const findings = path.join(BENCH, 'findings.md')
    await writeFile(opts.out, render(saved, existsSync(findings) && !opts.quick ? await readFile(findings, 'utf8') : ''))
    log(`rendered ${opts.out}`)
    return
  }
  const started = Date.now()
  await mkdir(WORK, { recursive: true })
  const results: Results = {
    quick: opts.quick,
    command: `pnpm bench${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    startedAt: new Date().toISOString(),
    minutes: 0,
    machine: machine(),
    load: [os.loadavg()[0]!],
    core: [coreCommit()],
    segment: null,
    generated: [],
    scales: [],
    cmrc: [],
    profiles: [],
    errors: [],
  }
  const findings = path.join(BENCH, 'findings.md')
  /** Writes the results so far, so that a crash or a kill late in a long run loses nothing. */
  const write = async (): Promise<void> => {
    results.minutes = mergedMinutes + (Date.now() - started) / 60_000
    results.load[results.load.length > 2 ? results.load.length - 1 : 1] = os.loadavg()[0]!
    results.core[1] = coreCommit()
    await writeFile(path.join(WORK, `results-${opts.quick ? 'quick' : 'full'}.json`), JSON.stringify(results, null, 2))
    const notes = existsSync(findings) && !opts.quick ? await readFile(findings, 'utf8') : ''
    await writeFile(opts.out, render(results, notes))
  }
  if (opts.merge) {
    // Re-measure only the stages asked for; keep the rest of the saved run.
    const saved = JSON.parse(await readFile(path.join(WORK, `results-${opts.quick ? 'quick' : 'full'}.json`), 'utf8')) as Results
    Object.assign(results, {
      ...saved,
      command: `${saved.command}; then ${results.command}`,
      errors: [],
      load: [...saved.load, ...results.load],
      minutes: saved.minutes,
    })
  }
  const mergedMinutes = results.minutes
  log(`bench ${opts.quick ? '--quick' : 'full'}: ${JSON.stringify(results.machine)}`)

  if (opts.only.has('segment')) {
    log('segmentation')
    await stage(results, 'segmentation', async () => {
      const segment = await measureSegmentation(CORPUS, opts.quick ? 1.5e6 : Infinity, opts.quick ? 3 : 5)
      results.segment = segment
      log(
        `  ours ${segment.ours.map((x) => x.toFixed(2)).join(' ')} MB/s; nodejieba ${segment.jieba.map((x) => x.toFixed(2)).join(' ')} MB/s`,
      )
    })
    await write()
  }

  if (opts.only.has('read')) {
    log('reading')
    await stage(results, 'reading', async () => {
      results.reading = await measureReading(CORPUS, opts.quick ? 2 : 5)
      for (const r of results.reading) log(`  ${r.format}: ${r.mbps.map((x) => x.toFixed(2)).join(' ')} MB/s`)
    })
    await write()
  }

  if (opts.only.has('scales')) {
    const sample = { dir: reportsDir, scope: 'test-fixtures/reports' }
    // What `pnpm eval --also ../shared/corpus` and core's eval test index: the eval asks about all of it.
    const evalDirs = [
      { dir: fixturePath(), scope: 'test-fixtures' },
      { dir: CORPUS, scope: 'corpus' },
    ]
    const scales: (Scale & { builds: number; colds: number })[] = [
      { name: 'sample', dirs: [sample], quality: false, builds: opts.quick ? 3 : 5, colds: opts.quick ? 3 : 5 },
      { name: 'fixtures+corpus', dirs: evalDirs, quality: true, builds: opts.quick ? 1 : 3, colds: opts.quick ? 1 : 3 },
    ]
    const wanted = opts.scales ?? (opts.quick ? ['sample', 'corpus'] : ['sample', 'corpus', '2000', '10000'])
    for (const count of [2000, 10000]) {
      if (!wanted.includes(String(count))) continue
      log(`generating ${count} reports`)
      const corpus = await generateCorpus(WORK, CORPUS, count)
      results.generated = [...results.generated.filter((g) => g.reports !== corpus.reports), corpus]
      log(
        `  ${corpus.reused ? 'reused' : 'wrote'} ${corpus.dir}: ${(corpus.bytes / 1e6).toFixed(0)} MB, ${corpus.places} places in ${corpus.rounds} rounds`,
      )
      const generated = { dir: corpus.dir, scope: 'generated' }
      scales.push({
        name: `generated-${count}`,
        // The generated reports beside everything the eval asks about, in one index.
        dirs: [...evalDirs, generated],
        generated,
        quality: true,
        heapMb: 20000,
        builds: count >= 10000 ? 1 : 2,
        colds: count >= 10000 ? 2 : 3,
      })
    }
    const chosen = scales.filter((scale) => wanted.some((w) => scale.name === w || scale.name.endsWith(w)))
    for (const scale of chosen) {
      log(`scale ${scale.name}`)
      const options: ScaleOptions = {
        workDir: WORK,
        builds: scale.builds,
        colds: scale.colds,
        askCount: opts.quick ? 100 : 300,
        askBudgetMs: opts.quick ? 3_000 : 30_000,
        series: { perKind: opts.quick ? 10 : 100, budgetMs: opts.quick ? 10_000 : 60_000 },
        httpSeconds: opts.quick ? 3 : 10,
        http: !opts.quick || scale === chosen.at(-1),
        evalFiles: {
          questions: fixturePath('questions.jsonl'),
          series: fixturePath('series.jsonl'),
          conversations: fixturePath('conversations.jsonl'),
        },
        log,
      }
      await stage(results, `scale ${scale.name}`, async () => {
        const previous = results.scales.find((r) => r.scale.name === scale.name)
        const measured = await measureScale(scale, {
          ...options,
          reuseArtifact: opts.reuse,
          previousBuilds: previous?.builds ?? [],
          previousFiled: previous?.filed ?? null,
        })
        results.scales = [...results.scales.filter((r) => r.scale.name !== scale.name), measured]
      })
      await write()
    }
    if (opts.profile) {
      const corpus = chosen.find((scale) => scale.name === 'fixtures+corpus')
      if (corpus) {
        await stage(results, 'profile build', async () => {
          results.profiles = results.profiles.filter((p) => !p.what.startsWith('build'))
          results.profiles.push(
            await profile('build fixtures+corpus', undefined, (w) => w.send({ cmd: 'build', dirs: corpus.dirs })),
          )
        })
      }
      // 2,000 reports shows the same costs as 10,000 at a fifth of the profiling time.
      const largest =
        results.scales.find((r) => r.scale.name === 'generated-2000' && r.colds.length > 0) ??
        [...results.scales].reverse().find((r) => r.colds.length > 0)
      if (largest) {
        const file = path.join(WORK, `index-${largest.scale.name}.json`)
        await stage(results, 'profile load + asks', async () => {
          results.profiles = results.profiles.filter((p) => !p.what.startsWith('load'))
          results.profiles.push(
            await profile(`load + asks ${largest.scale.name}`, SERVING_HEAP_MB, async (w) => {
              await w.send({ cmd: 'load', file, question: '地区生产总值增长多少' })
              await w.send({ cmd: 'latency', count: 100, budgetMs: 20_000, series: { perKind: 10, budgetMs: 10_000 } })
            }),
          )
        })
      }
      await write()
    }
  }

  if (opts.only.has('cmrc')) {
    const sets = opts.quick ? ['dev'] : ['dev', 'trial']
    for (const name of sets) {
      log(`cmrc ${name}`)
      const dataset = await readSquad(path.join(CMRC, `cmrc2018_squad_${name}.json`), name)
      const variants = opts.quick || name !== 'dev' ? [VARIANTS[0]!, VARIANTS[1]!] : VARIANTS
      await stage(results, `cmrc ${name}`, async () => {
        const result = measureCmrc(dataset, variants)
        results.cmrc = [...results.cmrc.filter((c) => c.dataset !== name), result]
        log(
          `  bigram ${(result.bigram.recall1 * 100).toFixed(1)}%; ${result.variants.map((v) => `${(v.retrieval.recall1 * 100).toFixed(1)}%`).join(', ')}`,
        )
      })
    }
  }

  await write()
  log(`wrote ${opts.out} after ${results.minutes.toFixed(1)} min`)
}

await main()
