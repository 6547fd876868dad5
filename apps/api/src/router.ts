import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './context.ts'
import { validationError } from './validation-error.ts'

/** A router whose failed schema checks throw ApiError 400 for the app's one `onError`. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error)
    },
  })
}
