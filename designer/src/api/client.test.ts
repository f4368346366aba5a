import { describe, expect, it } from 'vitest'
import { ApiError, createApiClient } from './client.js'

interface Seen {
  url: string
  init: RequestInit
}

function fakeFetch(status: number, body: unknown, seen: Seen[]): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    seen.push({ url, init })
    return new Response(body === undefined ? '' : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  }) as unknown as typeof fetch
}

describe('api client', () => {
  it('echoes the CSRF cookie on state-changing calls only', async () => {
    const seen: Seen[] = []
    const api = createApiClient({
      fetch: fakeFetch(200, { version: 3, diagnostics: [], keys: [] }, seen),
      cookies: () => 'a=1; rb_csrf=tok%2Ben; b=2',
    })
    const saved = await api.saveDraft(7, { version: 2, values: { main: { r1: { c1: 5 } } } })
    expect(saved.version).toBe(3)
    expect(seen[0]!.url).toBe('/api/v1/instances/7/draft')
    expect(seen[0]!.init.method).toBe('PUT')
    expect((seen[0]!.init.headers as Record<string, string>)['x-csrf-token']).toBe('tok+en')
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual({
      version: 2,
      values: { main: { r1: { c1: 5 } } },
    })
    await api.me()
    expect((seen[1]!.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined()
  })

  it('turns the error body into an ApiError with status, code and details', async () => {
    const body = {
      error: {
        code: 'stale_version',
        message: 'Report was saved by someone else',
        details: { currentVersion: 4 },
      },
    }
    const api = createApiClient({ fetch: fakeFetch(409, body, []), cookies: () => '' })
    const err = await api.saveDraft(1, { version: 2 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      status: 409,
      code: 'stale_version',
      details: { currentVersion: 4 },
    })
  })

  it('sends a reason only for the actions whose route requires one, and builds query strings', async () => {
    const seen: Seen[] = []
    const api = createApiClient({
      fetch: fakeFetch(200, { instances: [], total: 0 }, seen),
      base: '/x',
      cookies: () => '',
    })
    await api.act(3, 'reject', 'Thiếu số liệu')
    await api.act(3, 'approve')
    await api.listInstances({ assignmentId: 2, period: '2025-Q3' })
    expect(seen.map((s) => s.url)).toEqual([
      '/x/instances/3/reject',
      '/x/instances/3/approve',
      '/x/instances?assignmentId=2&period=2025-Q3&limit=500&offset=0',
    ])
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual({ reason: 'Thiếu số liệu' })
    expect(seen[1]!.init.body).toBeUndefined()
  })

  it('reads every page of the reports, and stops at a bound saying how many there are', async () => {
    const all = Array.from({ length: 1203 }, (_, i) => ({ id: i + 1 }))
    const seen: string[] = []
    const paged = (async (url: string) => {
      seen.push(url)
      const q = new URL(url, 'http://x').searchParams
      const offset = Number(q.get('offset'))
      const limit = Number(q.get('limit'))
      const body = {
        instances: all.slice(offset, offset + limit),
        total: all.length,
        limit,
        offset,
      }
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }) as unknown as typeof fetch
    const api = createApiClient({ fetch: paged, cookies: () => '' })
    expect((await api.listInstances({ period: '2025-Q3' })).map((i) => i.id)).toEqual(
      all.map((i) => i.id),
    )
    expect(seen).toEqual(
      [0, 500, 1000].map((o) => `/api/v1/instances?period=2025-Q3&limit=500&offset=${o}`),
    )
    seen.length = 0
    const bounded = await api.listAllInstances({}, 600)
    expect({ count: bounded.instances.length, total: bounded.total }).toEqual({
      count: 600,
      total: 1203,
    })
    expect(seen).toEqual([
      '/api/v1/instances?limit=500&offset=0',
      '/api/v1/instances?limit=100&offset=500',
    ])
  })
})
