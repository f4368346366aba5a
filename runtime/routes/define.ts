import type { Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { requireAuth } from '../auth/access.js'
import type { AppEnv, Auth } from '../context.js'
import { checkBody, readJson, type JsonSchema } from './body.js'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface QueryParam {
  name: string
  description: string
  type: 'string' | 'integer'
  required?: boolean
}

interface RouteBase {
  method: Method
  /** Hono path below /api/v1, e.g. `/users/:id`. */
  path: string
  operationId: string
  summary: string
  tag: string
  body?: JsonSchema
  query?: QueryParam[]
  /** Success status; 200 unless it creates something. */
  status?: ContentfulStatusCode
  /** Roles the route needs, for the OpenAPI description (enforced in the handler, on the right unit). */
  roles?: string
  /**
   * A file upload: the media types of the request body, which the handler reads itself
   * (`multipart/form-data` means a form with the file in a `file` field).
   */
  upload?: { mediaTypes: string[] }
  /** Media type of the file a download returns (its handler returns a Response). */
  produces?: string
}

export interface PublicRoute extends RouteBase {
  public: true
  handler(c: Context<AppEnv>, body: unknown): Promise<unknown>
}

export interface PrivateRoute extends RouteBase {
  public?: false
  handler(c: Context<AppEnv>, body: unknown, auth: Auth): Promise<unknown>
}

export type RouteDef = PublicRoute | PrivateRoute

/** Keeps the literal route definitions typed without repeating the union at each call. */
export function defineRoutes(routes: RouteDef[]): RouteDef[] {
  return routes
}

/** Registers routes on the API app; the same definitions produce the OpenAPI document. */
export function mountRoutes(api: Hono<AppEnv>, routes: readonly RouteDef[]): void {
  for (const r of routes) {
    api.on(r.method.toUpperCase(), r.path, async (c) => {
      // Authentication before the body: an anonymous caller learns nothing about the schema.
      const auth = r.public === true ? undefined : requireAuth(c.get('auth'))
      const body = r.body === undefined ? undefined : checkBody(r.body, await readJson(c))
      const result = r.public === true ? await r.handler(c, body) : await r.handler(c, body, auth!)
      if (result instanceof Response) return result
      return c.json(result as object, r.status ?? 200)
    })
  }
}
