export type CoreErrorCode =
  | 'REPORT_UNREADABLE' // not a report: binary, empty, broken .docx, unsupported type
  | 'INDEX_UNREADABLE' // the artifact file is missing, truncated or not JSON
  | 'INDEX_INCOMPATIBLE' // the artifact was written by another format version
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
