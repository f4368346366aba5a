import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, definePlugin } from '../../core/index.js'
import type { Role } from '../../runtime/db/entities/index.js'
import { ROLES } from '../../runtime/db/entities/index.js'
import { DEMO_PASSWORD } from '../../runtime/seed/demo-data.js'
import { TestClient, type ApiResponse } from '../helpers/client.js'
import { fixtureTemplate, instanceOf, publishFixture, assign, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * Authorization matrix: every role x every endpoint x own unit / other unit -> allowed or 403.
 * Expectations are written out here by hand (not read from the server's policy).
 *
 * Units: the report belongs to Phường Cao Lãnh (reporting unit, "own") and is received by the
 * province DT ("own" for receiving-side actions). "Other" is Phường Sa Đéc for the reporting side
 * and Sở Nội vụ for the receiving side: same roles, wrong unit.
 */
let t: TestApp
const clock = new Date('2026-09-14T03:00:00Z') // the receiving window opens on the 14th (end of the cut-off window)
let units: Record<string, number>
let assignmentId: number
let versionId: number
let instance: number
let dropDir: string
const clients = new Map<string, TestClient>()

/** A plugin whose prefill hook fills r2.c1 of the integration template from its file connector. */
const prefiller = definePlugin({
  id: 'thu-nghiem-prefill',
  version: '1.0.0',
  coreApi: '^0.1.0',
  hooks: {
    prefill: (ctx) =>
      ctx.template.code === 'TN.01/DT/KSTT'
        ? {
            values: { main: { r2: { c1: (ctx.source.data as { c1: number }).c1 } } },
            source: {
              system: 'Thử nghiệm',
              connector: ctx.source.connector,
              fetchedAt: '2026-09-14T08:00:00+07:00',
            },
          }
        : undefined,
  },
})

const LOGIN: Record<string, string> = {
  DT: 'tinh',
  'DT-P-CAOLANH': 'caolanh',
  'DT-P-SADEC': 'sadec',
  'DT-SNV': 'snv',
}

async function who(unit: string, role: Role): Promise<TestClient> {
  const key = `${unit}:${role}`
  let c = clients.get(key)
  if (c === undefined) {
    c = new TestClient(t.app)
    await c.login(`${LOGIN[unit]}.${role}`)
    clients.set(key, c)
  }
  return c
}

type Call = (c: TestClient) => Promise<ApiResponse>

function expectForbidden(res: ApiResponse, label: string, roleNamed: string): void {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(403)
  expect(res.body.error.code, label).toBe('forbidden')
  expect(String(res.body.error.details.missingRole), label).toContain(roleNamed)
}

/**
 * Tries `call` as every role at the own unit and at the other unit. Roles in `allowed` at the own
 * unit must pass (only the first is actually run when `once`: the call changes state); every
 * other combination must be 403 naming `roleNamed`, with the instance state unchanged.
 */
async function matrix(
  label: string,
  own: string,
  other: string,
  allowed: Role[],
  call: Call,
  opts: { once?: boolean; roleNamed?: string } = {},
) {
  const state = async () =>
    (
      await t.sql<{ status: string; current_revision: number }>(
        'select status, current_revision from report_instance where id = ?',
        [instance],
      )
    )[0]
  const before = await state()
  for (const role of ROLES) {
    for (const unit of [own, other]) {
      if (unit === own && allowed.includes(role)) continue
      const res = await call(await who(unit, role))
      expectForbidden(res, `${label} as ${role}@${unit}`, opts.roleNamed ?? allowed[0]!)
    }
  }
  expect(await state(), `${label}: refused calls changed nothing`).toEqual(before)
  const runners = opts.once === true ? allowed.slice(0, 1) : allowed
  for (const role of runners) {
    const res = await call(await who(own, role))
    expect(res.status, `${label} as ${role}@${own}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
  }
}

const REPORTING = ['DT-P-CAOLANH', 'DT-P-SADEC'] as const
const RECEIVING = ['DT', 'DT-SNV'] as const

beforeAll(async () => {
  t = await startTestApp({ now: () => clock, connectorHosts: ['127.0.0.1'] })
  units = await unitIds(t)
  // Complete the role set: every unit of the matrix gets a user for every role.
  const admin = new TestClient(t.app)
  await admin.login('tinh.admin')
  for (const unit of ['DT-P-CAOLANH', 'DT-P-SADEC', 'DT-SNV']) {
    for (const role of ['designer', 'aggregator'] as Role[]) {
      const username = `${LOGIN[unit]}.${role}`
      const u = await admin.post('/users', {
        username,
        fullName: username,
        password: DEMO_PASSWORD,
        unitId: units[unit],
      })
      expect(u.status).toBe(201)
      expect(
        (await admin.post(`/users/${u.body.id}/roles`, { role, unitId: units[unit] })).status,
      ).toBe(201)
    }
  }
  dropDir = await mkdtemp(path.join(tmpdir(), 'rb-authz-'))
  await mkdir(path.join(dropDir, 'DT-P-CAOLANH'))
  await writeFile(path.join(dropDir, 'DT-P-CAOLANH', '2026-Q3.json'), '{"c1": 3}')
  t.ctx.engine.set(createEngine({ plugins: [prefiller] }))
  t.ctx.config.connectors = { 'thu-nghiem-prefill': { kind: 'file', dir: dropDir } }
  expect(
    (await (await who('DT', 'admin')).post('/plugins', { plugin: 'example-small' })).status,
  ).toBe(201)
  versionId = await publishFixture(t)
  assignmentId = await assign(t, versionId, ['DT-P-CAOLANH', 'DT-P-SADEC'], '2026-Q3', () => clock)
  instance = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
}, 60_000)
afterAll(async () => {
  await t.close()
  await rm(dropDir, { recursive: true, force: true })
})

describe('authorization matrix', { timeout: 60_000 }, () => {
  it('reading a report: any role of the reporting unit; nobody of another commune', async () => {
    await matrix('GET instance', ...REPORTING, [...ROLES], (c) => c.get(`/instances/${instance}`), {
      roleNamed: 'viewer',
    })
  })

  it('prefilling from a plugin connector: entry on the reporting unit', async () => {
    const prefill: Call = async (c) => {
      const [rev] = await t.sql<{ version: number }>(
        `select r.version from report_revision r join report_instance i on i.id = r.instance_id and r.revision_no = i.current_revision where i.id = ?`,
        [instance],
      )
      return c.post(`/instances/${instance}/prefill`, { version: rev!.version })
    }
    await matrix('prefill', ...REPORTING, ['entry'], prefill, { once: true })
    const [doc] = await t.sql<{ document: { values: { main: { r2: { c1: number } } } } }>(
      `select r.document from report_revision r join report_instance i on i.id = r.instance_id where i.id = ?`,
      [instance],
    )
    expect(doc!.document.values.main.r2.c1).toBe(3)
  })

  it('dashboard and notices: any role of the unit; nobody of another commune', async () => {
    await matrix(
      'dashboard',
      ...REPORTING,
      [...ROLES],
      (c) => c.get(`/dashboard/indicators?unitId=${units['DT-P-CAOLANH']}`),
      { roleNamed: 'viewer' },
    )
    await matrix(
      'notifications',
      ...REPORTING,
      [...ROLES],
      (c) => c.get(`/notifications?unitId=${units['DT-P-CAOLANH']}`),
      { roleNamed: 'viewer' },
    )
  })

  it('receiving windows: aggregator, viewer or admin read them; the aggregator sets them', async () => {
    await matrix('receiving windows', ...RECEIVING, ['aggregator', 'viewer', 'admin'], (c) =>
      c.get(`/assignments/${assignmentId}/receiving-windows?period=2026-Q3`),
    )
    await matrix('set receiving window', ...RECEIVING, ['aggregator'], (c) =>
      c.put(`/assignments/${assignmentId}/receiving-windows/2026-Q3`, {
        opensOn: null,
        closesOn: null,
      }),
    )
  })

  it('plugin connectors: admin of the root unit', async () => {
    await matrix('read connector', ...RECEIVING, ['admin'], (c) =>
      c.get('/plugins/example-small/connector'),
    )
    await matrix('set connector', ...RECEIVING, ['admin'], (c) =>
      c.put('/plugins/example-small/connector', {
        connector: { kind: 'http', url: 'http://127.0.0.1:9/{unit}/{period}' },
      }),
    )
  })

  it('walks the workflow: each transition only by its role at its unit', async () => {
    const version = async () =>
      (
        await t.sql<{ version: number }>(
          `select r.version from report_revision r join report_instance i on i.id = r.instance_id and r.revision_no = i.current_revision where i.id = ?`,
          [instance],
        )
      )[0]!.version
    const save: Call = async (c) =>
      c.put(`/instances/${instance}/draft`, {
        version: await version(),
        values: { main: { r1: { c1: 5, c2: 1 } } },
      })
    const post =
      (action: string, body?: unknown): Call =>
      (c) =>
        c.post(`/instances/${instance}/${action}`, body)
    const reason = { reason: 'Lý do kiểm thử' }

    await matrix('save draft', ...REPORTING, ['entry'], save)
    await matrix('submit', ...REPORTING, ['entry'], post('submit'), { once: true })
    await matrix('reject', ...REPORTING, ['approver'], post('reject', reason), { once: true })
    await post('submit')(await who('DT-P-CAOLANH', 'entry'))
    await matrix('approve', ...REPORTING, ['approver'], post('approve'), { once: true })
    await matrix('send', ...REPORTING, ['sender'], post('send'), { once: true })
    await matrix('return', ...RECEIVING, ['aggregator'], post('return', reason), { once: true })
    // Returned: the figures change and the leader signs again.
    const entry = await who('DT-P-CAOLANH', 'entry')
    expect(
      (
        await entry.put(`/instances/${instance}/draft`, {
          version: await version(),
          values: { main: { r1: { c1: 6 } } },
        })
      ).status,
    ).toBe(200)
    for (const [unit, role, action] of [
      ['DT-P-CAOLANH', 'entry', 'submit'],
      ['DT-P-CAOLANH', 'approver', 'approve'],
      ['DT-P-CAOLANH', 'sender', 'send'],
    ] as const) {
      expect((await post(action)(await who(unit, role))).status).toBe(200)
    }
    const revisionId = (await entry.get(`/instances/${instance}`)).body.revision.id
    const verified = (await entry.get(`/revisions/${revisionId}/signatures/verify`)).body
    expect(verified.signatures.map((x: { valid: boolean }) => x.valid)).toEqual([false, true]) // first approval signed the old figures
    expect(verified.valid).toBe(true)
    await matrix('accept', ...RECEIVING, ['aggregator'], post('accept'), { once: true })
    await matrix(
      'request correction',
      ...REPORTING,
      ['entry', 'approver'],
      post('request-correction', reason),
      { once: true, roleNamed: 'entry' },
    )
    await matrix('deny correction', ...RECEIVING, ['aggregator'], post('deny-correction', reason), {
      once: true,
    })
    expect(
      (await post('request-correction', reason)(await who('DT-P-CAOLANH', 'approver'))).status,
    ).toBe(200)
    await matrix('grant correction', ...RECEIVING, ['aggregator'], post('grant-correction'), {
      once: true,
    })
    const [state] = await t.sql(
      'select status, current_revision from report_instance where id = ?',
      [instance],
    )
    expect(state).toEqual({ status: 'draft', current_revision: 2 })
  })

  it('tracking board: aggregator, viewer or admin of the assigning unit', async () => {
    await matrix('tracking', ...RECEIVING, ['aggregator', 'viewer', 'admin'], (c) =>
      c.get(`/assignments/${assignmentId}/tracking?period=2026-Q3`),
    )
  })

  it('consolidation: aggregator of the assigning unit', async () => {
    await matrix('aggregate', ...RECEIVING, ['aggregator'], (c) =>
      c.get(`/assignments/${assignmentId}/aggregate?period=2026-Q3`),
    )
  })

  it('assigning: aggregator of the assigning unit', async () => {
    // Everyone tries to assign on behalf of the province: its own staff, and Sở Nội vụ's.
    for (const role of ROLES) {
      for (const unit of RECEIVING) {
        const c = await who(unit, role)
        const res = await c.post('/assignments', {
          templateVersionId: versionId,
          unitId: units.DT,
          targetUnitIds: [units['DT-P-CAOLANH']],
          schedule: { fromPeriod: '2026-Q4' },
        })
        if (unit === 'DT' && role === 'aggregator')
          expect(res.status, JSON.stringify(res.body)).toBe(201)
        else expectForbidden(res, `assign as ${role}@${unit}`, 'aggregator')
      }
    }
  })

  it('template library: designer of the owner unit creates, edits and publishes', async () => {
    for (const role of ROLES) {
      for (const unit of ['DT', 'DT-P-CAOLANH']) {
        const c = await who(unit, role)
        const doc = { ...fixtureTemplate(), code: `TN.${role}.${unit}/DT` }
        const res = await c.post('/templates', { ownerUnitId: units.DT, definition: doc })
        if (unit === 'DT' && role === 'designer')
          expect(res.status, JSON.stringify(res.body)).toBe(201)
        else expectForbidden(res, `create template as ${role}@${unit}`, 'designer')
      }
    }
    const [draft] = await t.sql<{ id: number; lock_version: number }>(
      `select v.id, v.lock_version from template_version v join template t on t.id = v.template_id where t.code = 'TN.designer.DT/DT'`,
    )
    for (const role of ROLES) {
      for (const unit of ['DT', 'DT-P-CAOLANH']) {
        if (unit === 'DT' && role === 'designer') continue
        const c = await who(unit, role)
        expectForbidden(
          await c.post(`/template-versions/${draft!.id}/status`, { status: 'testing' }),
          `status as ${role}@${unit}`,
          'designer',
        )
        expectForbidden(
          await c.put(`/template-versions/${draft!.id}`, {
            definition: { ...fixtureTemplate(), code: 'TN.designer.DT/DT' },
            lockVersion: draft!.lock_version,
          }),
          `edit as ${role}@${unit}`,
          'designer',
        )
      }
    }
  })

  it('org units, users and the audit log: admin (of the unit or above)', async () => {
    const cases: [string, Call][] = [
      [
        'create unit',
        (c) =>
          c.post('/org-units', {
            code: `X-${Math.random().toString(36).slice(2, 8)}`,
            name: 'Ấp mới',
            tier: 'xa',
            parentId: units['DT-P-CAOLANH'],
          }),
      ],
      [
        'rename unit',
        (c) => c.patch(`/org-units/${units['DT-P-CAOLANH']}`, { name: 'Phường Cao Lãnh' }),
      ],
      [
        'create user',
        (c) =>
          c.post('/users', {
            username: `u${Math.random().toString(36).slice(2, 8)}`,
            fullName: 'X',
            password: 'password-12345',
            unitId: units['DT-P-CAOLANH'],
          }),
      ],
      ['list users', (c) => c.get(`/users?unitId=${units['DT-P-CAOLANH']}`)],
    ]
    for (const [label, call] of cases) await matrix(label, ...REPORTING, ['admin'], call)
    for (const role of ROLES) {
      for (const unit of ['DT', 'DT-P-CAOLANH']) {
        const res = await (await who(unit, role)).get('/audit/verify')
        if (unit === 'DT' && role === 'admin') expect(res.status).toBe(200)
        else expectForbidden(res, `audit as ${role}@${unit}`, 'admin')
      }
    }
  })

  it('without a session every endpoint is 401', async () => {
    const anon = new TestClient(t.app)
    for (const [method, path] of [
      ['GET', `/instances/${instance}`],
      ['PUT', `/instances/${instance}/draft`],
      ['POST', `/instances/${instance}/approve`],
      ['GET', `/assignments/${assignmentId}/tracking?period=2026-Q3`],
      ['POST', '/templates'],
      ['GET', '/users'],
      ['GET', '/audit/verify'],
      ['POST', `/instances/${instance}/prefill`],
      ['GET', `/dashboard/indicators?unitId=${units.DT}`],
      ['GET', '/notifications'],
      ['GET', `/assignments/${assignmentId}/receiving-windows?period=2026-Q3`],
      ['PUT', `/assignments/${assignmentId}/receiving-windows/2026-Q3`],
      ['GET', '/plugins/example-small/connector'],
      ['PUT', '/plugins/example-small/connector'],
    ] as const) {
      expect(
        (await anon.send(method, path, method === 'GET' ? undefined : {})).status,
        `${method} ${path}`,
      ).toBe(401)
    }
  })
})
