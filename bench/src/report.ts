import type { ScaleResult } from './build.ts'
import type { Tail } from './latency.ts'
import type { Results } from './main.ts'
import { fmt, summarize } from './stats.ts'

const MiB = 2 ** 20
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
const ok = (met: boolean | null): string => (met === null ? 'not measured' : met ? '**met**' : '**missed**')

/** Smallest scale first, whatever order the (possibly merged) runs measured them in. */
function ordered(results: Results): ScaleResult[] {
  return [...results.scales].sort((a, b) => (a.builds[0]?.bytes ?? 0) - (b.builds[0]?.bytes ?? 0))
}

function mbps(scale: ScaleResult): number[] {
  return scale.builds.map((b) => b.bytes / 1e6 / (b.ms / 1000))
}

function scaleRows(results: Results): string[] {
  const rows = [
    '| scale | reports / places | text MB | build s | build MB/s | peak RSS build MiB | artifact MB | save s | load ms | first answer ms (cold) | serving RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const s of ordered(results)) {
    const b = s.builds[0]
    if (!b) {
      rows.push(`| ${s.scale.name} | build failed: ${s.buildError ?? '?'} | | | | | | | | | |`)
      continue
    }
    const sizes = s.builds.flatMap((x) => (x.size === null ? [] : [x.size / 1e6]))
    const saves = s.builds.flatMap((x) => (x.saveMs === null ? [] : [x.saveMs / 1000]))
    const saveError = s.builds.find((x) => x.saveError)?.saveError
    rows.push(
      [
        s.scale.name,
        `${b.reports} / ${b.places}`,
        (b.bytes / 1e6).toFixed(1),
        fmt(s.builds.map((x) => x.ms / 1000), 1),
        fmt(mbps(s), 2),
        s.builds.some((x) => x.maxRss > 0) ? fmt(s.builds.filter((x) => x.maxRss > 0).map((x) => x.maxRss / MiB), 0) : 'not recorded',
        sizes.length ? fmt(sizes, 1) : `failed: ${saveError ?? ''}`,
        saves.length ? fmt(saves, 1) : '–',
        s.colds.length ? fmt(s.colds.map((c) => c.loadMs), 0) : s.coldError ? `failed: ${s.coldError}` : '–',
        s.colds.length ? fmt(s.colds.map((c) => c.loadMs + c.firstAskMs), 0) : '–',
        s.latency ? `${(s.latency.maxRss / MiB).toFixed(0)} (${s.servedFrom})` : '–',
      ].join(' | ').replace(/^/, '| ') + ' |',
    )
  }
  return rows
}

function latencyRows(results: Results): string[] {
  const rows = [
    '| scale | served from | naming a place, first ask p50 / p95 / p99 ms (n, found) | the same again (places in memory) | naming none p50 / p95 / p99 ms (n, found) |',
    '|---|---|---|---|---|',
  ]
  for (const s of ordered(results)) {
    const l = s.latency
    if (!l) continue
    const cell = (x: Tail | undefined): string => (x ? `${x.p50.toFixed(2)} / ${x.p95.toFixed(2)} / ${x.p99.toFixed(2)} (n=${x.n}, ${x.found} found)` : '–')
    rows.push(`| ${s.scale.name} | ${s.servedFrom} | ${cell(l.placed)} | ${cell(l.placedAgain)} | ${cell(l.unplaced)} |`)
  }
  return rows
}

function httpRows(results: Results): string[] {
  const rows = ['| scale | server | /healthz req/s | /ask req/s | /ask ÷ /healthz | /healthz p50 / p99 ms | /ask p50 / p99 ms | errors (timeouts, non-2xx) |', '|---|---|---|---|---|---|---|---|']
  for (const s of ordered(results)) {
    const h = s.http
    if (!h) continue
    rows.push(
      `| ${s.scale.name} | ${h.server} | ${h.healthz.rps.toFixed(0)} | ${h.ask.rps.toFixed(1)} | ${pct(h.ratio)} | ${h.healthz.p50} / ${h.healthz.p99} | ${h.ask.p50} / ${h.ask.p99} | ${h.healthz.errors + h.ask.errors} (non-2xx ${h.healthz.non2xx + h.ask.non2xx}) |`,
    )
  }
  return rows
}

