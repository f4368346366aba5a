/**
 * A signed-in API caller over fetch, as the web app is: the session cookie, and the CSRF token
 * echoed in a header on state-changing requests.
 */
import { DEMO_PASSWORD } from '../../runtime/seed/demo-data.js'

export interface Session {
  /** Sends a request under `/api/v1`; `body` is sent as is when a string, else as JSON. */
  send(method: string, path: string, body?: unknown): Promise<Response>
  /** As `send`, and throws (naming the request and the answer) unless the status is `expect`. */
  json<T>(method: string, path: string, body?: unknown, expect?: number): Promise<T>
}

export async function login(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200)
    throw new Error(`login ${username}: ${res.status} ${await res.text()} (${baseUrl})`)
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ')
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }
  const send = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
  return {
    send,
    async json<T>(method: string, path: string, body?: unknown, expect = 200): Promise<T> {
      const r = await send(method, path, body)
      const text = await r.text()
      if (r.status !== expect)
        throw new Error(`${method} ${path} as ${username}: ${r.status} ${text.slice(0, 1000)}`)
      return JSON.parse(text) as T
    },
  }
}
