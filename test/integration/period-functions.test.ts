import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createWorkbook,
  diagnosticKey,
  externalValuesFromData,
  loadTemplate,
  type Diagnostic,
  type ExternalReportsData,
} from '../../core/index.js'
import { openAllDue } from '../../runtime/services/assignments.js'
import {
  as,
  fixtureTemplate,
  instanceOf,
  publishFixture,
  reportThrough,
  unitIds,
} from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { unitWithUsers } from './support/units.js'

/**
 * Period and cross-report functions evaluated on the server from stored accepted revisions:
 * "so với cùng kỳ (%)" (SAME_PERIOD_LAST_YEAR), PREV_PERIOD, YEAR_TO_DATE, a cross-template
 * reference and CHILD_VALUE. Time moves from Q3 2025 to Q3 2026; each quarter is sent in its
 * receiving window.
 */
let t: TestApp
let clock = new Date('2025-09-14T03:00:00Z')
let assignmentId: number
const KP1 = 'DT-P-CAOLANH-KP1'

/** The integration template plus "so với cùng kỳ", "kỳ trước", "lũy kế" columns and indicator codes. */
function withPeriodColumns(doc: Record<string, unknown>): void {
  const main = (doc.sections as Record<string, unknown>[])[0]!
  ;(main.columns as unknown[]).push(
    {
      id: 'c5',
      header: ['So với cùng kỳ (%)'],
      type: 'number',
      decimals: 2,
      aggregate: 'none',
      formula: '=IF(SAME_PERIOD_LAST_YEAR(@.c1)=0,0,@.c1/SAME_PERIOD_LAST_YEAR(@.c1)*100)',
    },
    { id: 'c6', header: ['Kỳ trước'], type: 'integer', formula: '=PREV_PERIOD(@.c1)' },
    { id: 'c7', header: ['Lũy kế từ đầu năm'], type: 'integer', formula: '=YEAR_TO_DATE(@.c1)' },
  )
  const rows = main.rows as Record<string, unknown>[]
  rows[0]!.indicator = 'HS-TIEP-NHAN-DD'
  rows[1]!.indicator = 'HS-TIEP-NHAN-HT'
  ;(doc.constraints as unknown[]).push({
    id: 'cung_ky_r1',
    kind: 'compare',
    severity: 'warning',
    left: 'r1.c5',
    operator: '<=',
    right: '120',
    message: 'Số hồ sơ tiếp nhận bằng {left}% cùng kỳ năm trước (vượt 120%): kiểm tra lại',
  })
}

async function tick(at: string): Promise<void> {
  clock = new Date(at)
  await t.orm.em.fork().transactional((em) => openAllDue(em, clock))
}

async function instance(unit: string, period: string): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    `select i.id from report_instance i join org_unit u on u.id = i.unit_id
      where i.assignment_id = ? and u.code = ? and i.period = ?`,
    [assignmentId, unit, period],
  )
  if (row === undefined) throw new Error(`no instance of ${unit} for ${period}`)
  return row.id
}