function targets(results: Results): string[] {
  const largest = results.scales.find((s) => s.scale.name === 'generated-10000') ?? null
  const sample = results.scales.find((s) => s.scale.name === 'sample') ?? null
  const built = results.scales.filter((s) => s.builds.length > 0)
  const slowest = built.length ? Math.min(...built.map((s) => summarize(mbps(s)).median)) : null
  const allScales = results.scales.some((s) => s.scale.name === 'generated-10000')
  const rows = ['| target | measured | |', '|---|---|---|']
  rows.push(
    `| index build ≥ 4 MB/s at every scale | slowest median ${slowest?.toFixed(2) ?? '–'} MB/s${allScales ? '' : ' (not all scales run)'}${results.scales.some((s) => s.buildError) ? '; a build failed' : ''} | ${ok(slowest === null ? null : slowest >= 4 && !results.scales.some((s) => s.buildError))} |`,
  )
  const serveRss = largest?.latency ? largest.latency.maxRss / MiB : null
  rows.push(`| 10,000 reports: ≤ 2 GB RSS serving | ${serveRss === null ? 'not measured' : `${serveRss.toFixed(0)} MiB (${largest!.servedFrom})`} | ${ok(serveRss === null ? null : serveRss <= 2048)} |`)
  const load = largest?.colds.length ? summarize(largest.colds.map((c) => c.loadMs)).median : null
  const saveError = largest?.builds.find((b) => b.saveError)?.saveError
  rows.push(`| 10,000 reports: artifact load ≤ 3 s | ${load === null ? (saveError ? `no artifact: ${saveError}` : 'not measured') : `${(load / 1000).toFixed(2)} s`} | ${ok(load === null ? (saveError ? false : null) : load <= 3000)} |`)
  const placed = largest?.latency?.placed.p99 ?? null
  const unplaced = largest?.latency?.unplaced.p99 ?? null
  const again = largest?.latency?.placedAgain?.p99 ?? null
  rows.push(
    `| 10,000 reports: ask() p99 ≤ 10 ms naming a place | ${placed === null ? 'not measured' : `${placed.toFixed(1)} ms first ask${again === null ? '' : `; ${again.toFixed(1)} ms asked again`}`} | ${ok(placed === null ? null : placed <= 10)}${again !== null && placed !== null && placed > 10 && again <= 10 ? ' (met for places in memory)' : ''} |`,
  )
  rows.push(`| 10,000 reports: ask() p99 ≤ 50 ms naming none | ${unplaced === null ? 'not measured' : `${unplaced.toFixed(1)} ms`} | ${ok(unplaced === null ? null : unplaced <= 50)} |`)
  const h = largest?.http ?? null
  rows.push(`| 10,000 reports: HTTP /ask ≥ 30% of /healthz req/s, 0 errors | ${h ? `${pct(h.ratio)}, ${h.ask.errors + h.healthz.errors} errors` : 'not measured'} | ${ok(h ? h.ratio >= 0.3 && h.ask.errors + h.healthz.errors === 0 : null)} |`)
  const dev = results.cmrc.find((c) => c.dataset === 'dev')
  const core = dev?.variants[0]
  const best = dev ? [...dev.variants].sort((a, b) => b.retrieval.recall1 - a.retrieval.recall1)[0] : undefined
  rows.push(
    `| CMRC dev Recall@1 ≥ 97% and above bigram | core ${core ? pct(core.retrieval.recall1) : '–'} vs bigram ${dev ? pct(dev.bigram.recall1) : '–'}; best variant in bench ${best ? `${pct(best.retrieval.recall1)} (${best.variant.name})` : '–'} | core ${ok(core && dev ? core.retrieval.recall1 >= 0.97 && core.retrieval.recall1 > dev.bigram.recall1 : null)}; with the variant ${ok(best && dev ? best.retrieval.recall1 >= 0.97 && best.retrieval.recall1 > dev.bigram.recall1 : null)} |`,
  )
  const q0 = sample?.quality
  const q1 = largest?.quality
  rows.push(`| answer quality at 10,000 = on the samples | samples ${q0 ? `${q0.passed}/${q0.total}` : '–'}, with 10,000 generated reports ${q1 ? `${q1.passed}/${q1.total}` : '–'} | ${ok(q0 && q1 ? q1.passed >= q0.passed : null)} |`)
  return rows
}

