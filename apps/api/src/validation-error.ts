import { MAX_QUESTION_LENGTH } from '@report-qa/core'
import type { ZodError } from 'zod'
import { ApiError, type ErrorCode } from './errors.ts'

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  MISSING_QUESTION: 'q is missing or empty: ask a question, e.g. 牛塘镇上半年固定资产投资多少',
  QUESTION_TOO_LONG: `q is longer than ${MAX_QUESTION_LENGTH} characters`,
  INVALID_QUESTION: 'q must be a string',
  INVALID_LIMIT: 'limit must be a whole number from 1 to 10',
  INVALID_CONTEXT: 'context must be the context of an earlier answer, sent back unchanged (or left out)',
  INVALID_YEAR: 'from and to must be years such as 2016, from not after to',
  INVALID_LEVEL: 'level must be one of township, county, city, province, national',
  INVALID_FORMAT: 'format must be json or csv',
}

/** A failed schema check -> ApiError 400; the schemas' messages are error codes (see schemas.ts). */
export function validationError(error: ZodError): ApiError {
  const issue = error.issues[0]
  // Whatever is wrong inside a context, the client is to send back the one it was given.
  const code =
    issue?.path[0] === 'context'
      ? 'INVALID_CONTEXT'
      : issue && issue.message in MESSAGES
        ? (issue.message as ErrorCode)
        : 'INVALID_REQUEST'
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
  return new ApiError(400, code, MESSAGES[code] ?? `invalid request${where}`)
}
