import type { RouteDef } from './define.js'

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
}

function errorResponse(description: string) {
  return {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  }
}

const BINARY = { type: 'string', format: 'binary' }

/** Request body of a JSON route, or of a file upload in each of its media types. */
function requestBody(r: RouteDef): Record<string, unknown> | undefined {
  if (r.upload !== undefined) {
    const content = Object.fromEntries(
      r.upload.mediaTypes.map((type) => [
        type,
        {
          schema:
            type === 'multipart/form-data'
              ? { type: 'object', required: ['file'], properties: { file: BINARY } }
              : type.startsWith('application/json')
                ? { type: 'object' }
                : BINARY,
        },
      ]),
    )
    return { required: true, content }
  }
  if (r.body === undefined) return undefined
  return { required: true, content: { 'application/json': { schema: r.body } } }
}

/** A download is the file as an attachment; any other success is JSON. */
function success(r: RouteDef): Record<string, unknown> {
  if (r.produces === undefined)
    return { description: 'Success', content: { 'application/json': { schema: {} } } }
  const json = r.produces.startsWith('application/json')
  return {
    description: 'The file, as an attachment',
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="…"; filename*=UTF-8\'\'… (RFC 6266)',
        schema: { type: 'string' },
      },
    },
    content: { [r.produces]: { schema: json ? { type: 'object' } : BINARY } },
  }
}

/** `/users/:id` -> `/users/{id}` and its path parameter names. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = []
  const out = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    params.push(name)
    return `{${name}}`
  })
  return { path: out, params }
}

/** OpenAPI 3.1 document generated from the same route definitions the server mounts. */
export function buildOpenApi(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of routes) {
    const { path, params } = openApiPath(r.path)
    const parameters = [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(r.query ?? []).map((q) => ({
        name: q.name,
        in: 'query',
        required: q.required ?? false,
        description: q.description,
        schema: { type: q.type },
      })),
    ]
    const body = requestBody(r)
    const op: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(r.roles === undefined ? {} : { description: `Requires: ${r.roles}.` }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body === undefined ? {} : { requestBody: body }),
      security: r.public === true ? [] : [{ session: [], csrf: [] }],
      responses: {
        [String(r.status ?? 200)]: success(r),
        '400': errorResponse('Malformed JSON or a body that does not match the schema'),
        ...(r.public === true
          ? {}
          : {
              '401': errorResponse('No valid session'),
              '403': errorResponse('Missing role or CSRF token'),
            }),
        '404': errorResponse('Not found'),
        '409': errorResponse('Conflict: stale version, wrong state, duplicate'),
        '413': errorResponse('Body too large'),
        '422': errorResponse('Semantically invalid (diagnostics with JSON pointers or cells)'),
      },
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Report builder API',
      version: '1.0.0',
      description:
        'Periodic reporting under ND 09/2019/NĐ-CP: org units, users and roles, templates, assignments with ' +
        'receiving windows, entry (with prefill from external systems through plugin connectors), workflow with ' +
        'digital signatures, aggregation, tracking, indicator dashboards, notices and audit. State-changing requests need the ' +
        'X-CSRF-Token header equal to the rb_csrf cookie.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'rb_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
    paths,
  }
}
