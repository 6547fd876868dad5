import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { bytesToText, parseReports } from './src/index.ts'
import { buildUnit } from './src/index/place-unit.ts'
const root = '/work/main/bench/.work/corpus-2000'
const rounds = Number(process.argv[2] ?? 3)
const byPlace = new Map<string, any[]>()
let bytes = 0
for (const r of readdirSync(root).filter((d) => d.startsWith('r')).sort().slice(0, rounds)) {
  for (const f of readdirSync(path.join(root, r), { recursive: true }) as string[]) {
    if (!f.endsWith('.txt')) continue
    const buf = readFileSync(path.join(root, r, f)); bytes += buf.length
    for (const rep of parseReports(await bytesToText(buf, f), `${r}/${f}`)) {
      const k = rep.placeCode ?? rep.place ?? '?'
      if (!byPlace.has(k)) byPlace.set(k, [])
      byPlace.get(k)!.push(rep)
    }
  }
}
console.log(`${(bytes/1e6).toFixed(1)} MB, ${byPlace.size} places`)
const h = createHash('sha256')
for (let rep = 0; rep < Number(process.argv[3] ?? 3); rep++) {
  const t = performance.now()
  for (const reports of byPlace.values()) { const u = buildUnit(reports); if (rep === 0) h.update(u.bytes).update(u.indicators.join()) }
  const ms = performance.now() - t
  console.log(`build ${ms.toFixed(0)} ms, ${(bytes/1e6/(ms/1000)).toFixed(2)} MB/s`)
}
console.log('hash', h.digest('hex').slice(0, 16))
