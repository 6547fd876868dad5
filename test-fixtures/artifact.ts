import { open, readFile } from 'node:fs/promises'

/**
 * Overwrites 64 bytes in the middle of a place's unit inside an index artifact, as a bad disk or a
 * stray write would (the catalog, the artifact's last JSON line but one, gives each unit's range).
 */
export async function damagePlace(file: string, place: string): Promise<void> {
  const bytes = await readFile(file)
  const offset = Number(bytes.toString('latin1').trimEnd().split('\n').at(-1))
  const catalog = JSON.parse(bytes.subarray(offset).toString('utf8').split('\n')[0]!) as {
    places: { key: string; offset: number; length: number }[]
  }
  const unit = catalog.places.find((p) => p.key === place)
  if (!unit) throw new Error(`no place ${place} in ${file}`)
  const handle = await open(file, 'r+')
  try {
    await handle.write(Buffer.from('#'.repeat(64)), 0, 64, unit.offset + Math.floor(unit.length / 2))
  } finally {
    await handle.close()
  }
}
