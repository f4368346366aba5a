import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUnit } from '../../runtime/services/units.js'
import figures from '../../plugins/kstthc/fixtures/valid/so-lieu-766-quy-3.json' with { type: 'json' }
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { TestClient } from '../helpers/client.js'
import { as, publishFixture, reportThrough, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'
import { versionId } from './support/units.js'

/**
 * Dashboard of indicators by unit and period: values of indicator-coded rows of accepted reports,
 * and the QĐ 766 indicators kstthc computes from the figures template, paginated and read-checked.
 */
let t: TestApp
const clock = new Date('2026-09-14T03:00:00Z')
let units: Record<string, number>

async function assign(templateVersionId: number, targets: string[]): Promise<number> {
  const res = await (
    await as(t, 'tinh.aggregator')
  ).post('/assignments', {
    templateVersionId,
    unitId: units.DT,
    targetUnitIds: targets.map((u) => units[u]),
    schedule: { fromPeriod: '2026-Q3', toPeriod: '2026-Q3' },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  await runDueJobs(t.orm, jobHandlers, clock)
  return res.body.id
}

async function instance(assignmentId: number, unit: string): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    'select i.id from report_instance i join org_unit u on u.id = i.unit_id where i.assignment_id = ? and u.code = ?',
    [assignmentId, unit],
  )
  return row!.id
}

async function dashboard(login: string, query: string) {
  return (await as(t, login)).get(`/dashboard/indicators?${query}`)
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  units = await unitIds(t)
  expect((await (await as(t, 'tinh.admin')).post('/plugins', { plugin: 'kstthc' })).status).toBe(
    201,
  )
  const designer = await as(t, 'tinh.designer')
  const soLieu = await versionId(t, 'KSTT/SO-LIEU-766', '1.0')
  expect(
    (await designer.post(`/template-versions/${soLieu}/status`, { status: 'published' })).status,
  ).toBe(200)
  const tn = await publishFixture(t, (doc) => {
    const rows = (doc.sections as { rows: Record<string, unknown>[] }[])[0]!.rows
    rows[0]!.indicator = 'HS-DD'
    rows[1]!.indicator = 'HS-HT'
  })
  const a766 = await assign(soLieu, ['DT-P-CAOLANH', 'DT-P-SADEC'])
  const aTn = await assign(tn, ['DT-P-CAOLANH', 'DT-P-SADEC'])
  await reportThrough(
    t,
    await instance(a766, 'DT-P-CAOLANH'),
    'caolanh',
    figures.values,
    'accepted',
  )
  await reportThrough(t, await instance(a766, 'DT-P-SADEC'), 'sadec', figures.values, 'approved')
  await reportThrough(
    t,
    await instance(aTn, 'DT-P-CAOLANH'),
    'caolanh',
    { main: { r1: { c1: 20, c2: 15 }, r2: { c1: 4, c2: 1 } } },
    'accepted',
  )
  await reportThrough(
    t,
    await instance(aTn, 'DT-P-SADEC'),
    'sadec',
    { main: { r1: { c1: 10, c2: 10 } } },
    'accepted',
  )
}, 120_000)
afterAll(async () => t.close())

