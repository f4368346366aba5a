import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TestClient } from '../helpers/client.js'
import { fingerprint } from '../helpers/fingerprint.js'
import { as, assign, fixtureTemplate, instanceOf, publishFixture } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/** Bad input: each case is a clear error in the one error shape, and the database is unchanged. */
let t: TestApp
const clock = new Date('2026-09-10T03:00:00Z')
let entry: TestClient
let approver: TestClient
let designer: TestClient
let aggregator: TestClient
let instance: number
let versionId: number
let snapshot: Record<string, string>

const version = async () =>
  (
    await t.sql<{ version: number }>(
      'select r.version from report_revision r join report_instance i on i.id = r.instance_id and r.revision_no = i.current_revision where i.id = ?',
      [instance],
    )
  )[0]!.version

beforeAll(async () => {
  t = await startTestApp({ now: () => clock, bodyLimitBytes: 256 * 1024 })
  versionId = await publishFixture(t)
  const assignmentId = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
  instance = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
  entry = await as(t, 'caolanh.entry')
  approver = await as(t, 'caolanh.approver')
  designer = await as(t, 'tinh.designer')
  aggregator = await as(t, 'tinh.aggregator')
  const saved = await entry.put(`/instances/${instance}/draft`, {
    version: 1,
    values: { main: { r1: { c1: 10, c2: 4 } } },
  })
  expect(saved.status).toBe(200)
}, 60_000)
afterAll(async () => t.close())

beforeEach(async () => {
  snapshot = await fingerprint(t.url)
})

/** The database holds exactly what it held before the test, ignoring session rows of new logins. */
async function unchanged(): Promise<void> {
  const now = await fingerprint(t.url)
  expect({ ...now, user_session: '' }).toEqual({ ...snapshot, user_session: '' })
}

function isError(
  res: { status: number; body: { error?: { code?: unknown; message?: unknown } } },
  status: number,
  code?: string,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(typeof res.body.error?.code).toBe('string')
  expect(typeof res.body.error?.message).toBe('string')
  if (code !== undefined) expect(res.body.error?.code).toBe(code)
}

