/* eslint-disable @typescript-eslint/no-explicit-any -- test responses are inspected loosely */
import type { Hono } from 'hono'
import { DEMO_PASSWORD } from '../../runtime/seed/demo-data.js'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/**
 * A browser stand-in over `app.request()`: keeps cookies, echoes the CSRF cookie in the
 * X-CSRF-Token header on state-changing requests, as the web app does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>()
  csrfHeader = true

  constructor(readonly app: Hono<any>) {}

  async login(username: string, password = DEMO_PASSWORD): Promise<ApiResponse> {
    const res = await this.post('/auth/login', { username, password })
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`)
    return res
  }

  get<T = any>(path: string) {
    return this.send<T>('GET', path)
  }
  post<T = any>(path: string, body?: unknown) {
    return this.send<T>('POST', path, body)
  }
  put<T = any>(path: string, body?: unknown) {
    return this.send<T>('PUT', path, body)
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.send<T>('PATCH', path, body)
  }
  delete<T = any>(path: string) {
    return this.send<T>('DELETE', path)
  }

  /** `body` is JSON-encoded unless it is already a string (to send malformed JSON). */
  async send<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers }
    if (body !== undefined) h['content-type'] = 'application/json'
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const csrf = this.cookies.get('rb_csrf')
    if (this.csrfHeader && csrf !== undefined && method !== 'GET') h['x-csrf-token'] = csrf
    const init: RequestInit = { method, headers: h }
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
    const res = await this.app.request(`/api/v1${path}`, init)
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a)) || value === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers }
  }
}
