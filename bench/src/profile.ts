import { readFile } from 'node:fs/promises'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface HotSpot {
  name: string
  /** Share of all samples spent in this function itself. */
  self: number
  /** Share of all samples with this function on the stack. */
  total: number
}

/** The functions a V8 `.cpuprofile` spent most time in, by self and by inclusive time. */
export async function hotSpots(file: string, top = 12): Promise<{ self: HotSpot[]; total: HotSpot[] }> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const label = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.replace(/^.*\/(node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?)?/, '')
    return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`
  }
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  for (const id of profile.samples) {
    const node = byId.get(id)!
    const name = label(node)
    self.set(name, (self.get(name) ?? 0) + 1)
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = label(byId.get(at)!)
      if (!seen.has(n)) {
        seen.add(n)
        total.set(n, (total.get(n) ?? 0) + 1)
      }
    }
  }
  const all = profile.samples.length
  const rank = (counts: Map<string, number>): HotSpot[] =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name]) => ({ name, self: (self.get(name) ?? 0) / all, total: (total.get(name) ?? 0) / all }))
  return { self: rank(self), total: rank(total) }
}

if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) {
  const { self, total } = await hotSpots(process.argv[2], Number(process.argv[3] ?? 15))
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6)
  console.log('self:')
  for (const spot of self) console.log(`${pct(spot.self)} ${pct(spot.total)}  ${spot.name}`)
  console.log('total:')
  for (const spot of total) console.log(`${pct(spot.self)} ${pct(spot.total)}  ${spot.name}`)
}
