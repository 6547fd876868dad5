import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { CoreError } from '../errors.ts'
import type { Report } from '../types.ts'
import { FORMAT_VERSION, ReportIndex, type ArtifactHeader } from './report-index.ts'

/*
 * The artifact is one file of lines, each one JSON value (JSON never holds a raw newline):
 *   line 1        header: { format, builtAt, sources }, plus the counts of the lines that follow
 *   next N lines  one Report each
 *   next M lines  "<place as a JSON string>\t<that place's MiniSearch JSON>"
 * Written a chunk at a time, never as one string (V8 strings stop at ~512 MiB), and read into one
 * buffer whose shard lines stay bytes until a question needs that place.
 */

const CHUNK = 4 * 1024 * 1024

/**
 * Writes the index to a temp file beside `file`, fsyncs it, renames it over the old one and fsyncs
 * the folder: a reader never sees a half-written artifact and a failed write leaves the previous
 * one. Returns the artifact's size in bytes.
 */
export async function saveIndex(index: ReportIndex, file: string): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
  const { header, reports, shards } = index.toArtifact()
  let size = 0
  try {
    const handle = await open(temp, 'w')
    try {
      const out = chunkedWriter(handle)
      await out.line(JSON.stringify({ ...header, reports: reports.length, shards: shards.length }))
      for (const report of reports) await out.line(JSON.stringify(report))
      for (const shard of shards) {
        await out.write(`${JSON.stringify(shard.key)}\t`)
        await out.line(shard.json())
      }
      size = await out.end()
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
    await syncFolder(path.dirname(file))
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {})
    throw error
  }
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
    await handle.write(chunk)
    written += chunk.length
  }
  const write = async (data: string | Uint8Array): Promise<void> => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    pending.push(bytes)
    pendingBytes += bytes.length
    if (pendingBytes >= CHUNK) await flush()
  }
  return {
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

export async function loadIndex(file: string): Promise<ReportIndex> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (cause) {
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} cannot be read`, { cause })
  }
  const lines = splitLines(bytes)
  let header: ArtifactHeader & { reports: number; shards: number }
  try {
    header = JSON.parse(lines[0]?.toString('utf8') ?? '') as typeof header
  } catch (cause) {
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} has no readable header (not an artifact, or truncated)`, { cause })
  }
  if (header?.format !== FORMAT_VERSION) {
    throw new CoreError('INDEX_INCOMPATIBLE', `index artifact ${file} has format ${String(header?.format)}, expected ${FORMAT_VERSION}`)
  }
  if (lines.length !== 1 + header.reports + header.shards) {
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is truncated (${lines.length} of ${1 + header.reports + header.shards} lines)`)
  }
  try {
    const reports = lines.slice(1, 1 + header.reports).map((line) => JSON.parse(line.toString('utf8')) as Report)
    const shards = lines.slice(1 + header.reports).map((line): [string, Uint8Array] => {
      const tab = line.indexOf(0x09)
      if (tab < 0) throw new Error('shard line without a place')
      return [JSON.parse(line.subarray(0, tab).toString('utf8')) as string, line.subarray(tab + 1)]
    })
    return ReportIndex.fromArtifact(header, reports, shards)
  } catch (cause) {
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is damaged`, { cause })
  }
}

function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = []
  let start = 0
  for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, end))
    start = end + 1
  }
  if (start < bytes.length) lines.push(bytes.subarray(start))
  return lines
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
