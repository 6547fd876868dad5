import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../context.ts'
import { ApiError } from '../errors.ts'

export const MB = 1024 * 1024

/** 415 unless the body's media type is one of `types` (lower case, without parameters). */
export function requireContentType(...types: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const media = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!types.includes(media)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${types.join(' or ')}`)
    }
    await next()
  }
}

/** 413 for a body over `maxBytes`, declared or streamed. */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${formatBytes(maxBytes)}`)
    },
  })
}

/** 400 INVALID_JSON for a body that does not parse; the parsed body is cached for the validator. */
export const parseJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  try {
    await c.req.json()
  } catch (cause) {
    throw new ApiError(400, 'INVALID_JSON', 'the body is not valid JSON', { cause })
  }
  await next()
}

/** The middleware of a JSON endpoint: content type, size, syntax; the schema checks the rest. */
export function jsonBody(maxBytes: number): MiddlewareHandler<AppEnv>[] {
  return [requireContentType('application/json'), limitBody(maxBytes), parseJson]
}

function formatBytes(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} bytes`
}
