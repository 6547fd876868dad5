import { open, readFile } from 'node:fs/promises'

interface Catalog {
  reports: { place: string | null; placeCode: string | null }[]
  places: { key: string; offset: number; length: number }[]
}

/**
 * Overwrites bytes of a place's unit inside an index artifact, as a bad disk or a stray write would
 * (the catalog, the artifact's last JSON line but one, gives each unit's range). `place` is a
 * place's name as its reports give it (牛塘镇) or its key in the index (its gazetteer code). Where:
 * the unit's head (every question about the place reads it), or with `part: 'facts'` the middle of
 * the facts of the indicator it states most (the head, after its u32 length, gives their range; see
 * place-unit.ts).
 */
export async function damagePlace(file: string, place: string, options: { part?: 'head' | 'facts' } = {}): Promise<void> {
  const bytes = await readFile(file)
  const offset = Number(bytes.toString('latin1').trimEnd().split('\n').at(-1))
  const catalog = JSON.parse(bytes.subarray(offset).toString('utf8').split('\n')[0]!) as Catalog
  const keys = new Set([place, ...catalog.reports.filter((r) => r.place === place).map((r) => r.placeCode ?? place)])
  const unit = catalog.places.find((p) => keys.has(p.key))
  if (!unit) throw new Error(`no place ${place} in ${file}`)
  const headLength = bytes.readUInt32LE(unit.offset)
  if (headLength < 128) throw new Error(`the head of ${place} is too short to damage`)
  let at = unit.offset + 4 + Math.floor(headLength / 2) - 32
  if (options.part === 'facts') {
    const head = JSON.parse(bytes.toString('utf8', unit.offset + 4, unit.offset + 4 + headLength)) as {
      facts: Record<string, [number, number]>
    }
    const [start, length] = Object.values(head.facts).sort((a, b) => b[1] - a[1])[0] ?? [0, 0]
    if (length < 64) throw new Error(`${place} holds too few facts to damage`)
    at = unit.offset + 4 + headLength + start + Math.floor((length - 64) / 2)
  }
  const handle = await open(file, 'r+')
  try {
    await handle.write(Buffer.from('#'.repeat(64)), 0, 64, at)
  } finally {
    await handle.close()
  }
}