describe('indicator dashboard', { timeout: 30_000 }, () => {
  it('shows the indicator rows of each accepted report and the QĐ 766 indicators of the figures', async () => {
    const res = await dashboard('caolanh.viewer', `unitId=${units['DT-P-CAOLANH']}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.total).toBe(2)
    const byTemplate = Object.fromEntries(
      res.body.items.map((i: { template: { code: string } }) => [i.template.code, i]),
    )
    const tn = byTemplate['TN.01/DT/KSTT']
    expect(tn).toMatchObject({ period: '2026-Q3', unit: { code: 'DT-P-CAOLANH' }, revisionNo: 1 })
    expect(tn.rows).toEqual([
      {
        section: 'main',
        row: 'r1',
        indicator: 'HS-DD',
        label: 'Lĩnh vực đất đai',
        values: { c1: 20, c2: 15, c3: 75, c4: null },
      },
      {
        section: 'main',
        row: 'r2',
        indicator: 'HS-HT',
        label: 'Lĩnh vực hộ tịch',
        values: { c1: 4, c2: 1, c3: 25, c4: null },
      },
    ])
    expect(tn.indicators).toEqual([])
    const qd766 = byTemplate['KSTT/SO-LIEU-766']
    const i11 = qd766.indicators.find((i: { code: string }) => i.code === '1.1')
    // 1.1 = TTHC công bố đúng hạn / TTHC công bố = 45 / 50 in the figures.
    expect(i11).toMatchObject({
      catalog: 'bo-chi-so-766',
      value: 0.9,
      status: 'ok',
      source: 'kstthc',
    })
    expect(qd766.indicators.length).toBeGreaterThan(10)
  })

  it('pages, filters by indicator, and covers the units below on request', async () => {
    const q = `unitId=${units['DT-P-CAOLANH']}&pageSize=1`
    const p1 = (await dashboard('caolanh.viewer', q)).body
    const p2 = (await dashboard('caolanh.viewer', `${q}&page=2`)).body
    const p3 = (await dashboard('caolanh.viewer', `${q}&page=3`)).body
    expect([p1.total, p1.items.length, p2.items.length, p3.items.length]).toEqual([2, 1, 1, 0])
    expect(p1.items[0].instanceId).not.toBe(p2.items[0].instanceId)
    const only = (
      await dashboard('caolanh.viewer', `unitId=${units['DT-P-CAOLANH']}&indicator=1.1`)
    ).body
    expect(
      only.items.map((i: { rows: unknown[]; indicators: { code: string }[] }) => [
        i.rows.length,
        i.indicators.map((x) => x.code),
      ]),
    ).toEqual(
      expect.arrayContaining([
        [0, ['1.1']],
        [0, []],
      ]),
    )
    // The province sees its units' accepted reports; Sa Đéc's figures are only approved.
    const all = (await dashboard('tinh.viewer', `unitId=${units.DT}&scope=subtree`)).body
    expect(
      all.items
        .map(
          (i: { unit: { code: string }; template: { code: string } }) =>
            `${i.unit.code} ${i.template.code}`,
        )
        .sort(),
    ).toEqual([
      'DT-P-CAOLANH KSTT/SO-LIEU-766',
      'DT-P-CAOLANH TN.01/DT/KSTT',
      'DT-P-SADEC TN.01/DT/KSTT',
    ])
    const none = (
      await dashboard('tinh.viewer', `unitId=${units.DT}&scope=subtree&fromPeriod=2026-Q4`)
    ).body
    expect(none.total).toBe(0)
  })

  it('checks roles and the tenant; a report counts only when the caller may read it', async () => {
    const other = await dashboard('caolanh.viewer', `unitId=${units['DT-P-SADEC']}`)
    expect(other.status).toBe(403)
    expect(other.body.error.details).toEqual({ missingRole: 'viewer', unit: 'DT-P-SADEC' })
    expect((await dashboard('tinh.aggregator', `unitId=${units['DT-P-SADEC']}`)).status).toBe(200)
    // An entry clerk of the province asking for the whole tree sees only the province's own reports.
    const clerk = await dashboard('tinh.entry', `unitId=${units.DT}&scope=subtree`)
    expect(clerk.body.total).toBe(0)
    const foreign = await t.orm.em.fork().transactional((em) =>
      createUnit(em, {
        code: 'HN',
        name: 'Ủy ban nhân dân thành phố Hà Nội',
        tier: 'tinh',
        parentId: null,
      }),
    )
    expect((await dashboard('tinh.admin', `unitId=${foreign.id}`)).status).toBe(403)
    for (const bad of ['scope=all', 'pageSize=0', 'page=x']) {
      const res = await dashboard('tinh.viewer', `unitId=${units.DT}&${bad}`)
      expect(res.status, bad).toBe(400)
    }
    expect((await dashboard('tinh.viewer', '')).status).toBe(400)
    expect(
      (await new TestClient(t.app).get(`/dashboard/indicators?unitId=${units.DT}`)).status,
    ).toBe(401)
  })

  it('is described in the OpenAPI document with its parameters', async () => {
    const doc = (await new TestClient(t.app).get('/openapi.json')).body
    const op = doc.paths['/dashboard/indicators'].get
    expect(op.operationId).toBe('indicatorDashboard')
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual([
      'unitId',
      'scope',
      'fromPeriod',
      'toPeriod',
      'template',
      'indicator',
      'page',
      'pageSize',
    ])
    for (const path of [
      '/instances/{id}/prefill',
      '/notifications',
      '/assignments/{id}/receiving-windows',
      '/assignments/{id}/receiving-windows/{period}',
      '/plugins/{id}/connector',
    ])
      expect(Object.keys(doc.paths), path).toContain(path)
  })
})
