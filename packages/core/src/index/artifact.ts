import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { CoreError } from '../errors.ts'
import { FORMAT_VERSION, ReportIndex, type Catalog, type CatalogPlace, type UnitReader } from './report-index.ts'
import { unitChecksum, verifyUnit } from './unit-checksum.ts'
import { LevelRows, type LevelRanges } from './level-facts.ts'

/*
 * The artifact is one file:
 *   line 1          {"format":11} (FORMAT_VERSION)
 *   next M records  one place's unit each (bytes laid out as place-unit.ts describes), and a newline
 *   next line       the paragraphs the facts of each level cite, then those facts by indicator,
 *                   level and year (level-facts.ts)
 *   last line but 1 the catalog, one JSON line: builtAt, sources, every report's metadata, for
 *                   each place its reports, the indicators they name, the byte range of its unit
 *                   and the unit's checksum (unit-checksum.ts), and the ranges of the level facts
 *   last line       the byte offset of the catalog line
 * Loading reads the catalog only; a question reads the ranges of a place's unit it needs.
 * Written a chunk at a time, never as one string (V8 strings stop at ~512 MiB).
 */

const CHUNK = 4 * 1024 * 1024

export interface LoadOptions {
  /** Bytes of place units kept parsed in memory; see `DEFAULT_LOADED_BYTES`. */
  maxLoadedBytes?: number
}

/**
 * Writes the index to a temp file beside `file`, fsyncs it, renames it over the old one and fsyncs
 * the folder: a reader never sees a half-written artifact and a failed write leaves the previous
 * one. Every write is checked (a short write is written on, and a full disk fails the save) and
 * the file's size is checked before the rename. A unit copied from the previous artifact keeps its
 * checksum, and is checked against it first if this index has not read it yet (INDEX_DAMAGED).
 * The index then reads its places from the new file. Returns the artifact's size in bytes.
 */
export async function saveIndex(index: ReportIndex, file: string): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
  const { catalog, places, levels } = index.toArtifact()
  const saved: { key: string; entry: object; offset: number; length: number; checksum: string }[] = []
  let size = 0
  let levelFacts: LevelRanges = {}
  let reader: FileReader | null = null
  try {
    const handle = await open(temp, 'w')
    try {
      const out = chunkedWriter(handle)
      await out.line(JSON.stringify({ format: FORMAT_VERSION }))
      const catalogPlaces: CatalogPlace[] = []
      const rows = new LevelRows()
      for (const place of places) {
        const bytes = place.bytes()
        if (!place.verified) verifyUnit(index.placeLabel(place.key), bytes, place.checksum)
        rows.add(place.key, levels.get(place.key) ?? null, bytes)
        const checksum = place.checksum ?? unitChecksum(bytes)
        const offset = out.position()
        await out.line(bytes)
        saved.push({ key: place.key, entry: place.entry, offset, length: bytes.byteLength, checksum })
        catalogPlaces.push({
          key: place.key,
          reportIds: place.reportIds,
          indicators: place.indicators,
          offset,
          length: bytes.byteLength,
          checksum,
        })
      }
      const level = rows.write(out.position())
      for (const part of level.parts) await out.write(part)
      await out.line('')
      levelFacts = level.ranges
      const catalogOffset = out.position()
      await out.line(
        JSON.stringify({ ...catalog, places: catalogPlaces, levelFacts } satisfies Catalog & { places: CatalogPlace[] }),
      )
      await out.line(String(catalogOffset))
      size = await out.end()
      await handle.sync()
      const written = (await handle.stat()).size
      if (written !== size)
        throw new CoreError('INDEX_UNWRITABLE', `the new index artifact holds ${written} of its ${size} bytes`)
    } finally {
      await handle.close()
    }
    // Opened before the rename: it stays this file's even if another writer replaces it next.
    reader = new FileReader(temp)
    await rename(temp, file)
    await syncFolder(path.dirname(file))
  } catch (error) {
    reader?.close()
    await rm(temp, { force: true }).catch(() => {})
    throw error
  }
  index.attach(reader, saved, levelFacts)
  return size
}

