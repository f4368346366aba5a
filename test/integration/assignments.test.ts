import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import type { TestClient } from '../helpers/client.js'
import { as, publishFixture, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * What the assigning screen relies on: a version assigned twice to a unit for the same period is
 * refused (it would open a second, identical report), and an assignment says how many report
 * instances its background job has opened so far.
 */
let t: TestApp
const clock = new Date('2026-09-20T03:00:00Z')
let aggregator: TestClient
let units: Record<string, number>
let versionId: number

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  versionId = await publishFixture(t)
  units = await unitIds(t)
  aggregator = await as(t, 'tinh.aggregator')
}, 60_000)
afterAll(async () => t.close())

function body(targets: string[], fromPeriod: string, toPeriod?: string) {
  return {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: targets.map((c) => units[c]),
    schedule: toPeriod === undefined ? { fromPeriod } : { fromPeriod, toPeriod },
  }
}

const count = async (table: string) =>
  (await t.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n

describe('assignments', () => {
  let first: number

  it('reports how many instances the opening job has opened, and whether it still runs', async () => {
    const made = await aggregator.post(
      '/assignments',
      body(['DT-P-CAOLANH', 'DT-P-SADEC'], '2026-Q3', '2026-Q4'),
    )
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    first = made.body.id as number
    const before = await aggregator.get(`/assignments/${first}`)
    expect(before.body).toMatchObject({ instanceCount: 0, opening: true })
    await runDueJobs(t.orm, jobHandlers, clock)
    // On 20/09/2026 the cut-off windows of Q3 (15/06-14/09) and Q4 (15/09-14/12) have both started.
    const after = await aggregator.get(`/assignments/${first}`)
    expect(after.body).toMatchObject({ instanceCount: 4, opening: false })
    const listed = await aggregator.get('/assignments')
    expect(listed.body.assignments.find((a: { id: number }) => a.id === first)).toMatchObject({
      targetCount: 2,
      instanceCount: 4,
      unitCode: 'DT',
    })
  })

  it('refuses the same version for a unit and period it already reports, naming both; nothing is stored', async () => {
    const rows = await count('assignment')
    const jobs = await count('job')
    // Open-ended from Q4 overlaps Q3..Q4 at Q4; Phường Sa Đéc is the second target.
    const again = await aggregator.post(
      '/assignments',
      body(['DT-X-THAPMUOI', 'DT-P-SADEC'], '2026-Q4'),
    )
    expect(again.status, JSON.stringify(again.body)).toBe(409)
    expect(again.body.error.code).toBe('already_assigned')
    expect(again.body.error.message).toBe(
      `DT-P-SADEC already reports this version for 2026-Q3..2026-Q4 (assignment ${first})`,
    )
    expect(again.body.error.details).toEqual({ pointer: '/targetUnitIds/1', assignmentId: first })
    expect(await count('assignment')).toBe(rows)
    expect(await count('job')).toBe(jobs)
  })

  it('an earlier open-ended assignment reaches later periods too', async () => {
    const open = await aggregator.post('/assignments', body(['DT-STP'], '2026-Q1'))
    expect(open.status, JSON.stringify(open.body)).toBe(201)
    const later = await aggregator.post('/assignments', body(['DT-STP'], '2027-Q2', '2027-Q3'))
    expect(later.status).toBe(409)
    expect(later.body.error.details.assignmentId).toBe(open.body.id)
  })

  it('accepts other periods and other units of the same version', async () => {
    const next = await aggregator.post(
      '/assignments',
      body(['DT-P-CAOLANH', 'DT-P-SADEC'], '2027-Q1', '2027-Q1'),
    )
    expect(next.status, JSON.stringify(next.body)).toBe(201)
    const other = await aggregator.post(
      '/assignments',
      body(['DT-X-THAPMUOI'], '2026-Q3', '2026-Q4'),
    )
    expect(other.status, JSON.stringify(other.body)).toBe(201)
  })
})