export function render(results: Results, findings: string): string {
  const m = results.machine
  const out: string[] = []
  out.push('# Benchmarks', '')
  out.push(`Written by \`${results.command}\` (bench/src/main.ts) on ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC; the run took ${results.minutes.toFixed(1)} min.${results.quick ? ' **Quick run: fewer repeats, smaller inputs.**' : ''}`)
  out.push('Figures are the median of repeated runs with min–max and the number of runs in brackets; each build and each cold start runs in a fresh process. Latency percentiles are over the n questions asked in one serving process. CMRC recall is deterministic (one run).', '')
  out.push('## Machine', '')
  for (const [key, value] of Object.entries(m)) out.push(`- ${key}: ${value}`)
  const [coreStart, coreEnd] = results.core ?? []
  if (coreStart) out.push(`- @report-qa/core: ${coreStart}${coreEnd && coreEnd !== coreStart ? `; **changed during the run** to ${coreEnd}` : ' (unchanged during the run)'}`)
  out.push(`- 1-minute load average at the start and end of each invocation: ${results.load.map((x) => x.toFixed(2)).join(' / ')} (on 2 cores; anything above ~1 means other work, e.g. other packages' test runs, shared the CPU and timings are pessimistic)`)
  out.push('', '## Targets', '', ...targets(results), '')
  if (results.errors.length) out.push('Stages that failed in this run:', '', ...results.errors.map((e) => `- ${e}`), '')
  if (findings.trim()) out.push(findings.trim(), '')
  if (results.segment) {
    const s = results.segment
    out.push('## 1. Segmentation', '')
    out.push(`${(s.bytes / 1e6).toFixed(1)} MB of UTF-8 report text (corpus county/city/province/national), segmented file by file; runs alternate.`, '')
    out.push('| segmenter | MB/s | tokens |', '|---|---|---|')
    out.push(`| core \`tokenize\` | ${fmt(s.ours, 2)} | ${s.tokens.ours} |`)
    out.push(`| raw nodejieba \`cutForSearch\` | ${fmt(s.jieba, 2)} | ${s.tokens.jieba} |`, '')
  }
  if (results.reading?.length) {
    out.push('## 1b. Reading files', '')
    out.push('Core `bytesToText` (decode or unpack, lay out, clean) over the corpus files of each format, from bytes in memory, after one untimed pass that loads the readers (pdf.js, mammoth, linkedom); .txt is province/, .docx docx/, .pdf pdf/, .html html/ of ../shared/corpus.', '')
    out.push('| format | files | MB | text chars | MB/s | ms per file |', '|---|---|---|---|---|---|')
    for (const r of results.reading) out.push(`| ${r.format} | ${r.files} | ${(r.bytes / 1e6).toFixed(2)} | ${r.chars} | ${fmt(r.mbps, 2)} | ${fmt(r.msPerFile, 1)} |`)
    out.push('')
  }
  if (results.scales.length) {
    out.push('## 2. Index build, artifact, cold start', '')
    if (results.generated.length) {
      out.push(
        `Generated corpora (bench/.work/corpus-N): copies of the corpus's county and city reports, each relabelled with a generated place name (full name and short form replaced everywhere; 4 reports a place) and its years shifted by −4…+4. ${results.generated.map((g) => `${g.reports} reports = ${(g.bytes / 1e6).toFixed(0)} MB, ${g.places} places`).join('; ')}.`,
        '',
      )
    }
    out.push('Build = core `syncIndex` over the folder(s) in a fresh process; MB/s = bytes read ÷ build time. Peak RSS is the build process\'s `resourceUsage().maxRSS` after `saveIndex` (nodejieba\'s dictionary alone is ~350 MB of it). Cold start = a new process with the API’s heap cap (`--max-old-space-size=1536`, as `pnpm start` runs the API): `loadIndex` + first `ask` (a question naming no place); that process then serves the latency and HTTP measurements below, and its peak RSS is the serving RSS.', '')
    out.push(...scaleRows(results), '')
    out.push('## 3. ask() latency and HTTP', '')
    out.push('Questions naming a place: `<place><year>年<indicator>是多少` for random reports of the index; naming none: `<year>年<indicator>是多少` / `<indicator>增长了多少`. Timed after 20 warm-up questions about other reports. Each question naming a place is asked twice: the first ask mostly reads its place from the artifact (the index starts with none in memory), the second finds it open unless the LRU (`DEFAULT_LOADED_BYTES` of what open units hold) closed it.', '')
    out.push(...latencyRows(results), '')
    if (results.scales.some((s) => s.http)) {
      out.push('autocannon, 50 connections, against one server (in the worker process holding the index) in the same run: `/healthz`, then `/ask?q=` cycling through 200 questions naming a place, each asked once before timing so that its place is in memory (the steady state of a server; a place’s first question is timed in the table above).', '')
      out.push(...httpRows(results), '')
    }
  }
  if (results.cmrc.length) {
    out.push('## 4. Retrieval on CMRC 2018', '')
    out.push('Every paragraph (context) indexed, every question asked; a hit is the question\'s own paragraph. Bigram baseline: plain MiniSearch with an overlapping character-bigram tokenizer, same run. Variants are bench-only (bench/src/cmrc.ts) for the lead to move into core.', '')
    out.push('| set | ranker | Recall@1 | Recall@5 | MRR@10 |', '|---|---|---|---|---|')
    for (const c of results.cmrc) {
      out.push(`| ${c.dataset} (${c.paragraphs} paragraphs, ${c.questions} questions) | character-bigram baseline | ${pct(c.bigram.recall1)} | ${pct(c.bigram.recall5)} | ${c.bigram.mrr10.toFixed(3)} |`)
      for (const v of c.variants) out.push(`| ${c.dataset} | ${v.variant.name} | ${pct(v.retrieval.recall1)} | ${pct(v.retrieval.recall5)} | ${v.retrieval.mrr10.toFixed(3)} |`)
    }
    out.push('')
  }
  if (results.scales.length) {
    out.push('## 5. Answer quality at scale', '')
    out.push('core `readQuestions` + `judge` over test-fixtures/questions.jsonl; the fixtures are indexed under scope `test-fixtures` beside the scale\'s reports.', '')
    out.push('| scale | reports in index | passed |', '|---|---|---|')
    for (const s of ordered(results)) if (s.quality) out.push(`| ${s.scale.name} | ${s.quality.reports} | ${s.quality.passed}/${s.quality.total} |`)
    out.push('')
    const failing = results.scales.filter((s) => s.quality && s.quality.failures.length > 0)
    for (const s of failing) {
      out.push(`<details><summary>${s.scale.name}: ${s.quality!.failures.length} failures</summary>`, '', ...s.quality!.failures.map((f) => `- ${f}`), '', '</details>', '')
    }
  }
  if (results.profiles.length) {
    out.push('## Profiles', '')
    out.push('`--cpu-prof` of a worker doing the named work; self = time in the function itself, total = with what it calls.', '')
    for (const p of results.profiles) {
      out.push(`### ${p.what}`, '', '| self | total | function |', '|---|---|---|')
      const seen = new Set<string>()
      for (const spot of [...p.self.slice(0, 10), ...p.total.filter((t) => !/\(root\)|evaluate|module_job|loader|^run /.test(t.name))]) {
        if (seen.has(spot.name)) continue
        seen.add(spot.name)
        out.push(`| ${pct(spot.self)} | ${pct(spot.total)} | \`${spot.name}\` |`)
      }
      out.push('')
    }
  }
  return out.join('\n')
}
