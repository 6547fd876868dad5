import { isReportFile, REPORT_EXTENSIONS } from '@report-qa/core'
import { ApiError } from './errors.ts'
import { isUnsafeName } from './safe-name.ts'

/** Characters of a name; and its bytes in UTF-8, which file systems count (84 Han characters and .txt are 256). */
const MAX_NAME_LENGTH = 200
const MAX_NAME_BYTES = 255
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
  if (name === '' || name.startsWith('.') || name.length > MAX_NAME_LENGTH || Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw new ApiError(
      400,
      'INVALID_FILE_NAME',
      `a file name must be 1-${MAX_NAME_LENGTH} characters, at most ${MAX_NAME_BYTES} bytes in UTF-8 (83 Chinese characters and .txt), and not start with "."`,
    )
  }
  if (!isReportFile(name)) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `only ${REPORT_EXTENSIONS.join(', ')} report files can be uploaded`)
  }
  return name
}