function chunkedWriter(handle: FileHandle) {
  let pending: Buffer[] = []
  let pendingBytes = 0
  let written = 0
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return
    const chunk = Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    // write(2) may write less than asked (a disk filling up does): write the rest, until an error says why not.
    for (let done = 0; done < chunk.length;) {
      const { bytesWritten } = await handle.write(chunk, done, chunk.length - done)
      if (bytesWritten === 0) throw new CoreError('INDEX_UNWRITABLE', 'the index artifact could not be written (no byte written)')
      done += bytesWritten
    }
    written += chunk.length
  }
  const write = async (data: string | Uint8Array): Promise<void> => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    pending.push(bytes)
    pendingBytes += bytes.length
    if (pendingBytes >= CHUNK) await flush()
  }
  return {
    position: () => written + pendingBytes,
    write,
    line: async (data: string | Uint8Array) => {
      await write(data)
      await write('\n')
    },
    end: async () => {
      await flush()
      return written
    },
  }
}

/** Makes the rename itself durable: without it, a power cut may bring back the previous artifact. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // some file systems refuse fsync on a folder; the rename is still atomic
  } finally {
    await handle.close()
  }
}

/** Reads ranges of one artifact file; its descriptor is closed once no index uses it. */
class FileReader implements UnitReader {
  private static readonly closer = new FinalizationRegistry<number>((fd) => closeSync(fd))
  private readonly fd: number

  constructor(file: string) {
    this.fd = openSync(file, 'r')
    FileReader.closer.register(this, this.fd, this)
  }

  read(offset: number, length: number, into?: Buffer): Buffer {
    const bytes = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length)
    for (let done = 0; done < length;) {
      const n = readSync(this.fd, bytes, done, length - done, offset + done)
      if (n === 0) throw new CoreError('INDEX_UNREADABLE', `index artifact ends before byte ${offset + length}`)
      done += n
    }
    return bytes
  }

  size(): number {
    return fstatSync(this.fd).size
  }

  close(): void {
    FileReader.closer.unregister(this)
    closeSync(this.fd)
  }
}

/** Reads an artifact's catalog; its places are read from the file when first needed. */
export async function loadIndex(file: string, options: LoadOptions = {}): Promise<ReportIndex> {
  let reader: FileReader
  try {
    reader = new FileReader(file)
  } catch (cause) {
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} cannot be read`, { cause })
  }
  try {
    const size = reader.size()
    const head = reader.read(0, Math.min(size, 16)).toString('latin1')
    const format = /^\{"format":(\d+)[,}]/.exec(head)?.[1]
    if (Number(format) !== FORMAT_VERSION) {
      // An object that does not start with this format number: an older or newer artifact.
      if (!head.startsWith('{'))
        throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} has no readable header (not an artifact)`)
      throw new CoreError(
        'INDEX_INCOMPATIBLE',
        `index artifact ${file} has format ${format ?? 'unknown'}, expected ${FORMAT_VERSION}`,
      )
    }
    const tail = reader.read(Math.max(0, size - 24), Math.min(size, 24)).toString('latin1')
    const last = /\n(\d+)\n$/.exec(tail)
    if (!last) throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is truncated (no catalog at its end)`)
    const offset = Number(last[1])
    const end = size - last[0].length + 1
    if (offset >= end) throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is damaged (catalog offset ${offset})`)
    let catalog: Catalog & { places: CatalogPlace[] }
    try {
      catalog = JSON.parse(reader.read(offset, end - offset - 1).toString('utf8')) as typeof catalog
    } catch (cause) {
      throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is damaged (unreadable catalog)`, { cause })
    }
    if (
      catalog.places.some((place) => place.offset + place.length > offset) ||
      Object.values(catalog.levelFacts ?? {}).some(([at, length]) => at + length > offset)
    ) {
      throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is damaged (a place lies past the catalog)`)
    }
    return ReportIndex.fromArtifact(catalog, catalog.places, reader, options.maxLoadedBytes)
  } catch (error) {
    reader.close()
    if (error instanceof CoreError) throw error
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is damaged`, { cause: error })
  }
}

/**
 * Removes the temp files a killed writer left beside the artifact (`index.json.<pid>.<ms>.tmp`)
 * when their process is gone; returns their names. The artifact itself was never touched.
 */
export async function removeStaleTemps(file: string): Promise<string[]> {
  const dir = path.dirname(file)
  const base = path.basename(file)
  const removed: string[] = []
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(`${base}.`)) continue
    const pid = Number(/^\.(\d+)\.\d+\.tmp$/.exec(name.slice(base.length))?.[1])
    if (!pid || isRunning(pid)) continue
    await rm(path.join(dir, name), { force: true })
    removed.push(name)
  }
  return removed
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
