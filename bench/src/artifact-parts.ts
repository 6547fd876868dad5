import { open } from 'node:fs/promises'

/** Bytes of an index artifact by what they hold. */
export interface ArtifactParts {
  total: number
  /** The catalog line (reports' metadata, places, sources) and the format and offset lines. */
  catalog: number
  /** Each place unit's head, field lengths, dictionary and postings: what a search reads. */
  search: number
  /** Each report's paragraphs and headings as stored in its place's unit. */
  text: number
  /** The facts (issue 11): each place's, in its unit, and the level facts (with the paragraphs they cite) after the units. */
  facts: number
}

interface UnitHead {
  reports: [number, number][]
  /** By indicator. */
  facts?: Record<string, [number, number]>
}

/**
 * Reads the catalog and each place unit's head of an artifact (laid out as core's
 * index/artifact.ts and index/place-unit.ts describe) and sums the ranges of each part.
 */
export async function artifactParts(file: string): Promise<ArtifactParts> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const read = async (offset: number, length: number): Promise<Buffer> => {
      const bytes = Buffer.alloc(length)
      await handle.read(bytes, 0, length, offset)
      return bytes
    }
    const tail = (await read(Math.max(0, size - 24), Math.min(size, 24))).toString('latin1')
    const last = /\n(\d+)\n$/.exec(tail)
    if (!last) throw new Error(`${file}: no catalog offset at its end`)
    // The catalog line runs from its offset to the newline before the last line.
    const offset = Number(last[1])
    const catalog = JSON.parse((await read(offset, size - last[0].length - offset)).toString('utf8')) as {
      places: { offset: number; length: number }[]
      levelFacts?: Record<string, [number, number, string]>
    }
    // The level facts' line, between the last unit's newline and the catalog's: their rows and the paragraphs they cite.
    const unitsEnd = Math.max(0, ...catalog.places.map((place) => place.offset + place.length + 1))
    const levelFacts = catalog.levelFacts && unitsEnd > 0 ? offset - 1 - unitsEnd : 0
    const parts: ArtifactParts = { total: size, catalog: size - levelFacts, search: 0, text: 0, facts: levelFacts }
    for (const place of catalog.places) {
      const headLength = (await read(place.offset, 4)).readUInt32LE(0)
      const head = JSON.parse((await read(place.offset + 4, headLength)).toString('utf8')) as UnitHead
      const text = head.reports.reduce((sum, [, length]) => sum + length, 0)
      const facts = Object.values(head.facts ?? {}).reduce((sum, [, length]) => sum + length, 0)
      parts.text += text
      parts.facts += facts
      parts.search += place.length - text - facts
      parts.catalog -= place.length
    }
    return parts
  } finally {
    await handle.close()
  }
}
