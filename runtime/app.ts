import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { DriverException } from '@mikro-orm/core'
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, loadSession } from './auth/session.js'
import type { AppContext, AppEnv } from './context.js'
import { ApiError, type ErrorBody } from './errors.js'
import { apiRoutes } from './routes/index.js'
import { mountRoutes } from './routes/define.js'
import { buildOpenApi } from './routes/openapi.js'

/** Signals the transaction middleware to roll back after the error response is rendered. */
class Rollback extends Error {}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** PostgreSQL SQLSTATE -> the API error it means for a caller. */
function fromDriver(err: DriverException): ApiError | undefined {
  const code = err.sqlState ?? err.code
  const detail = (err as { detail?: string }).detail
  // The driver appends ` - detail: …` on a second line; the first line is PostgreSQL's message.
  const reason = err.message.split('\n')[0] ?? err.message
  switch (code) {
    case '23505':
      return new ApiError(409, 'duplicate', `Already exists: ${detail ?? reason}`)
    case '23503':
      return new ApiError(
        409,
        'reference',
        `Referenced record missing or still in use: ${detail ?? reason}`,
      )
    case '23514':
    case '22P02':
    case '22003':
    case '23502':
      return new ApiError(422, 'invalid_value', reason)
    case 'P0001':
      return new ApiError(409, 'rejected_by_database', reason)
    default:
      return undefined
  }
}

function renderError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(err.toBody(), err.status)
  if (err instanceof DriverException) {
    const mapped = fromDriver(err)
    if (mapped !== undefined) return c.json(mapped.toBody(), mapped.status)
  }
  console.error(err)
  const body: ErrorBody = { error: { code: 'internal', message: 'Internal server error' } }
  return c.json(body, 500)
}

/**
 * One request, one entity manager. State-changing requests run in one transaction that rolls
 * back when the handler failed, so a failure leaves nothing half-written.
 */
function unitOfWork(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('ctx', ctx)
    const em = ctx.orm.em.fork()
    if (SAFE_METHODS.has(c.req.method)) {
      c.set('em', em)
      return next()
    }
    try {
      await em.transactional(async (tx) => {
        c.set('em', tx)
        await next()
        if (c.error !== undefined || c.res.status >= 500) throw new Rollback()
      })
    } catch (err) {
      if (!(err instanceof Rollback)) throw err
    }
  }
}

function authenticate(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    c.set(
      'auth',
      token === undefined ? undefined : await loadSession(c.get('em'), token, ctx.config.now()),
    )
    return next()
  }
}

/**
 * Double-submit CSRF check: state-changing requests of a signed-in caller must echo the
 * (non-httpOnly) CSRF cookie in a header, and it must be the session's token.
 */
const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.get('auth')
  if (SAFE_METHODS.has(c.req.method) || auth === undefined) return next()
  const header = c.req.header(CSRF_HEADER)
  const cookie = getCookie(c, CSRF_COOKIE)
  if (header === undefined || header !== cookie || header !== auth.csrfToken) {
    throw new ApiError(
      403,
      'csrf',
      `Missing or wrong ${CSRF_HEADER} header: it must equal the ${CSRF_COOKIE} cookie`,
    )
  }
  return next()
}

const LANDING = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Hệ thống báo cáo</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto">
<h1>Hệ thống báo cáo — report builder</h1>
<p>The API is at <a href="/api/v1/openapi.json">/api/v1</a> (OpenAPI 3.1). The web app appears here once
<code>designer/dist</code> is built.</p></body></html>`

const escapeAttr = (v: string) =>
  v.replace(/[&"<>]/g, (ch) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[ch]!)

/**
 * The web app's page with the deployment's Handsontable licence key in a meta tag, where the grid
 * components read it (designer/src/grid/handsontable.ts): a key is configuration, not a rebuild.
 */
export function withGridLicenseKey(indexHtml: string, key: string | undefined): string {
  if (key === undefined) return indexHtml
  return indexHtml.replace(
    '</head>',
    `<meta name="rb-grid-license-key" content="${escapeAttr(key)}" />\n</head>`,
  )
}

/** Builds the HTTP app; it never listens (server.ts does), so tests call `app.request()`. */
export function createApp(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const api = new Hono<AppEnv>()
  for (const h of [app, api]) {
    h.onError(renderError)
    h.notFound((c) =>
      c.json(
        { error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } },
        404,
      ),
    )
  }
  api.use(
    bodyLimit({
      maxSize: ctx.config.bodyLimitBytes,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'payload_too_large',
              message: `Request body exceeds ${ctx.config.bodyLimitBytes} bytes`,
            },
          },
          413,
        ),
    }),
  )
  api.use(unitOfWork(ctx), authenticate(ctx), csrf)
  const routes = apiRoutes()
  mountRoutes(api, routes)
  const openapi = buildOpenApi(routes)
  api.get('/openapi.json', (c) => c.json(openapi))
  app.route('/api/v1', api)
  // Unknown API paths stay JSON 404s; the web app's fallback below must not answer them.
  app.all('/api/*', (c) =>
    c.json(
      { error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } },
      404,
    ),
  )
  // The web app (designer's built bundle), when it has been built; the runtime never imports it.
  const web = path.join(ctx.rootDir, 'designer', 'dist')
  if (existsSync(path.join(web, 'index.html'))) {
    const page = async (c: Context<AppEnv>) =>
      c.html(
        withGridLicenseKey(
          await readFile(path.join(web, 'index.html'), 'utf8'),
          ctx.config.gridLicenseKey,
        ),
      )
    app.get('/', page)
    app.get('/index.html', page)
    app.use('/*', serveStatic({ root: path.relative(process.cwd(), web) || '.' }))
    app.get('/*', page)
  } else {
    app.get('/', (c) => c.html(LANDING))
  }
  return app
}
