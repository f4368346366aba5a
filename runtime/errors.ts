import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The one error shape every endpoint returns: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

/** An expected failure with its HTTP status; thrown anywhere, rendered by the app's onError. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } }
    if (this.details !== undefined) body.error.details = this.details
    return body
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'bad_request', message, details)
export const unauthorized = (message = 'Sign in first: no valid session cookie') =>
  new ApiError(401, 'unauthorized', message)
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`)
export const conflict = (code: string, message: string, details?: unknown) =>
  new ApiError(409, code, message, details)
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new ApiError(422, code, message, details)

/** 403 that names the role and the unit the caller lacks it on. */
export function missingRole(role: string, unit: { code: string; name: string }): ApiError {
  return new ApiError(
    403,
    'forbidden',
    `Requires role '${role}' on unit ${unit.code} (${unit.name})`,
    {
      missingRole: role,
      unit: unit.code,
    },
  )
}