describe('bad input leaves the database unchanged', { timeout: 30_000 }, () => {
  it('malformed JSON: 400 saying it is malformed', async () => {
    const res = await entry.send(
      'PUT',
      `/instances/${instance}/draft`,
      '{"version": 2, "values": {"main": ',
    )
    isError(res, 400, 'bad_request')
    expect(res.body.error.message).toMatch(/Malformed JSON/)
    await unchanged()
  })

  it('oversized body: 413', async () => {
    const big = {
      version: await version(),
      values: { main: { r1: { c4: 'x'.repeat(300 * 1024) } } },
    }
    isError(await entry.put(`/instances/${instance}/draft`, big), 413, 'payload_too_large')
    await unchanged()
  })

  it('schema-invalid template: 422 with diagnostics carrying JSON pointers; nothing created', async () => {
    const doc = fixtureTemplate()
    delete (doc as Record<string, unknown>).name
    ;(
      (doc.sections as Record<string, unknown>[])[0]!.columns as Record<string, unknown>[]
    )[0]!.type = 'money'
    const res = await designer.post('/templates', { definition: doc })
    isError(res, 422, 'invalid_template')
    const pointers = res.body.error.details.diagnostics.map(
      (d: { place: { pointer?: string } }) => d.place.pointer,
    )
    expect(pointers).toContain('/sections/0/columns/0/type')
    expect(pointers.some((p: string) => p === '' || p === '/name' || p === '/')).toBe(true)
    await unchanged()
  })

  it('a formula referring to an unknown cell: 422 naming the place', async () => {
    const doc = fixtureTemplate()
    ;(
      (doc.sections as Record<string, unknown>[])[0]!.columns as Record<string, unknown>[]
    )[2]!.formula = '=@.c9*2'
    const res = await designer.post('/templates', { definition: doc })
    isError(res, 422, 'invalid_template')
    expect(JSON.stringify(res.body.error.details.diagnostics)).toMatch(/c9/)
    await unchanged()
  })

  it('wrong cell types, unknown cells and formula cells: 422 naming each cell', async () => {
    const res = await entry.put(`/instances/${instance}/draft`, {
      version: await version(),
      values: { main: { r1: { c1: 'mười', c2: 2.5 }, r9: { c1: 1 }, r2: { c3: 50 } } },
    })
    isError(res, 422, 'invalid_cells')
    const places = res.body.error.details.diagnostics.map(
      (d: { place: { row: string; col: string } }) => `${d.place.row}.${d.place.col}`,
    )
    expect(places.sort()).toEqual(['r1.c1', 'r1.c2', 'r2.c3', 'r9.c1'])
    await unchanged()
  })

  it('stale version: 409, and the other writer’s values are not overwritten', async () => {
    const other = await as(t, 'caolanh.entry')
    const v = await version()
    expect(
      (
        await other.put(`/instances/${instance}/draft`, {
          version: v,
          values: { main: { r2: { c1: 7 } } },
        })
      ).status,
    ).toBe(200)
    snapshot = await fingerprint(t.url)
    const stale = await entry.put(`/instances/${instance}/draft`, {
      version: v,
      values: { main: { r2: { c1: 99 } } },
    })
    isError(stale, 409, 'stale_version')
    expect(stale.body.error.details.currentVersion).toBe(v + 1)
    await unchanged()
    const doc = (await entry.get(`/instances/${instance}`)).body.revision.document
    expect(doc.values.main.r2.c1).toBe(7)
  })

  it('a transition from the wrong state: 409 and no signature is made', async () => {
    const res = await approver.post(`/instances/${instance}/approve`)
    isError(res, 409, 'wrong_state')
    expect(res.body.error.details.state).toBe('draft')
    await unchanged()
  })

  it('submitting with a blocking error: 422 listing the failed rule at its cell', async () => {
    expect(
      (
        await entry.put(`/instances/${instance}/draft`, {
          version: await version(),
          values: { main: { r1: { c2: 11 } } },
        })
      ).status,
    ).toBe(200)
    snapshot = await fingerprint(t.url)
    const res = await entry.post(`/instances/${instance}/submit`)
    isError(res, 422, 'blocking_errors')
    const d = res.body.error.details.diagnostics[0]
    expect(d.ruleId).toBe('template/solved_le_received_r1')
    expect(d.place).toMatchObject({ section: 'main', row: 'r1' })
    await unchanged()
  })

  it('a failure after several writes rolls the whole request back (signature, states, history, audit)', async () => {
    expect(
      (
        await entry.put(`/instances/${instance}/draft`, {
          version: await version(),
          values: { main: { r1: { c2: 10 } } },
        })
      ).status,
    ).toBe(200)
    expect((await entry.post(`/instances/${instance}/submit`)).status).toBe(200)
    // Make the last-but-one write of an approval (its history row) fail inside PostgreSQL.
    await t.sql(
      `alter table workflow_event add constraint test_no_approve check (action <> 'approve')`,
    )
    try {
      snapshot = await fingerprint(t.url)
      const res = await approver.post(`/instances/${instance}/approve`)
      expect(res.status).toBe(422) // the check violation, raised after the signature and state updates
      expect(res.body.error.message).toMatch(/test_no_approve/)
      await unchanged()
    } finally {
      await t.sql('alter table workflow_event drop constraint test_no_approve')
    }
    expect(
      (await approver.post(`/instances/${instance}/reject`, { reason: 'Trả lại để sửa' })).status,
    ).toBe(200)
  })

  it('a reject without a reason: 400', async () => {
    isError(await approver.post(`/instances/${instance}/reject`, {}), 400)
    await unchanged()
  })

  it('editing a published version: 409, and the database refuses it too', async () => {
    const [v] = await t.sql<{ lock_version: number }>(
      'select lock_version from template_version where id = ?',
      [versionId],
    )
    const res = await designer.put(`/template-versions/${versionId}`, {
      definition: fixtureTemplate(),
      lockVersion: v!.lock_version,
    })
    isError(res, 409, 'immutable')
    await expect(
      t.sql(`update template_version set definition = '{}'::jsonb where id = ?`, [versionId]),
    ).rejects.toThrow(/immutable/)
    await unchanged()
  })

  it('assigning a draft version or a period of the wrong type: clear errors', async () => {
    const draft = await designer.post('/templates', {
      definition: { ...fixtureTemplate(), code: 'TN.99/DT' },
    })
    expect(draft.status).toBe(201)
    snapshot = await fingerprint(t.url)
    const units = Object.fromEntries(
      (await t.sql<{ id: number; code: string }>('select id, code from org_unit')).map((r) => [
        r.code,
        r.id,
      ]),
    )
    const body = {
      templateVersionId: draft.body.id,
      unitId: units.DT,
      targetUnitIds: [units['DT-P-SADEC']],
      schedule: { fromPeriod: '2026-Q3' },
    }
    isError(await aggregator.post('/assignments', body), 409, 'not_published')
    const wrongPeriod = await aggregator.post('/assignments', {
      ...body,
      templateVersionId: versionId,
      schedule: { fromPeriod: '2026-M07' },
    })
    isError(wrongPeriod, 400)
    expect(wrongPeriod.body.error.details.pointer).toBe('/schedule/fromPeriod')
    const upward = await aggregator.post('/assignments', {
      ...body,
      templateVersionId: versionId,
      targetUnitIds: [units.DT],
    })
    isError(upward, 400)
    expect(upward.body.error.details.pointer).toBe('/targetUnitIds/0')
    await unchanged()
  })
})
