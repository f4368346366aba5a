import type { Context } from 'hono'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import { badRequest } from '../errors.js'

/** JSON Schema of a request body (draft 2020-12); also published in the OpenAPI document. */
export type JsonSchema = Record<string, unknown>

const ajv = new Ajv2020({ allErrors: true, strict: false })
// ajv-formats is CommonJS; under NodeNext its default export is the module object.
;(formats as unknown as typeof formats.default)(ajv)
const compiled = new WeakMap<JsonSchema, ValidateFunction>()

/** Reads the body as JSON; malformed JSON is a 400 that says where it broke. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') throw badRequest('Request body is empty; expected a JSON document')
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw badRequest(`Malformed JSON in request body: ${(err as Error).message}`, {
      code: 'malformed_json',
    })
  }
}

export interface BodyProblem {
  pointer: string
  message: string
}

function describe(e: ErrorObject): BodyProblem {
  const params = e.params as Record<string, unknown>
  if (e.keyword === 'required') {
    return {
      pointer: `${e.instancePath}/${String(params.missingProperty)}`,
      message: `is required`,
    }
  }
  if (e.keyword === 'additionalProperties') {
    return {
      pointer: `${e.instancePath}/${String(params.additionalProperty)}`,
      message: 'is not an allowed property',
    }
  }
  return { pointer: e.instancePath, message: e.message ?? e.keyword }
}

/** Checks a parsed body against the route's schema; 400 lists every problem with its JSON pointer. */
export function checkBody<T>(schema: JsonSchema, body: unknown): T {
  let validate = compiled.get(schema)
  if (validate === undefined) {
    validate = ajv.compile(schema)
    compiled.set(schema, validate)
  }
  if (!validate(body)) {
    const problems = (validate.errors ?? []).map(describe)
    const first = problems[0]
    throw badRequest(
      `Invalid request body: ${first === undefined ? 'schema mismatch' : `${first.pointer || '/'} ${first.message}`}`,
      { problems },
    )
  }
  return body as T
}

/** Parses a positive integer path or query parameter; 400 names it otherwise. */
export function intParam(value: string | undefined, name: string): number {
  const n = Number(value)
  if (value === undefined || !Number.isSafeInteger(n) || n <= 0) {
    throw badRequest(`Parameter '${name}' must be a positive integer, got '${value ?? ''}'`)
  }
  return n
}

/**
 * Parses an optional integer query parameter within [min, max]; absent gives `fallback`, anything
 * else is a 400 naming the parameter and the range.
 */
export function boundedParam(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    throw badRequest(
      `Parameter '${name}' must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got '${value}'`,
    )
  }
  return n
}
