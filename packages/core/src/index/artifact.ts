import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { CoreError } from '../errors.ts'
import { FORMAT_VERSION, ReportIndex, type Artifact } from './report-index.ts'

/**
 * Writes the index as one file: to a temp file beside it, fsynced, then renamed over the old one,
 * so a reader never sees a half-written artifact and a failed write leaves the previous one.
 */
export async function saveIndex(index: ReportIndex, file: string): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = tempPath(file)
  const body = JSON.stringify(index.toArtifact())
  try {
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(body)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
    await syncFolder(path.dirname(file))
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return Buffer.byteLength(body)
}

function tempPath(file: string): string {
  return `${file}.${process.pid}.${Date.now()}.tmp`
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

export async function loadIndex(file: string): Promise<ReportIndex> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} cannot be read`, { cause })
  }
  let artifact: Artifact
  try {
    artifact = JSON.parse(text) as Artifact
  } catch (cause) {
    throw new CoreError('INDEX_UNREADABLE', `index artifact ${file} is not valid JSON (truncated?)`, { cause })
  }
  if (artifact?.format !== FORMAT_VERSION) {
    throw new CoreError('INDEX_INCOMPATIBLE', `index artifact ${file} has format ${String(artifact?.format)}, expected ${FORMAT_VERSION}`)
  }
  return ReportIndex.fromArtifact(artifact)
}
