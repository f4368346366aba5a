import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers, scheduleTick } from '../../runtime/services/job-handlers.js'
import { as, instanceOf, publishFixture, reportThrough, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/** Tracking board and the periodic opening of instances, driven by the clock. */
let t: TestApp
let clock = new Date('2026-09-14T03:00:00Z') // the receiving window opens on the 14th (end of the cut-off window)
let assignmentId: number

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  const versionId = await publishFixture(t)
  const units = await unitIds(t)
  const res = await (
    await as(t, 'tinh.aggregator')
  ).post('/assignments', {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: [units['DT-P-CAOLANH'], units['DT-P-SADEC'], units['DT-SNV']],
    schedule: { fromPeriod: '2026-Q3' }, // open-ended: every quarter from Q3 on
  })
  expect(res.status).toBe(201)
  assignmentId = res.body.id
  await runDueJobs(t.orm, jobHandlers, clock)
}, 60_000)
afterAll(async () => t.close())

async function board(period: string) {
  const res = await (
    await as(t, 'tinh.viewer')
  ).get(`/assignments/${assignmentId}/tracking?period=${period}`)
  expect(res.status).toBe(200)
  return res.body as {
    counts: Record<string, number>
    units: { unitCode: string; state: string; late: boolean; deadline: string }[]
  }
}

describe('tracking board and periodic opening', { timeout: 30_000 }, () => {
  it('opens only periods whose cut-off window has started; deadlines follow each unit’s tier', async () => {
    const periods = await t.sql<{ period: string }>(
      'select distinct period from report_instance where assignment_id = ?',
      [assignmentId],
    )
    expect(periods).toEqual([{ period: '2026-Q3' }])
    const b = await board('2026-Q3')
    const deadline = Object.fromEntries(b.units.map((u) => [u.unitCode, u.deadline]))
    expect(deadline).toEqual({
      'DT-P-CAOLANH': '2026-09-16',
      'DT-P-SADEC': '2026-09-16',
      'DT-SNV': '2026-09-18',
    })
  })

  it('shows each unit’s state, and late once the deadline passed unsent', async () => {
    await reportThrough(
      t,
      await instanceOf(t, assignmentId, 'DT-P-CAOLANH'),
      'caolanh',
      { main: { r1: { c1: 1, c2: 1 } } },
      'sent',
    )
    await reportThrough(
      t,
      await instanceOf(t, assignmentId, 'DT-P-SADEC'),
      'sadec',
      { main: { r1: { c1: 2, c2: 1 } } },
      'submitted',
    )
    let b = await board('2026-Q3')
    expect(Object.fromEntries(b.units.map((u) => [u.unitCode, u.state]))).toEqual({
      'DT-P-CAOLANH': 'sent',
      'DT-P-SADEC': 'submitted',
      'DT-SNV': 'not_started',
    })
    clock = new Date('2026-09-17T03:00:00Z') // communes' deadline (16/09) passed, the department's (18/09) not yet
    b = await board('2026-Q3')
    expect(Object.fromEntries(b.units.map((u) => [u.unitCode, u.state]))).toEqual({
      'DT-P-CAOLANH': 'sent',
      'DT-P-SADEC': 'late',
      'DT-SNV': 'not_started',
    })
    expect(b.counts).toEqual({ sent: 1, late: 1, not_started: 1 })
    // Sent late is still flagged.
    await reportThrough(
      t,
      await instanceOf(t, assignmentId, 'DT-SNV'),
      'snv',
      { main: { r1: { c1: 2, c2: 2 } } },
      'sent',
    )
    clock = new Date('2026-09-19T03:00:00Z')
    b = await board('2026-Q3')
    const snv = b.units.find((u) => u.unitCode === 'DT-SNV')!
    expect(snv).toMatchObject({ state: 'sent', late: false })
  })

  it('the recurring tick job opens the next quarter once its window starts', async () => {
    await t.orm.em.fork().transactional((em) => scheduleTick(em, clock))
    await runDueJobs(t.orm, jobHandlers, clock)
    expect(
      await t.sql('select 1 from report_instance where assignment_id = ? and period = ?', [
        assignmentId,
        '2026-Q4',
      ]),
    ).toHaveLength(3)
    // The tick re-scheduled itself an hour later, and stays single.
    const ticks = await t.sql<{ status: string }>(
      `select status from job where kind = 'tick' order by id`,
    )
    expect(ticks.map((x) => x.status)).toEqual(['done', 'pending'])
    expect(await runDueJobs(t.orm, jobHandlers, clock)).toBe(0)
    await runDueJobs(t.orm, jobHandlers, new Date(clock.getTime() + 61 * 60 * 1000))
    expect(
      await t.sql('select 1 from report_instance where assignment_id = ?', [assignmentId]),
    ).toHaveLength(6)
  })
})
