import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestClient } from '../helpers/client.js'
import { as, assign, instanceOf, publishFixture } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * The whole reporting flow of DESIGN.md §3 on real PostgreSQL: the province assigns a quarterly
 * report to two communes; they enter and submit; one is rejected with a reason and resubmitted;
 * leaders approve with signatures; the reports are sent and accepted; the consolidation is exact;
 * a correction opens revision 2 while revision 1 is kept.
 */
let t: TestApp
const clock = new Date('2026-09-14T03:00:00Z') // the receiving window opens on the 14th (end of the cut-off window)
let assignmentId: number
let caolanh: number
let sadec: number
const users: Record<string, TestClient> = {}

const u = (name: string) => users[name]!

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  for (const name of [
    'tinh.aggregator',
    'caolanh.entry',
    'caolanh.approver',
    'caolanh.sender',
    'sadec.entry',
    'sadec.approver',
    'sadec.sender',
    'tinh.admin',
  ]) {
    users[name] = await as(t, name)
  }
  const versionId = await publishFixture(t)
  assignmentId = await assign(t, versionId, ['DT-P-CAOLANH', 'DT-P-SADEC'], '2026-Q3', () => clock)
  caolanh = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
  sadec = await instanceOf(t, assignmentId, 'DT-P-SADEC')
})
afterAll(async () => t.close())

