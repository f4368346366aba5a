import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, definePlugin, type PluginHooks } from '../../core/index.js'
import { openInstances } from '../../runtime/services/assignments.js'
import { createJobHandlers } from '../../runtime/services/job-handlers.js'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { as, fixtureTemplate, publishFixture, reportThrough, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * The plugin hooks the runtime calls: resolveTemplateVersion when instances open,
 * beforeTransition before every workflow step (a veto is a 409 with the plugin's reason), and
 * aggregate as a reducer over the consolidated values.
 */
let t: TestApp
const clock = new Date('2026-09-15T03:00:00Z') // Q3's receiving window is open, Q4's cut-off window has started
let assignmentId: number

const CODE = 'TN.01/DT/KSTT'
const hooks: PluginHooks = {
  // From Q4 2026 the reports of TN.01 use version 1.1.
  resolveTemplateVersion: (ctx) =>
    ctx.code === CODE && ctx.period === '2026-Q4' ? '1.1' : undefined,
  beforeTransition: (ctx) => {
    const note = ctx.submission?.values['main']?.['r2']?.['c4']
    if (ctx.action === 'submit' && note === 'CHẶN')
      return { veto: 'Ghi chú "CHẶN" còn trên biểu: gỡ trước khi trình' }
    // Saves are asked too, with the document as it would be saved.
    if (ctx.action === 'save' && note === 'KHÓA') return { veto: 'Không ghi "KHÓA" vào biểu' }
    return undefined
  },
  aggregate: (consolidated, ctx) => ({
    ...consolidated,
    values: {
      ...consolidated.values,
      main: {
        ...consolidated.values['main'],
        r2: {
          ...consolidated.values['main']?.['r2'],
          c4: `Tổng hợp ${ctx.submissions.length} báo cáo của ${ctx.unit ?? '?'}`,
        },
      },
    },
  }),
}
const plugin = (h: PluginHooks) =>
  definePlugin({ id: 'thu-nghiem-hook', version: '1.0.0', coreApi: '^0.1.0', hooks: h })
const useHooks = (h: PluginHooks) => t.ctx.engine.set(createEngine({ plugins: [plugin(h)] }))

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  useHooks(hooks)
  const v10 = await publishFixture(t)
  const designer = await as(t, 'tinh.designer')
  const [tpl] = await t.sql<{ id: number }>('select id from template where code = ?', [CODE])
  const v11 = await designer.post(`/templates/${tpl!.id}/versions`, {
    definition: { ...fixtureTemplate(), version: '1.1', name: 'BIỂU THỬ NGHIỆM (SỬA ĐỔI 2026)' },
  })
  expect(v11.status, JSON.stringify(v11.body)).toBe(201)
  for (const status of ['testing', 'published'])
    await designer.post(`/template-versions/${v11.body.id}/status`, { status })
  const units = await unitIds(t)
  const res = await (
    await as(t, 'tinh.aggregator')
  ).post('/assignments', {
    templateVersionId: v10,
    unitId: units.DT,
    targetUnitIds: [units['DT-P-CAOLANH'], units['DT-P-SADEC']],
    schedule: { fromPeriod: '2026-Q3', toPeriod: '2026-Q4' },
  })
  expect(res.status).toBe(201)
  assignmentId = res.body.id
  const handlers = createJobHandlers({
    engine: () => t.ctx.engine.get(),
    receivingDaysAfterDeadline: 15,
  })
  await runDueJobs(t.orm, handlers, clock)
}, 60_000)
afterAll(async () => t.close())

async function instance(unit: string, period: string): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    `select i.id from report_instance i join org_unit u on u.id = i.unit_id
      where i.assignment_id = ? and u.code = ? and i.period = ?`,
    [assignmentId, unit, period],
  )
  return row!.id
}

