import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAllDue } from '../../runtime/services/assignments.js'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { as, publishFixture, reportThrough, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * Receiving windows: sending opens at the end of the data cut-off window (14/09 for Q3) and closes
 * 15 days after each unit's deadline unless the assignment or the period says otherwise; the
 * units get a notice when their window opens.
 */
let t: TestApp
let clock = new Date('2026-09-10T03:00:00Z')
let versionId: number
let assignmentId: number
let units: Record<string, number>

async function assignQ3(targets: string[], schedule: Record<string, unknown> = {}) {
  const res = await (
    await as(t, 'tinh.aggregator')
  ).post('/assignments', {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: targets.map((u) => units[u]),
    schedule: { fromPeriod: '2026-Q3', toPeriod: '2026-Q3', ...schedule },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  await runDueJobs(t.orm, jobHandlers, clock)
  return res.body.id as number
}

async function instance(assignment: number, unit: string): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    `select i.id from report_instance i join org_unit u on u.id = i.unit_id where i.assignment_id = ? and u.code = ?`,
    [assignment, unit],
  )
  return row!.id
}

async function send(login: string, id: number) {
  return (await as(t, `${login}.sender`)).post(`/instances/${id}/send`)
}

async function notices(login: string, unit: string) {
  const res = await (await as(t, login)).get(`/notifications?unitId=${units[unit]}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as {
    total: number
    items: { kind: string; message: string; data: Record<string, unknown> }[]
  }
}

async function tick(at: string) {
  clock = new Date(at)
  await t.orm.em.fork().transactional((em) => openAllDue(em, clock))
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  units = await unitIds(t)
  versionId = await publishFixture(t)
  assignmentId = await assignQ3(['DT-P-CAOLANH', 'DT-P-SADEC', 'DT-SNV'])
  for (const [unit, login] of [
    ['DT-P-CAOLANH', 'caolanh'],
    ['DT-P-SADEC', 'sadec'],
    ['DT-SNV', 'snv'],
  ] as const) {
    await reportThrough(
      t,
      await instance(assignmentId, unit),
      login,
      { main: { r1: { c1: 4, c2: 2 } } },
      'approved',
    )
  }
}, 60_000)
afterAll(async () => t.close())

describe('receiving windows', { timeout: 30_000 }, () => {
  it('refuses sending before the window opens, saying when it opens', async () => {
    const res = await send('caolanh', await instance(assignmentId, 'DT-P-CAOLANH'))
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({
      code: 'receiving_window_not_open',
      details: {
        period: '2026-Q3',
        opensOn: '2026-09-14',
        closesOn: '2026-10-01',
        today: '2026-09-10',
      },
    })
    expect(res.body.error.details.messageVi).toBe(
      'Chưa đến thời gian nhận báo cáo Quý III năm 2026: Ủy ban nhân dân tỉnh Đồng Tháp nhận báo cáo từ ngày 14/09/2026.',
    )
    const [state] = await t.sql('select status from report_instance where id = ?', [
      await instance(assignmentId, 'DT-P-CAOLANH'),
    ])
    expect(state).toEqual({ status: 'approved' })
    expect((await notices('caolanh.entry', 'DT-P-CAOLANH')).total).toBe(0)
  })

  it('notifies each unit once when its window opens; sending is then accepted', async () => {
    await tick('2026-09-14T03:00:00Z')
    await tick('2026-09-14T04:00:00Z') // the next hourly tick sends nothing twice
    const caolanh = await notices('caolanh.sender', 'DT-P-CAOLANH')
    expect(caolanh.total).toBe(1)
    expect(caolanh.items[0]).toMatchObject({
      kind: 'receiving-window-opened',
      data: { assignmentId, period: '2026-Q3', opensOn: '2026-09-14', closesOn: '2026-10-01' },
    })
    expect(caolanh.items[0]!.message).toBe(
      'Ủy ban nhân dân tỉnh Đồng Tháp đã mở tiếp nhận báo cáo "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH (BIỂU THỬ NGHIỆM)" (TN.01/DT/KSTT) Quý III năm 2026: gửi báo cáo từ ngày 14/09/2026 đến hết ngày 01/10/2026.',
    )
    // The department's deadline is later (18/09), so its window closes later.
    expect((await notices('snv.entry', 'DT-SNV')).items[0]!.data.closesOn).toBe('2026-10-03')
    // Without unitId: the notices of every unit the caller has a role on.
    const mine = await (await as(t, 'caolanh.entry')).get('/notifications')
    expect(mine.body.items.map((n: { unitCode: string }) => n.unitCode)).toEqual(['DT-P-CAOLANH'])
    expect((await send('caolanh', await instance(assignmentId, 'DT-P-CAOLANH'))).status).toBe(200)
  })

  it('closes N days after each unit’s deadline; the receiving unit can reopen a period', async () => {
    clock = new Date('2026-10-02T03:00:00Z')
    const sadec = await instance(assignmentId, 'DT-P-SADEC')
    const closed = await send('sadec', sadec)
    expect(closed.status).toBe(409)
    expect(closed.body.error.code).toBe('receiving_window_closed')
    expect(closed.body.error.message).toBe(
      'DT stopped receiving reports for 2026-Q3 on 2026-10-01 (15 days after the deadline 2026-09-16); today is 2026-10-02. Ask DT (Ủy ban nhân dân tỉnh Đồng Tháp) to reopen the window for this period.',
    )
    const board = await (
      await as(t, 'tinh.viewer')
    ).get(`/assignments/${assignmentId}/receiving-windows?period=2026-Q3`)
    expect(
      board.body.units.map((u: { code: string; state: string; closesOn: string }) => [
        u.code,
        u.state,
        u.closesOn,
      ]),
    ).toEqual([
      ['DT-SNV', 'open', '2026-10-03'],
      ['DT-P-CAOLANH', 'closed', '2026-10-01'],
      ['DT-P-SADEC', 'closed', '2026-10-01'],
    ])
    const aggregator = await as(t, 'tinh.aggregator')
    const bad = await aggregator.put(`/assignments/${assignmentId}/receiving-windows/2026-Q3`, {
      opensOn: '2026-10-10',
      closesOn: '2026-10-05',
    })
    expect(bad.status).toBe(400)
    expect(
      (
        await aggregator.put(`/assignments/${assignmentId}/receiving-windows/2026-M10`, {
          opensOn: null,
          closesOn: null,
        })
      ).status,
    ).toBe(400)
    const reopened = await aggregator.put(
      `/assignments/${assignmentId}/receiving-windows/2026-Q3`,
      {
        opensOn: null,
        closesOn: '2026-10-09',
      },
    )
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200)
    // Sa Đéc and Sở Nội vụ still have to send: each gets a notice with the new last day.
    expect(reopened.body.notified).toBe(2)
    expect(reopened.body.setting).toEqual({ opensOn: null, closesOn: '2026-10-09' })
    const last = (await notices('sadec.entry', 'DT-P-SADEC')).items[0]!
    expect(last.data.closesOn).toBe('2026-10-09')
    expect((await send('sadec', sadec)).status).toBe(200)
    const [audited] = await t.sql<{ after: unknown }>(
      `select after from audit_log where action = 'assignment.receiving-window' order by id desc limit 1`,
    )
    expect(audited!.after).toEqual({
      period: '2026-Q3',
      opensOn: null,
      closesOn: '2026-10-09',
      notified: 2,
    })
  })

  it('an assignment may set its own number of days after the deadline', async () => {
    clock = new Date('2026-09-14T03:00:00Z')
    // Another department: DT-SNV already reports this version for 2026-Q3 (one report per unit and period).
    const strict = await assignQ3(['DT-STP'], { receivingWindow: { daysAfterDeadline: 0 } })
    const id = await instance(strict, 'DT-STP')
    await reportThrough(t, id, 'stp', { main: { r1: { c1: 1, c2: 1 } } }, 'approved')
    clock = new Date('2026-09-19T03:00:00Z') // the day after the department's deadline
    const res = await send('stp', id)
    expect(res.status).toBe(409)
    expect(res.body.error.details).toMatchObject({ closesOn: '2026-09-18', today: '2026-09-19' })
  })

  it('a granted correction is sent whenever it is ready', async () => {
    clock = new Date('2026-10-02T03:00:00Z')
    const id = await instance(assignmentId, 'DT-P-CAOLANH')
    expect((await (await as(t, 'tinh.aggregator')).post(`/instances/${id}/accept`)).status).toBe(
      200,
    )
    clock = new Date('2026-10-20T03:00:00Z')
    const aggregator = await as(t, 'tinh.aggregator')
    const reason = { reason: 'Số liệu lĩnh vực đất đai nhập nhầm' }
    expect(
      (await (await as(t, 'caolanh.entry')).post(`/instances/${id}/request-correction`, reason))
        .status,
    ).toBe(200)
    expect((await aggregator.post(`/instances/${id}/grant-correction`)).status).toBe(200)
    await reportThrough(t, id, 'caolanh', { main: { r1: { c1: 5 } } }, 'sent')
    const [state] = await t.sql(
      'select status, current_revision from report_instance where id = ?',
      [id],
    )
    expect(state).toEqual({ status: 'sent', current_revision: 2 })
  })
})
