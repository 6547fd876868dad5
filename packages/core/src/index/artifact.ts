import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { CoreError } from '../errors.ts'
import { FORMAT_VERSION, ReportIndex, type Artifact } from './report-index.ts'

/**
 * Writes the index as one file: to a temp file beside it, fsynced, then renamed over the old one,
 * so a reader never sees a half-written artifact and a failed write leaves the previous one.
 */
export async function saveIndex(index: ReportIndex, file: string): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
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
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return Buffer.byteLength(body)
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