describe('plugin hooks in the runtime', { timeout: 30_000 }, () => {
  it('resolveTemplateVersion picks the version each period’s reports use', async () => {
    const entry = await as(t, 'caolanh.entry')
    const q3 = (await entry.get(`/instances/${await instance('DT-P-CAOLANH', '2026-Q3')}`)).body
    const q4 = (await entry.get(`/instances/${await instance('DT-P-CAOLANH', '2026-Q4')}`)).body
    expect([q3.template.version, q3.revision.document.template.version]).toEqual(['1.0', '1.0'])
    expect([q4.template.version, q4.revision.document.template.version]).toEqual(['1.1', '1.1'])
    const listed = await entry.get(`/instances?assignmentId=${assignmentId}`)
    expect(
      listed.body.instances
        .filter((i: { unitCode: string }) => i.unitCode === 'DT-P-CAOLANH')
        .map((i: { period: string; templateVersion: string }) => [i.period, i.templateVersion]),
    ).toEqual([
      ['2026-Q4', '1.1'],
      ['2026-Q3', '1.0'],
    ])
  })

  it('a version the hook names that is not published stops the opening, naming the plugin', async () => {
    useHooks({ ...hooks, resolveTemplateVersion: () => '9.9' })
    try {
      await t.sql(
        'delete from report_revision where instance_id in (select id from report_instance where period = ?)',
        ['2026-Q4'],
      )
      await t.sql('delete from report_instance where period = ?', ['2026-Q4'])
      await expect(
        t.orm.em
          .fork()
          .transactional((em) =>
            openInstances(em, assignmentId, clock, { engine: t.ctx.engine.get() }),
          ),
      ).rejects.toThrow(
        'hook resolveTemplateVersion of plugin thu-nghiem-hook chose version 9.9 of TN.01/DT/KSTT for DT-P-CAOLANH, 2026-Q3, which is not published here (published: 1.0, 1.1)',
      )
    } finally {
      useHooks(hooks)
    }
  })

  it('beforeTransition vetoes with the plugin’s reason; nothing moves', async () => {
    const id = await instance('DT-P-CAOLANH', '2026-Q3')
    const entry = await as(t, 'caolanh.entry')
    const cur = await entry.get(`/instances/${id}`)
    await entry.put(`/instances/${id}/draft`, {
      version: cur.body.revision.version,
      values: { main: { r1: { c1: 10, c2: 5 }, r2: { c1: 2, c2: 1, c4: 'CHẶN' } } },
    })
    const locked = await entry.put(`/instances/${id}/draft`, {
      version: cur.body.revision.version + 1,
      values: { main: { r2: { c4: 'KHÓA' } } },
    })
    expect(locked.status).toBe(409)
    expect(locked.body.error.message).toBe(
      `Plugin thu-nghiem-hook refused 'save': Không ghi "KHÓA" vào biểu`,
    )
    expect((await entry.get(`/instances/${id}`)).body.revision.document.values.main.r2.c4).toBe(
      'CHẶN',
    )
    const vetoed = await entry.post(`/instances/${id}/submit`)
    expect(vetoed.status).toBe(409)
    expect(vetoed.body.error).toEqual({
      code: 'vetoed',
      message: `Plugin thu-nghiem-hook refused 'submit': Ghi chú "CHẶN" còn trên biểu: gỡ trước khi trình`,
      details: {
        plugin: 'thu-nghiem-hook',
        reason: 'Ghi chú "CHẶN" còn trên biểu: gỡ trước khi trình',
        action: 'submit',
      },
    })
    const [state] = await t.sql('select status from report_instance where id = ?', [id])
    expect(state).toEqual({ status: 'draft' })
    expect(await t.sql('select 1 from workflow_event where instance_id = ?', [id])).toHaveLength(0)
    // A hook that breaks is a server error naming the plugin, not a silent pass.
    useHooks({
      ...hooks,
      beforeTransition: () => {
        throw new Error('hỏng')
      },
    })
    try {
      const broken = await entry.post(`/instances/${id}/submit`)
      expect(broken.status).toBe(500)
      expect(broken.body.error).toMatchObject({
        code: 'plugin_failed',
        message: 'hook beforeTransition of plugin thu-nghiem-hook failed: hỏng',
      })
    } finally {
      useHooks(hooks)
    }
    await reportThrough(t, id, 'caolanh', { main: { r2: { c4: null } } }, 'accepted')
    const [after] = await t.sql('select status from report_instance where id = ?', [id])
    expect(after).toEqual({ status: 'accepted' })
  })

  it('aggregate hooks reduce over the consolidated values before formulas are recomputed', async () => {
    await reportThrough(
      t,
      await instance('DT-P-SADEC', '2026-Q3'),
      'sadec',
      { main: { r1: { c1: 30, c2: 15 }, r2: { c1: 6, c2: 3 } } },
      'accepted',
    )
    const res = await (
      await as(t, 'tinh.aggregator')
    ).get(`/assignments/${assignmentId}/aggregate?period=2026-Q3`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.values.main.r2.c4).toBe('Tổng hợp 2 báo cáo của DT')
    expect(res.body.cells['main!r2.c4']).toBe('Tổng hợp 2 báo cáo của DT')
    expect(res.body.cells['main!r1.c1']).toBe(40)
    expect(res.body.cells['main!r1.c3']).toBe(50) // 20 / 40, recomputed after the hook
    useHooks({
      ...hooks,
      aggregate: () => {
        throw new Error('thiếu dữ liệu')
      },
    })
    try {
      const broken = await (
        await as(t, 'tinh.aggregator')
      ).get(`/assignments/${assignmentId}/aggregate?period=2026-Q3`)
      expect(broken.status).toBe(500)
      expect(broken.body.error.message).toBe(
        'hook aggregate of plugin thu-nghiem-hook failed: thiếu dữ liệu',
      )
    } finally {
      useHooks(hooks)
    }
  })
})