async function rowValues(unit: string, template: string, period: string) {
  const units = await unitIds(t)
  const res = await (
    await as(t, 'tinh.viewer')
  ).get(
    `/dashboard/indicators?unitId=${units[unit]}&template=${encodeURIComponent(template)}&fromPeriod=${period}&toPeriod=${period}`,
  )
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  expect(res.body.items).toHaveLength(1)
  return Object.fromEntries(
    res.body.items[0].rows.map((r: { row: string; values: unknown }) => [r.row, r.values]),
  )
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  await unitWithUsers(
    t,
    {
      code: KP1,
      name: 'Khu phố 1, phường Cao Lãnh',
      tier: 'xa',
      parent: 'DT-P-CAOLANH',
      login: 'kp1',
    },
    ['entry', 'approver', 'sender'],
  )
  const units = await unitIds(t)
  const versionId = await publishFixture(t, withPeriodColumns)
  const res = await (
    await as(t, 'tinh.aggregator')
  ).post('/assignments', {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: [units['DT-P-CAOLANH'], units[KP1]],
    schedule: { fromPeriod: '2025-Q3', toPeriod: '2026-Q3' },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  assignmentId = res.body.id
  await runDueJobs(t.orm, jobHandlers, clock)
  // Q3 2025, Q1 and Q2 2026 accepted, each in its own receiving window.
  await reportThrough(
    t,
    await instance('DT-P-CAOLANH', '2025-Q3'),
    'caolanh',
    { main: { r1: { c1: 40, c2: 10 } } },
    'accepted',
  )
  await tick('2026-03-14T03:00:00Z')
  await reportThrough(
    t,
    await instance('DT-P-CAOLANH', '2026-Q1'),
    'caolanh',
    { main: { r1: { c1: 10, c2: 5 } } },
    'accepted',
  )
  await tick('2026-06-14T03:00:00Z')
  await reportThrough(
    t,
    await instance('DT-P-CAOLANH', '2026-Q2'),
    'caolanh',
    { main: { r1: { c1: 20, c2: 5 } } },
    'accepted',
  )
  await tick('2026-09-14T03:00:00Z')
  await reportThrough(
    t,
    await instance(KP1, '2026-Q3'),
    'kp1',
    { main: { r1: { c1: 7, c2: 7 } } },
    'accepted',
  )
}, 120_000)
afterAll(async () => t.close())

describe('period functions on the server', { timeout: 60_000 }, () => {
  it('validates a draft with "so với cùng kỳ" computed from last year’s accepted report', async () => {
    const id = await instance('DT-P-CAOLANH', '2026-Q3')
    const entry = await as(t, 'caolanh.entry')
    const cur = await entry.get(`/instances/${id}`)
    const saved = await entry.put(`/instances/${id}/draft`, {
      version: cur.body.revision.version,
      values: { main: { r1: { c1: 50, c2: 10 } } },
    })
    expect(saved.status).toBe(200)
    const warning = saved.body.diagnostics.find(
      (d: { ruleId: string }) => d.ruleId === 'template/cung_ky_r1',
    )
    // 50 this quarter against 40 in Q3 2025.
    expect(warning?.values).toEqual({ left: 125, right: 120 })
    expect(warning?.message).toContain('125')
    // The same evaluation backs GET and submit: the warning needs an explanation.
    const shown = await entry.get(`/instances/${id}`)
    expect(shown.body.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain(
      'template/cung_ky_r1',
    )
  })

  it('gives the browser the values to compute the same figures and diagnostics', async () => {
    const id = await instance('DT-P-CAOLANH', '2026-Q3')
    const entry = await as(t, 'caolanh.entry')
    const res = await entry.get(`/instances/${id}/external-values`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const data = res.body as ExternalReportsData
    expect(data).toMatchObject({
      template: 'TN.01/DT/KSTT',
      unit: 'DT-P-CAOLANH',
      period: '2026-Q3',
    })
    // Last year's Q3 and this year's Q1 and Q2; only the cells the formulas read (column c1).
    expect(Object.keys(data.reports).sort()).toEqual([
      'DT-P-CAOLANH|TN.01/DT/KSTT|2025-Q3',
      'DT-P-CAOLANH|TN.01/DT/KSTT|2026-Q1',
      'DT-P-CAOLANH|TN.01/DT/KSTT|2026-Q2',
    ])
    const cells = Object.values(data.reports).flatMap((r) => Object.keys(r.cells))
    expect(cells.length).toBeGreaterThan(0)
    expect(cells.every((k) => k.endsWith('.c1'))).toBe(true)
    expect(data.reports['DT-P-CAOLANH|TN.01/DT/KSTT|2026-Q2']!.cells['main!r1.c1']).toBe(20)

    // What the reporter's page does: core's workbook over the template and these values.
    const shown = await entry.get(`/instances/${id}`)
    const version = await entry.get(`/template-versions/${shown.body.template.versionId}`)
    const loaded = loadTemplate(version.body.definition)
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    const book = createWorkbook(loaded.template, {
      values: shown.body.revision.document.values,
      external: externalValuesFromData(data),
    })
    expect(book.get('main!r1.c5')).toBe(125) // 50 / 40
    expect(book.get('main!r1.c6')).toBe(20)
    expect(book.get('main!r1.c7')).toBe(80) // 10 + 20 + 50
    const keys = (ds: Diagnostic[]) => ds.map(diagnosticKey).sort()
    expect(keys(book.diagnostics())).toEqual(keys(shown.body.diagnostics))
    expect(keys(book.diagnostics())).toContain(
      keys(shown.body.diagnostics).find((k) => k.includes('cung_ky_r1')),
    )
    // An edit in the browser: YEAR_TO_DATE follows the typed value, as the server's save does.
    book.set('main!r1.c1', 30)
    const saved = await entry.put(`/instances/${id}/draft`, {
      version: shown.body.revision.version,
      values: book.inputValues(),
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(book.get('main!r1.c7')).toBe(60)
    expect(keys(book.diagnostics())).toEqual(keys(saved.body.diagnostics))
  })

  it('refuses the external values of a report to a user of another unit', async () => {
    const id = await instance('DT-P-CAOLANH', '2026-Q3')
    const res = await (await as(t, 'sadec.entry')).get(`/instances/${id}/external-values`)
    expect(res.status).toBe(403)
    expect(res.body.error.message).toContain('DT-P-CAOLANH')
  })

  it('evaluates PREV_PERIOD, YEAR_TO_DATE and SAME_PERIOD_LAST_YEAR of an accepted report', async () => {
    const id = await instance('DT-P-CAOLANH', '2026-Q3')
    await reportThrough(t, id, 'caolanh', { main: { r1: { c1: 48 } } }, 'accepted')
    expect((await rowValues('DT-P-CAOLANH', 'TN.01/DT/KSTT', '2026-Q3')).r1).toMatchObject({
      c1: 48,
      c5: 120, // 48 / 40
      c6: 20, // Q2 2026
      c7: 78, // 10 + 20 + 48
    })
    // The first quarter has nothing before it: empty, as an empty cell.
    expect((await rowValues('DT-P-CAOLANH', 'TN.01/DT/KSTT', '2025-Q3')).r1).toMatchObject({
      c1: 40,
      c5: 0,
      c6: null,
      c7: 40,
    })
  })

  it('reads another template of the same unit and a sub-unit’s report (CHILD_VALUE)', async () => {
    const units = await unitIds(t)
    const designer = await as(t, 'tinh.designer')
    const doc = fixtureTemplate()
    const main = (doc.sections as Record<string, unknown>[])[0]!
    doc.code = 'TN.03/DT'
    doc.constraints = []
    main.columns = [
      { id: 'k0', header: ['Ghi chú'], type: 'text', aggregate: 'none' },
      { id: 'k1', header: ['Của đơn vị'], type: 'integer', formula: "='TN.01/DT/KSTT'!main!@.c1" },
      {
        id: 'k2',
        header: ['Của khu phố 1'],
        type: 'integer',
        formula: `=CHILD_VALUE("${KP1}", 'TN.01/DT/KSTT'!main!@.c1)`,
      },
      {
        id: 'k3',
        header: ['Của phường Sa Đéc'],
        type: 'integer',
        formula: `=CHILD_VALUE("DT-P-SADEC", 'TN.01/DT/KSTT'!main!@.c1)`,
      },
    ]
    main.rows = [{ id: 'r1', code: '1', label: 'Lĩnh vực đất đai', indicator: 'HS-TIEP-NHAN-DD' }]
    const created = await designer.post('/templates', { definition: doc })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    for (const status of ['testing', 'published'])
      await designer.post(`/template-versions/${created.body.id}/status`, { status })
    const res = await (
      await as(t, 'tinh.aggregator')
    ).post('/assignments', {
      templateVersionId: created.body.id,
      unitId: units.DT,
      targetUnitIds: [units['DT-P-CAOLANH']],
      schedule: { fromPeriod: '2026-Q3', toPeriod: '2026-Q3' },
    })
    await runDueJobs(t.orm, jobHandlers, clock)
    const id = await instanceOf(t, res.body.id, 'DT-P-CAOLANH')
    await reportThrough(t, id, 'caolanh', { main: { r1: { k0: 'Đối chiếu' } } }, 'accepted')
    const r1 = (await rowValues('DT-P-CAOLANH', 'TN.03/DT', '2026-Q3')).r1
    expect(r1).toMatchObject({ k1: 48, k2: 7 })
    // Sa Đéc is not below Cao Lãnh.
    expect(r1.k3).toMatchObject({ error: '#REF!' })
    expect(r1.k3.detail).toContain('is not below DT-P-CAOLANH')
    // The browser gets the sub-unit's cell the formula reads, and nothing else of its report.
    const ext = await (await as(t, 'caolanh.entry')).get(`/instances/${id}/external-values`)
    expect(ext.status).toBe(200)
    expect(ext.body.children).toContain(KP1)
    expect(ext.body.reports[`${KP1}|TN.01/DT/KSTT|2026-Q3`].cells).toEqual({ 'main!r1.c1': 7 })
    expect(ext.body.reports['DT-P-CAOLANH|TN.01/DT/KSTT|2026-Q3'].cells).toEqual({
      'main!r1.c1': 48,
    })
  })
})
