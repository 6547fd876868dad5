import { isCoreError, type CoreErrorCode, type Logger } from '@report-qa/core'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Machine-readable codes of the API's error bodies. */
export type ErrorCode =
  | 'MISSING_QUESTION'
  | 'QUESTION_TOO_LONG'
  | 'INVALID_QUESTION'
  | 'INVALID_LIMIT'
  | 'INVALID_CONTEXT'
  | 'INVALID_YEAR'
  | 'INVALID_LEVEL'
  | 'INVALID_FORMAT'
  | 'TOO_MANY_FACTS'
  | 'INVALID_JSON'
  | 'INVALID_REQUEST'
  | 'INVALID_ID'
  | 'INVALID_FILE_NAME'
  | 'MISSING_FILE'
  | 'NOT_FOUND'
  | 'REPORT_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHORIZED'
  | 'ADMIN_DISABLED'
  | 'REPORT_UNREADABLE'
  | 'REPORT_TOO_LARGE'
  | 'INDEX_UNAVAILABLE'
  | 'INDEX_REPAIRING'
  | 'WRITER_UNAVAILABLE'
  | 'REINDEX_FAILED'
  | 'RATE_LIMITED'
  | 'HEADERS_TOO_LARGE'
  | 'TIMEOUT'
  | 'INTERNAL'

/** An error the API answers with `{"error": {"code", "message"}}`; thrown anywhere, mapped in `onError`. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode
  readonly headers: Record<string, string>

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(status, { message, cause: options.cause })
    this.code = code
    this.headers = options.headers ?? {}
  }
}

const CORE_STATUS: Record<CoreErrorCode, [ContentfulStatusCode, ErrorCode]> = {
  INVALID_QUESTION: [400, 'INVALID_QUESTION'],
  REPORT_UNREADABLE: [422, 'REPORT_UNREADABLE'],
  REPORT_TOO_LARGE: [413, 'REPORT_TOO_LARGE'],
  INDEX_UNREADABLE: [503, 'INDEX_UNAVAILABLE'],
  INDEX_UNWRITABLE: [503, 'INDEX_UNAVAILABLE'],
  INDEX_DAMAGED: [503, 'INDEX_REPAIRING'],
  INDEX_INCOMPATIBLE: [503, 'INDEX_UNAVAILABLE'],
  REPORTS_DIR_MISSING: [503, 'INDEX_UNAVAILABLE'],
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  504: 'TIMEOUT',
}

/**
 * The one translation from thrown errors to responses: ApiError as is, CoreError by code,
 * HTTPException by status, anything else a 500 whose details only reach the log. A place whose
 * unit is damaged on disk answers 503 with Retry-After, and `onDamaged` asks the writer to rebuild it.
 */
export function errorResponse(error: Error, c: Context, logger: Logger, onDamaged: () => void = () => {}): Response {
  let status: ContentfulStatusCode = 500
  let code: ErrorCode = 'INTERNAL'
  let message = 'internal error'
  let headers: Record<string, string> = {}
  if (error instanceof ApiError) {
    ;({ code, message, headers } = error)
    status = error.status as ContentfulStatusCode
  } else if (isCoreError(error)) {
    ;[status, code] = CORE_STATUS[error.code]
    message = status === 503 ? 'the index is not available' : error.message
    if (error.code === 'INDEX_DAMAGED') {
      onDamaged()
      message = 'part of the index is damaged and is being rebuilt from its reports; try again in a few seconds'
      headers = { 'Retry-After': '5' }
    }
  } else if (error instanceof HTTPException) {
    status = error.status as ContentfulStatusCode
    code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_REQUEST')
    message = code === 'TIMEOUT' ? 'the request took too long' : error.message || code.toLowerCase().replaceAll('_', ' ')
  }
  if (status >= 500)
    logger.error('request failed', {
      requestId: c.get('requestId'),
      code,
      error: status === 503 ? error.message : (error.stack ?? String(error)),
    })
  return c.json({ error: { code, message } }, status, headers)
}
