import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { openAllDue } from '../../runtime/services/assignments.js'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { TestClient } from './client.js'
import type { TestApp } from './test-app.js'

/** The integration tests' template: two fields, a ratio column computed from inputs. */
export function fixtureTemplate(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL('../integration/fixtures/tthc-quarter.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>
}

export async function unitIds(t: TestApp): Promise<Record<string, number>> {
  const rows = await t.sql<{ id: number; code: string }>('select id, code from org_unit')
  return Object.fromEntries(rows.map((r) => [r.code, r.id]))
}

export async function as(t: TestApp, username: string): Promise<TestClient> {
  const c = new TestClient(t.app)
  await c.login(username)
  return c
}

/** Publishes the fixture template as the province designer; returns the version id. */
export async function publishFixture(
  t: TestApp,
  mutate?: (doc: Record<string, unknown>) => void,
): Promise<number> {
  const designer = await as(t, 'tinh.designer')
  const doc = fixtureTemplate()
  mutate?.(doc)
  const created = await designer.post('/templates', { definition: doc })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(
    (await designer.post(`/template-versions/${created.body.id}/status`, { status: 'testing' }))
      .status,
  ).toBe(200)
  expect(
    (await designer.post(`/template-versions/${created.body.id}/status`, { status: 'published' }))
      .status,
  ).toBe(200)
  return created.body.id as number
}

/** Assigns a version from the province to units and runs the job that opens the instances. */
export async function assign(
  t: TestApp,
  versionId: number,
  targets: string[],
  period: string,
  clock: () => Date,
): Promise<number> {
  const units = await unitIds(t)
  const aggregator = await as(t, 'tinh.aggregator')
  const res = await aggregator.post('/assignments', {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: targets.map((code) => units[code]),
    schedule: { fromPeriod: period, toPeriod: period },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  await runDueJobs(t.orm, jobHandlers, clock())
  return res.body.id as number
}

export async function instanceOf(
  t: TestApp,
  assignmentId: number,
  unitCode: string,
): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    'select i.id from report_instance i join org_unit u on u.id = i.unit_id where i.assignment_id = ? and u.code = ?',
    [assignmentId, unitCode],
  )
  if (row === undefined) throw new Error(`no instance for ${unitCode}`)
  return row.id
}

/** Drives one instance through entry -> accepted as the unit's demo users. */
export async function reportThrough(
  t: TestApp,
  instance: number,
  login: string,
  values: Record<string, Record<string, Record<string, number | string | null>>>,
  until: 'draft' | 'submitted' | 'approved' | 'sent' | 'accepted',
): Promise<void> {
  const entry = await as(t, `${login}.entry`)
  const cur = await entry.get(`/instances/${instance}`)
  const saved = await entry.put(`/instances/${instance}/draft`, {
    version: cur.body.revision.version,
    values,
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  const steps: [string, string, string][] = [
    ['submitted', 'entry', 'submit'],
    ['approved', 'approver', 'approve'],
    ['sent', 'sender', 'send'],
  ]
  const order = ['draft', 'submitted', 'approved', 'sent', 'accepted']
  for (const [state, role, action] of steps) {
    if (order.indexOf(until) < order.indexOf(state)) return
    const res = await (await as(t, `${login}.${role}`)).post(`/instances/${instance}/${action}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  }
  if (until === 'accepted') {
    const res = await (await as(t, 'tinh.aggregator')).post(`/instances/${instance}/accept`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  }
}

/**
 * A report with a previous period to read (PREV_PERIOD, YEAR_TO_DATE): the province assigns the
 * version to Phường Cao Lãnh for 2026-Q2..Q3 at `now`, Q2 is reported through to acceptance with
 * `q2Values`, then `openQ3()` moves the app's clock into Q3's window and Q3 opens. Returns Q3's
 * report instance.
 */
export async function acceptedQ2ThenQ3(
  t: TestApp,
  versionId: number,
  q2Values: Parameters<typeof reportThrough>[3],
  now: Date,
  openQ3: () => Date,
): Promise<number> {
  const units = await unitIds(t)
  const res = await (
    await as(t, 'tinh.aggregator')
  ).post('/assignments', {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: [units['DT-P-CAOLANH']],
    schedule: { fromPeriod: '2026-Q2', toPeriod: '2026-Q3' },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  await runDueJobs(t.orm, jobHandlers, now)
  const instanceFor = async (period: string): Promise<number> => {
    const [row] = await t.sql<{ id: number }>(
      'select id from report_instance where assignment_id = ? and period = ?',
      [res.body.id, period],
    )
    return row!.id
  }
  await reportThrough(t, await instanceFor('2026-Q2'), 'caolanh', q2Values, 'accepted')
  const at = openQ3()
  await t.orm.em.fork().transactional((em) => openAllDue(em, at))
  return instanceFor('2026-Q3')
}
