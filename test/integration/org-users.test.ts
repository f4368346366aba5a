import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClient } from '../helpers/client.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

let t: TestApp
let admin: TestClient
let units: { id: number; code: string; parentId: number | null; rootId: number; path: string }[]
const unitId = (code: string) => units.find((u) => u.code === code)!.id

beforeAll(async () => {
  t = await startTestApp()
  admin = new TestClient(t.app)
  await admin.login('tinh.admin')
  units = (await admin.get('/org-units')).body.units
})
afterAll(async () => t.close())

describe('org units (tiers are data)', () => {
  it('lists the tenant tree parents first with materialised paths', async () => {
    expect(units.map((u) => u.code)).toContain('DT-P-CAOLANH')
    const root = units[0]!
    expect(root.code).toBe('DT')
    expect(root.parentId).toBeNull()
    for (const u of units.slice(1)) {
      expect(u.rootId).toBe(root.id)
      expect(u.path.startsWith(root.path)).toBe(true)
    }
    const tiers = (await admin.get('/org-tiers')).body.tiers.map((x: { code: string }) => x.code)
    expect(tiers).toEqual(['tinh', 'so', 'xa'])
  })

  it('an admin adds a tier and a unit of that tier under its unit', async () => {
    expect(
      (await admin.post('/org-tiers', { code: 'thon', name: 'Thôn, ấp', rank: 4 })).status,
    ).toBe(201)
    const res = await admin.post('/org-units', {
      code: 'DT-A-1',
      name: 'Ấp 1, Phường Cao Lãnh',
      tier: 'thon',
      parentId: unitId('DT-P-CAOLANH'),
    })
    expect(res.status).toBe(201)
    expect(res.body.path).toMatch(new RegExp(`/${unitId('DT-P-CAOLANH')}/${res.body.id}/$`))
    const parent = await admin.get(`/org-units/${unitId('DT-P-CAOLANH')}`)
    expect(parent.body.children.map((x: { code: string }) => x.code)).toEqual(['DT-A-1'])
  })

  it('an unknown tier is a 400 naming the field, and nothing is created', async () => {
    const res = await admin.post('/org-units', {
      code: 'DT-BAD',
      name: 'x',
      tier: 'huyen',
      parentId: unitId('DT'),
    })
    expect(res.status).toBe(400)
    expect(res.body.error.details.pointer).toBe('/tier')
    expect(await t.sql(`select 1 from org_unit where code = 'DT-BAD'`)).toHaveLength(0)
  })

  it('a commune admin administers its commune but not the province', async () => {
    const c = new TestClient(t.app)
    await c.login('sadec.admin')
    const mine = await c.patch(`/org-units/${unitId('DT-P-SADEC')}`, {
      name: 'Phường Sa Đéc (mới)',
    })
    expect(mine.status).toBe(200)
    const up = await c.patch(`/org-units/${unitId('DT')}`, { name: 'x' })
    expect(up.status).toBe(403)
    expect(up.body.error.details).toEqual({ missingRole: 'admin', unit: 'DT' })
    expect(up.body.error.message).toContain("'admin'")
    const sibling = await c.post('/org-units', {
      code: 'DT-X-NEW',
      name: 'x',
      tier: 'xa',
      parentId: unitId('DT'),
    })
    expect(sibling.status).toBe(403)
  })
})

