export type CoreErrorCode =
  | 'REPORT_UNREADABLE' // not a report: binary, empty, broken .docx, unsupported type
  | 'REPORT_TOO_LARGE' // over the limits a file is read within: size, what a .docx unpacks to, time, memory
  | 'INDEX_UNREADABLE' // the artifact file is missing, truncated or not JSON
  | 'INDEX_INCOMPATIBLE' // the artifact was written by another format version
  | 'INDEX_UNWRITABLE' // a save wrote less than the whole artifact (the previous one stays)
  | 'INDEX_DAMAGED' // a place's unit does not match its checksum: rebuilt from its sources by the writer
  | 'REPORTS_DIR_MISSING'
  | 'INVALID_QUESTION'

/** The one error type core throws; `code` says what went wrong, `cause` carries the original. */
export class CoreError extends Error {
  override readonly name = 'CoreError'
  readonly code: CoreErrorCode

  constructor(code: CoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

export function isCoreError(error: unknown, code?: CoreErrorCode): error is CoreError {
  return error instanceof CoreError && (code === undefined || error.code === code)
}