async function save(
  user: string,
  id: number,
  values: Record<string, Record<string, Record<string, number | string | null>>>,
) {
  const cur = await u(user).get(`/instances/${id}`)
  expect(cur.status).toBe(200)
  const res = await u(user).put(`/instances/${id}/draft`, {
    version: cur.body.revision.version,
    values,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

async function step(user: string, id: number, action: string, body?: unknown) {
  const res = await u(user).post(`/instances/${id}/${action}`, body)
  expect(res.status, `${user} ${action}: ${JSON.stringify(res.body)}`).toBe(200)
  return res.body
}

async function board() {
  const res = await u('tinh.aggregator').get(`/assignments/${assignmentId}/tracking?period=2026-Q3`)
  expect(res.status).toBe(200)
  return Object.fromEntries(
    res.body.units.map((x: { unitCode: string; state: string }) => [x.unitCode, x.state]),
  )
}

describe('province -> communes reporting flow', { timeout: 30_000 }, () => {
  it('opens one instance per commune with the tier deadline, and the board shows them not started', async () => {
    const rows = await t.sql<{ deadline: string; status: string }>(
      'select deadline, status from report_instance where assignment_id = ?',
      [assignmentId],
    )
    expect(rows).toHaveLength(2)
    for (const r of rows) {
      expect(r.status).toBe('draft')
      expect(r.deadline).toBe('2026-09-16') // xã: day 16 of the last month of the quarter
    }
    expect(await board()).toEqual({ 'DT-P-CAOLANH': 'not_started', 'DT-P-SADEC': 'not_started' })
  })

  it('both communes enter and submit', async () => {
    const saved = await save('caolanh.entry', caolanh, {
      main: { r1: { c1: 10, c2: 5 }, r2: { c1: 4, c2: 4 } },
    })
    expect(saved.version).toBe(2)
    await step('caolanh.entry', caolanh, 'submit')
    await save('sadec.entry', sadec, { main: { r1: { c1: 30, c2: 27 }, r2: { c1: 6, c2: 1 } } })
    expect(await board()).toEqual({ 'DT-P-CAOLANH': 'submitted', 'DT-P-SADEC': 'draft' })
    await step('sadec.entry', sadec, 'submit')
  })

  it('one leader approves with a signature; the other rejects with a mandatory reason', async () => {
    const approved = await step('caolanh.approver', caolanh, 'approve')
    expect(approved.status).toBe('approved')
    const noReason = await u('sadec.approver').post(`/instances/${sadec}/reject`, { reason: '   ' })
    expect(noReason.status).toBe(400)
    const missing = await u('sadec.approver').post(`/instances/${sadec}/reject`, {})
    expect(missing.status).toBe(400)
    const rejected = await step('sadec.approver', sadec, 'reject', {
      reason: 'Số liệu hộ tịch chưa khớp sổ theo dõi',
    })
    expect(rejected.status).toBe('draft')
    expect(rejected.revision.reason).toBe('Số liệu hộ tịch chưa khớp sổ theo dõi')
    const seen = await u('sadec.entry').get(`/instances/${sadec}`)
    expect(seen.body.history.at(-1)).toMatchObject({
      action: 'reject',
      reason: 'Số liệu hộ tịch chưa khớp sổ theo dõi',
      actor: 'sadec.approver',
    })
    expect(seen.body.actions).toContain('submit')
  })

  it('the rejected commune corrects, resubmits and is approved', async () => {
    await save('sadec.entry', sadec, { main: { r2: { c2: 3 } } })
    await step('sadec.entry', sadec, 'submit')
    await step('sadec.approver', sadec, 'approve')
  })

  it('the approval signature verifies against the stored revision and detects a changed byte', async () => {
    const inst = (await u('caolanh.entry').get(`/instances/${caolanh}`)).body
    const revId = inst.revision.id
    const ok = await u('caolanh.entry').get(`/revisions/${revId}/signatures/verify`)
    expect(ok.body).toMatchObject({ signed: true, valid: true })
    expect(ok.body.signatures[0].signer).toContain('Phường Cao Lãnh')
    await t.sql(
      `update report_revision set document = jsonb_set(document, '{values,main,r1,c1}', '11') where id = ?`,
      [revId],
    )
    const bad = await u('caolanh.entry').get(`/revisions/${revId}/signatures/verify`)
    expect(bad.body.valid).toBe(false)
    expect(bad.body.signatures[0].valid).toBe(false)
    await t.sql(
      `update report_revision set document = jsonb_set(document, '{values,main,r1,c1}', '10') where id = ?`,
      [revId],
    )
    expect((await u('caolanh.entry').get(`/revisions/${revId}/signatures/verify`)).body.valid).toBe(
      true,
    )
  })

  it('both send; the province accepts', async () => {
    await step('caolanh.sender', caolanh, 'send')
    await step('sadec.sender', sadec, 'send')
    expect(await board()).toEqual({ 'DT-P-CAOLANH': 'sent', 'DT-P-SADEC': 'sent' })
    await step('tinh.aggregator', caolanh, 'accept')
    await step('tinh.aggregator', sadec, 'accept')
    expect(await board()).toEqual({ 'DT-P-CAOLANH': 'accepted', 'DT-P-SADEC': 'accepted' })
  })

  it('consolidates exactly: inputs summed in SQL, the ratio recomputed from the sums', async () => {
    const res = await u('tinh.aggregator').get(
      `/assignments/${assignmentId}/aggregate?period=2026-Q3`,
    )
    expect(res.status).toBe(200)
    expect(res.body.included).toHaveLength(2)
    expect(res.body.values.main).toEqual({ r1: { c1: 40, c2: 32 }, r2: { c1: 10, c2: 7 } })
    expect(res.body.cells['main!r1.c3']).toBe(80) // 32/40, not the mean of 50 % and 90 %
    expect(res.body.cells['main!r2.c3']).toBe(70) // 7/10, not the mean of 100 % and 50 %
  })

  it('a correction opens revision 2; revision 1 stays accepted and is what is consolidated until 2 is accepted', async () => {
    await step('caolanh.entry', caolanh, 'request-correction', {
      reason: 'Nhập nhầm số hồ sơ đất đai',
    })
    const granted = await step('tinh.aggregator', caolanh, 'grant-correction')
    expect(granted.revision.revisionNo).toBe(2)
    expect(granted.revision.status).toBe('draft')
    expect(granted.revision.document.values.main.r1.c1).toBe(10) // starts from the accepted values
    const mid = await u('tinh.aggregator').get(
      `/assignments/${assignmentId}/aggregate?period=2026-Q3`,
    )
    expect(mid.body.values.main.r1.c1).toBe(40)
    await save('caolanh.entry', caolanh, { main: { r1: { c1: 12 } } })
    await step('caolanh.entry', caolanh, 'submit')
    await step('caolanh.approver', caolanh, 'approve')
    await step('caolanh.sender', caolanh, 'send')
    await step('tinh.aggregator', caolanh, 'accept')
    const after = await u('tinh.aggregator').get(
      `/assignments/${assignmentId}/aggregate?period=2026-Q3`,
    )
    expect(after.body.values.main.r1).toEqual({ c1: 42, c2: 32 })
    expect(
      after.body.included.find((x: { unitCode: string }) => x.unitCode === 'DT-P-CAOLANH')
        .revisionNo,
    ).toBe(2)
    const r1 = await u('caolanh.entry').get(`/instances/${caolanh}/revisions/1`)
    expect(r1.body.status).toBe('accepted')
    expect(r1.body.document.values.main.r1.c1).toBe(10)
    expect(r1.body.signatures).toHaveLength(1)
    const r2 = await u('caolanh.entry').get(`/instances/${caolanh}/revisions/2`)
    expect(r2.body.document.values.main.r1.c1).toBe(12)
    expect(r2.body.document.revision).toBe(2)
  })

  it('stored cell values mirror the documents of both revisions', async () => {
    const cells = await t.sql<{ revision_no: number; row: string; col: string; num: string }>(
      `select r.revision_no, v.row, v.col, v.num from cell_value v join report_revision r on r.id = v.revision_id
        where r.instance_id = ? order by 1, 2, 3`,
      [caolanh],
    )
    const r1 = cells.filter((c) => c.revision_no === 1 && c.row === 'r1' && c.col === 'c1')
    const r2 = cells.filter((c) => c.revision_no === 2 && c.row === 'r1' && c.col === 'c1')
    expect(r1.map((c) => Number(c.num))).toEqual([10])
    expect(r2.map((c) => Number(c.num))).toEqual([12])
  })

  it('every step is in the audit chain, which verifies', async () => {
    const actions = (
      await t.sql<{ action: string }>('select action from audit_log order by id')
    ).map((r) => r.action)
    for (const a of [
      'report.submit',
      'report.approve',
      'report.reject',
      'report.send',
      'report.accept',
      'report.request-correction',
      'report.grant-correction',
      'report.save',
    ]) {
      expect(actions).toContain(a)
    }
    const v = await u('tinh.admin').get('/audit/verify')
    expect(v.body.ok).toBe(true)
  })
})
