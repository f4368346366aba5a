import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClient } from '../helpers/client.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

let t: TestApp
let clock = new Date()

beforeAll(async () => {
  t = await startTestApp({ now: () => clock, bodyLimitBytes: 64 * 1024 })
})
afterAll(async () => t.close())

describe('password login and sessions', () => {
  it('signs in, sets httpOnly SameSite=Lax session and readable CSRF cookies, and knows the user', async () => {
    const c = new TestClient(t.app)
    const res = await c.login('tinh.admin')
    const cookies = res.headers.getSetCookie()
    const session = cookies.find((x) => x.startsWith('rb_session='))!
    const csrf = cookies.find((x) => x.startsWith('rb_csrf='))!
    expect(session).toMatch(/HttpOnly/)
    expect(session).toMatch(/SameSite=Lax/)
    expect(csrf).not.toMatch(/HttpOnly/)
    expect(res.body.csrfToken).toBe(c.cookies.get('rb_csrf'))
    const me = await c.get('/auth/me')
    expect(me.status).toBe(200)
    expect(me.body.user.username).toBe('tinh.admin')
    expect(me.body.roles).toEqual([{ role: 'admin', unitId: me.body.user.unitId }])
  })

  it('keeps only a hash of the session token in PostgreSQL', async () => {
    const c = new TestClient(t.app)
    await c.login('tinh.viewer')
    const token = c.cookies.get('rb_session')!
    const rows = await t.sql<{ id: string }>('select id from user_session')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some((r) => r.id === token)).toBe(false)
  })

  it('rejects a wrong password with 401 and the same message as an unknown user', async () => {
    const c = new TestClient(t.app)
    const wrong = await c.post('/auth/login', {
      username: 'tinh.viewer',
      password: 'not-the-password',
    })
    const unknown = await c.post('/auth/login', {
      username: 'nobody.here',
      password: 'whatever-123',
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.error.message).toBe(unknown.body.error.message)
  })

  it('locks the account after 5 failures, even for the right password, until the lock expires', async () => {
    const c = new TestClient(t.app)
    for (let i = 0; i < 5; i++) {
      expect(
        (await c.post('/auth/login', { username: 'sadec.viewer', password: `wrong-${i}-xxxx` }))
          .status,
      ).toBe(401)
    }
    const locked = await c.post('/auth/login', {
      username: 'sadec.viewer',
      password: 'demo-dongthap-2025',
    })
    expect(locked.status).toBe(423)
    expect(locked.body.error.code).toBe('account_locked')
    const audit = await t.sql<{ action: string }>(
      `select action from audit_log where action = 'auth.lockout'`,
    )
    expect(audit).toHaveLength(1)
    clock = new Date(clock.getTime() + 16 * 60 * 1000)
    expect(
      (await c.post('/auth/login', { username: 'sadec.viewer', password: 'demo-dongthap-2025' }))
        .status,
    ).toBe(200)
  })

  it('a success resets the failure count', async () => {
    const c = new TestClient(t.app)
    for (let i = 0; i < 4; i++)
      await c.post('/auth/login', { username: 'stp.viewer', password: 'wrong-password' })
    await c.login('stp.viewer')
    for (let i = 0; i < 4; i++)
      await c.post('/auth/login', { username: 'stp.viewer', password: 'wrong-password' })
    expect(
      (await c.post('/auth/login', { username: 'stp.viewer', password: 'demo-dongthap-2025' }))
        .status,
    ).toBe(200)
  })

  it('requires a session: 401 without cookie', async () => {
    const res = await new TestClient(t.app).get('/auth/me')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  it('refuses state-changing requests without the CSRF header, or with a wrong one', async () => {
    const c = new TestClient(t.app)
    await c.login('tinh.admin')
    c.csrfHeader = false
    const none = await c.post('/org-units', { code: 'X-1', name: 'X', tier: 'xa', parentId: 1 })
    expect(none.status).toBe(403)
    expect(none.body.error.code).toBe('csrf')
    const wrong = await c.send(
      'POST',
      '/org-units',
      { code: 'X-1', name: 'X', tier: 'xa', parentId: 1 },
      { 'x-csrf-token': 'forged' },
    )
    expect(wrong.status).toBe(403)
    const units = await t.sql(`select 1 from org_unit where code = 'X-1'`)
    expect(units).toHaveLength(0)
  })

  it('logs out: the session is gone server-side', async () => {
    const c = new TestClient(t.app)
    await c.login('tinh.viewer')
    const token = c.cookies.get('rb_session')!
    expect((await c.post('/auth/logout')).status).toBe(200)
    const replay = new TestClient(t.app)
    replay.cookies.set('rb_session', token)
    expect((await replay.get('/auth/me')).status).toBe(401)
  })

  it('changes the password: old one stops working, other sessions end, short passwords refused', async () => {
    const a = new TestClient(t.app)
    const b = new TestClient(t.app)
    await a.login('thapmuoi.viewer')
    await b.login('thapmuoi.viewer')
    const short = await a.post('/auth/password', {
      currentPassword: 'demo-dongthap-2025',
      newPassword: 'short',
    })
    expect(short.status).toBe(400)
    const wrong = await a.post('/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a-long-new-password',
    })
    expect(wrong.status).toBe(403)
    const ok = await a.post('/auth/password', {
      currentPassword: 'demo-dongthap-2025',
      newPassword: 'a-long-new-password',
    })
    expect(ok.status).toBe(200)
    expect((await a.get('/auth/me')).status).toBe(200)
    expect((await b.get('/auth/me')).status).toBe(401)
    expect(
      (
        await new TestClient(t.app).post('/auth/login', {
          username: 'thapmuoi.viewer',
          password: 'demo-dongthap-2025',
        })
      ).status,
    ).toBe(401)
    await new TestClient(t.app).login('thapmuoi.viewer', 'a-long-new-password')
  })
})

describe('request errors', () => {
  it('malformed JSON is a 400 saying where it broke', async () => {
    const c = new TestClient(t.app)
    const res = await c.send('POST', '/auth/login', '{"username": "x",')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('bad_request')
    expect(res.body.error.message).toMatch(/Malformed JSON/)
  })

  it('a body that does not match the schema is a 400 listing JSON pointers', async () => {
    const c = new TestClient(t.app)
    const res = await c.post('/auth/login', { username: 'x', extra: 1 })
    expect(res.status).toBe(400)
    const pointers = res.body.error.details.problems.map((p: { pointer: string }) => p.pointer)
    expect(pointers).toContain('/password')
    expect(pointers).toContain('/extra')
  })

  it('an oversized body is a 413 in the error shape', async () => {
    const c = new TestClient(t.app)
    const res = await c.post('/auth/login', { username: 'x'.repeat(70 * 1024), password: 'y' })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  it('an unknown route is a 404 in the error shape', async () => {
    const res = await new TestClient(t.app).get('/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})