describe('users and roles', () => {
  it('an admin creates a user, grants roles and delegates admin to a sub-unit', async () => {
    const created = await admin.post('/users', {
      username: 'caolanh.newadmin',
      fullName: 'Nguyễn Văn A',
      password: 'a-strong-password',
      unitId: unitId('DT-P-CAOLANH'),
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    const grant = await admin.post(`/users/${id}/roles`, {
      role: 'admin',
      unitId: unitId('DT-P-CAOLANH'),
    })
    expect(grant.status).toBe(201)
    const delegate = new TestClient(t.app)
    await delegate.login('caolanh.newadmin', 'a-strong-password')
    // the delegated admin manages its own commune...
    const u2 = await delegate.post('/users', {
      username: 'caolanh.clerk2',
      fullName: 'Trần Thị B',
      password: 'another-password',
      unitId: unitId('DT-P-CAOLANH'),
    })
    expect(u2.status).toBe(201)
    expect(
      (
        await delegate.post(`/users/${u2.body.id}/roles`, {
          role: 'entry',
          unitId: unitId('DT-P-CAOLANH'),
        })
      ).status,
    ).toBe(201)
    // ...but cannot grant on the province or on another commune
    const up = await delegate.post(`/users/${u2.body.id}/roles`, {
      role: 'entry',
      unitId: unitId('DT'),
    })
    expect(up.status).toBe(403)
    expect(up.body.error.details.missingRole).toBe('admin')
    const other = await delegate.post('/users', {
      username: 'sadec.intruder',
      fullName: 'X',
      password: 'password-123',
      unitId: unitId('DT-P-SADEC'),
    })
    expect(other.status).toBe(403)
    const listed = await delegate.get(`/users?unitId=${unitId('DT-P-CAOLANH')}`)
    expect(listed.body.users.map((u: { username: string }) => u.username)).toContain(
      'caolanh.clerk2',
    )
    expect((await delegate.get(`/users?unitId=${unitId('DT')}`)).status).toBe(403)
  })

  it('a duplicate username is a 409 and the database is unchanged', async () => {
    const before = await t.sql<{ n: string }>('select count(*)::text as n from app_user')
    const auditBefore = await t.sql<{ n: string }>('select count(*)::text as n from audit_log')
    const res = await admin.post('/users', {
      username: 'tinh.viewer',
      fullName: 'X',
      password: 'password-123',
      unitId: unitId('DT'),
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('duplicate')
    expect(await t.sql('select count(*)::text as n from app_user')).toEqual(before)
    expect(await t.sql('select count(*)::text as n from audit_log')).toEqual(auditBefore)
  })

  it('revoking a role takes effect on the next request', async () => {
    const c = new TestClient(t.app)
    await c.login('thapmuoi.admin')
    const me = (await admin.get('/users?unitId=' + unitId('DT-X-THAPMUOI'))).body.users.find(
      (u: { username: string }) => u.username === 'thapmuoi.admin',
    )
    const roles = (await admin.get(`/users/${me.id}`)).body.roles
    expect((await c.get(`/users?unitId=${unitId('DT-X-THAPMUOI')}`)).status).toBe(200)
    expect((await admin.delete(`/users/${me.id}/roles/${roles[0].id}`)).status).toBe(200)
    expect((await c.get(`/users?unitId=${unitId('DT-X-THAPMUOI')}`)).status).toBe(403)
  })

  it('an admin unlocks a locked account', async () => {
    const c = new TestClient(t.app)
    for (let i = 0; i < 5; i++)
      await c.post('/auth/login', { username: 'snv.viewer', password: 'wrong-password' })
    expect(
      (await c.post('/auth/login', { username: 'snv.viewer', password: 'demo-dongthap-2025' }))
        .status,
    ).toBe(423)
    const user = (await admin.get('/users?unitId=' + unitId('DT-SNV'))).body.users.find(
      (u: { username: string }) => u.username === 'snv.viewer',
    )
    expect(user.locked).toBe(true)
    expect((await admin.patch(`/users/${user.id}`, { unlock: true })).status).toBe(200)
    await c.login('snv.viewer')
  })
})

describe('audit chain', () => {
  it('records every change with before/after and verifies', async () => {
    const entries = (await admin.get('/audit?entity=org_unit')).body.entries
    const update = entries.find((e: { action: string }) => e.action === 'unit.update')
    expect(update.before.name).toBe('Phường Sa Đéc')
    expect(update.after.name).toBe('Phường Sa Đéc (mới)')
    const v = await admin.get('/audit/verify')
    expect(v.body.ok).toBe(true)
    expect(v.body.entries).toBeGreaterThan(5)
  })

  it('is append-only in the database', async () => {
    await expect(t.sql(`update audit_log set action = 'x' where id = 1`)).rejects.toThrow(
      /append-only/,
    )
    await expect(t.sql(`delete from audit_log where id = 1`)).rejects.toThrow(/append-only/)
  })

  it('detects an entry changed behind its back (by a superuser who disabled the trigger)', async () => {
    const [target] = await t.sql<{ id: number }>(
      `select id from audit_log where action = 'unit.update' limit 1`,
    )
    await t.sql('alter table audit_log disable trigger audit_log_append_only')
    await t.sql(
      `update audit_log set after = jsonb_set(after, '{name}', '"Phường khác"') where id = ?`,
      [target!.id],
    )
    await t.sql('alter table audit_log enable trigger audit_log_append_only')
    const v = await admin.get('/audit/verify')
    expect(v.body.ok).toBe(false)
    expect(v.body.brokenAt.id).toBe(target!.id)
  })

  it('only an admin of the root unit reads the log', async () => {
    const c = new TestClient(t.app)
    await c.login('caolanh.admin')
    const res = await c.get('/audit/verify')
    expect(res.status).toBe(403)
    expect(res.body.error.details).toEqual({ missingRole: 'admin', unit: 'DT' })
  })
})

describe('OpenAPI', () => {
  it('documents every mounted API route as OpenAPI 3.1', async () => {
    const doc = (await new TestClient(t.app).get('/openapi.json')).body
    expect(doc.openapi).toBe('3.1.0')
    const documented = new Set<string>()
    for (const [p, ops] of Object.entries(doc.paths as Record<string, object>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p}`)
    }
    const mounted = t.app.routes
      .filter(
        (r) =>
          r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json',
      )
      .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`)
    expect(mounted.length).toBeGreaterThan(10)
    for (const m of mounted) expect(documented.has(m), m).toBe(true)
  })
})
