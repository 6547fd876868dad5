import { createHash, randomBytes } from 'node:crypto'
import { rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { bytesToText, isReportFile, parseReports, REPORT_EXTENSIONS, type Report } from '@report-qa/core'
import { ApiError } from './errors.ts'
import { isUnsafeName } from './safe-name.ts'

const MAX_NAME_LENGTH = 200
/** Control characters and what Windows file systems reject. */
// eslint-disable-next-line no-control-regex
const RESERVED = /[\u0000-\u001f\u007f<>:"|?*]/g

/**
 * An upload's name as stored in the reports folder: refused (400) when it could leave the folder,
 * characters that file systems reject replaced by `_`, and 415 unless core reads its type.
 */
export function safeFileName(raw: string): string {
  if (isUnsafeName(raw)) throw new ApiError(400, 'INVALID_FILE_NAME', 'a file name cannot hold "..", "/", "\\" or NUL')
  const name = raw.normalize('NFC').replace(RESERVED, '_').trim()
  if (name === '' || name.startsWith('.') || name.length > MAX_NAME_LENGTH) {
    throw new ApiError(400, 'INVALID_FILE_NAME', `a file name must be 1-${MAX_NAME_LENGTH} characters and not start with "."`)
  }
  if (!isReportFile(name)) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `only ${REPORT_EXTENSIONS.join(', ')} report files can be uploaded`)
  }
  return name
}

export interface StoredUpload {
  /** File name relative to the reports folder (the index's `source`). */
  source: string
  /** sha256 of the bytes, as the index records it. */
  hash: string
  replaced: boolean
  /** The reports the file holds, parsed before storing. */
  reports: Report[]
}

/**
 * Checks that the bytes hold a report (CoreError REPORT_UNREADABLE -> 422 otherwise, and nothing is
 * stored), then writes them into `dir` atomically: to a hidden temp file, renamed into place, so a
 * watcher never reads half a file.
 */
export async function storeUpload(dir: string, name: string, bytes: Uint8Array): Promise<StoredUpload> {
  const reports = parseReports(await bytesToText(bytes, name), name)
  if (reports.length === 0) throw new ApiError(422, 'REPORT_UNREADABLE', `${name}: holds no report`)
  const target = path.join(dir, name)
  const replaced = await stat(target).then(
    () => true,
    () => false,
  )
  const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.upload`)
  try {
    await writeFile(temp, bytes)
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return { source: name, hash: createHash('sha256').update(bytes).digest('hex'), replaced, reports }
}
