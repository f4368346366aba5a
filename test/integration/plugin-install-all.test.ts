import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AD_HOC_PERIOD,
  periodContaining,
  type PeriodType,
  type PluginDefinition,
  type TemplateDefinition,
} from '../../core/index.js'
import { loadPluginModule } from '../../runtime/services/engine.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { installPlugin } from '../../runtime/services/plugins.js'
import type { TestClient } from '../helpers/client.js'
import { as, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/**
 * Issue #5's acceptance on real PostgreSQL: the demo tenant's root admin installs every bundled
 * plugin from the API, twice (the second time changes nothing); every published form a plugin
 * brings is in the template library and can be assigned, so report instances open; a commune
 * reporter fills II.06a/VPCP/KSTT and the server enforces its balance identity (3) = (7) + (11)
 * (domain-vn.md §3.4) on the draft and on submit; a newer plugin version adds template versions
 * and leaves the reports made on the old ones where they were.
 */
let t: TestApp
const clock = new Date('2026-09-15T03:00:00Z') // inside the 2026-Q3 window, before the xã deadline (16/09)
const today = '2026-09-15'
let admin: TestClient

interface Form {
  code: string
  version: string
  status: string
  periodType: PeriodType
}
interface Available {
  folder: string
  id: string
  version: string
  name: string | null
  forms: Form[]
  error?: string
}

let available: Available[] = []
/** `code@version` -> template version id, for the published forms. */
const versionIds = new Map<string, number>()
/** `code@version` -> assignment id. */
const assignments = new Map<string, number>()

async function counts() {
  const [row] = await t.sql<Record<string, number>>(
    `select (select count(*)::int from template) as templates,
            (select count(*)::int from template_version) as versions,
            (select count(*)::int from plugin_install) as installs,
            (select md5(coalesce(string_agg(definition::text, '|' order by id), '')) from template_version) as content`,
  )
  return row!
}

/** A period of the form's type that has opened by the clock, so the job opens its instances. */
function periodFor(def: Pick<TemplateDefinition, 'code' | 'periodType' | 'cutoff'>): string {
  if (def.periodType === 'none') return AD_HOC_PERIOD
  const period = periodContaining(today, def.periodType, def.cutoff ?? 'nd09')
  if (period === undefined)
    throw new Error(`${def.code}: no ${def.periodType} period holds ${today}`)
  return period
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock })
  admin = await as(t, 'tinh.admin')
})
afterAll(async () => t.close())

describe('installing every bundled plugin from the API', { timeout: 120_000 }, () => {
  it('lists each bundled plugin with its id, version, name and forms', async () => {
    const res = await admin.get('/plugins')
    expect(res.status).toBe(200)
    expect(res.body.installed).toEqual([])
    available = res.body.available as Available[]
    expect(available.map((p) => p.folder)).toEqual(res.body.bundled)
    for (const id of ['kstthc', 'meetings', 'edocs', 'gazette', 'direction-review', 'digitization'])
      expect(res.body.bundled).toContain(id)
    for (const p of available) {
      expect(p.error, p.folder).toBeUndefined()
      expect(p.id).toBe(p.folder)
      expect(p.version).toMatch(/^\d+\.\d+\.\d+/)
    }
    const kstthc = available.find((p) => p.id === 'kstthc')!
    expect(kstthc.name).toMatch(/thủ tục hành chính/)
    expect(kstthc.forms).toContainEqual(
      expect.objectContaining({
        code: 'II.06a/VPCP/KSTT',
        version: '1.1',
        status: 'published',
        periodType: 'quarter',
      }),
    )
  })

  it('installs each one; the installed list then shows every plugin at its version', async () => {
    for (const p of available) {
      const res = await admin.post('/plugins', { plugin: p.folder })
      expect(res.status, `${p.folder}: ${JSON.stringify(res.body)}`).toBe(201)
      expect(res.body.pluginId).toBe(p.id)
      expect(res.body.unchanged).toEqual([])
      expect([...res.body.added].sort()).toEqual(
        p.forms.map((f) => `${f.code}@${f.version}`).sort(),
      )
    }
    const listed = await admin.get('/plugins')
    expect(
      listed.body.installed.map((i: { pluginId: string; version: string }) => [
        i.pluginId,
        i.version,
      ]),
    ).toEqual(available.map((p) => [p.id, p.version]))
    expect(listed.body.engine.map((e: { id: string }) => e.id).sort()).toEqual(
      available.map((p) => p.id).sort(),
    )
  })

  it('installing each a second time changes nothing', async () => {
    const before = await counts()
    for (const p of available) {
      const res = await admin.post('/plugins', { plugin: p.folder })
      expect(res.status, `${p.folder}: ${JSON.stringify(res.body)}`).toBe(201)
      expect(res.body.added).toEqual([])
      expect([...res.body.unchanged].sort()).toEqual(
        p.forms.map((f) => `${f.code}@${f.version}`).sort(),
      )
    }
    expect(await counts()).toEqual(before)
  })

  it("every plugin's published forms are in the template library", async () => {
    const published = available.flatMap((p) => p.forms.filter((f) => f.status === 'published'))
    expect(published.length).toBeGreaterThan(5)
    for (const f of published) {
      const lib = await admin.get(`/templates?q=${encodeURIComponent(f.code)}&pageSize=100`)
      expect(lib.status).toBe(200)
      const item = lib.body.items.find((i: { code: string }) => i.code === f.code)
      expect(item, f.code).toBeDefined()
      const v = item.versions.find((x: { version: string }) => x.version === f.version)
      expect(v, `${f.code}@${f.version}`).toMatchObject({ status: 'published' })
      versionIds.set(`${f.code}@${f.version}`, v.id as number)
    }
  })

  it('each published form can be assigned to a commune, and its report instance opens', async () => {
    const units = await unitIds(t)
    const aggregator = await as(t, 'tinh.aggregator')
    for (const f of available.flatMap((p) => p.forms.filter((x) => x.status === 'published'))) {
      const key = `${f.code}@${f.version}`
      const version = await admin.get(`/template-versions/${versionIds.get(key)}`)
      const period = periodFor(version.body.definition as TemplateDefinition)
      const res = await aggregator.post('/assignments', {
        templateVersionId: versionIds.get(key),
        unitId: units.DT,
        targetUnitIds: [units['DT-P-CAOLANH']],
        schedule: { fromPeriod: period, toPeriod: period },
      })
      expect(res.status, `${key} ${period}: ${JSON.stringify(res.body)}`).toBe(201)
      assignments.set(key, res.body.id as number)
    }
    await runDueJobs(t.orm, jobHandlers, clock)
    const entry = await as(t, 'caolanh.entry')
    const inbox = await entry.get('/instances')
    for (const [key, id] of assignments) {
      const mine = inbox.body.instances.filter(
        (i: { assignmentId: number }) => i.assignmentId === id,
      )
      expect(mine, key).toHaveLength(1)
      expect(`${mine[0].templateCode}@${mine[0].templateVersion}`).toBe(key)
      expect(mine[0].status).toBe('draft')
      const opened = await entry.get(`/instances/${mine[0].id}`)
      expect(opened.status, key).toBe(200)
    }
  })
})

describe('a reporter fills II.06a/VPCP/KSTT', { timeout: 60_000 }, () => {
  let entry: TestClient
  let instance: number

  /** A commune's row of the form: (4)-(6) received, (8)-(10) resolved, (12)-(13) pending. */
  const row = (pending: number) => ({
    main: {
      xa_lv: { c2: 'Hộ tịch', c4: 8, c5: 50, c6: 2, c8: 20, c9: 35, c10: 0, c12: pending, c13: 0 },
    },
  })

  beforeAll(async () => {
    entry = await as(t, 'caolanh.entry')
    const id = assignments.get('II.06a/VPCP/KSTT@1.1')!
    const [r] = await t.sql<{ id: number }>(
      'select id from report_instance where assignment_id = ?',
      [id],
    )
    instance = r!.id
  })

  async function save(values: ReturnType<typeof row>) {
    const cur = await entry.get(`/instances/${instance}`)
    const res = await entry.put(`/instances/${instance}/draft`, {
      version: cur.body.revision.version,
      values,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as {
      diagnostics: {
        ruleId: string
        severity: string
        message: string
        place: Record<string, string>
      }[]
    }
  }

  it('a draft that breaks (3) = (7) + (11) is kept, with a diagnostic naming the rule, the row and the values', async () => {
    // (3) = 8 + 50 + 2 = 60, but (7) + (11) = 55 + 3 = 58
    const saved = await save(row(3))
    const failure = saved.diagnostics.find(
      (d) => d.ruleId === 'template/can_doi' && d.place.row === 'xa_lv',
    )
    expect(failure, JSON.stringify(saved.diagnostics)).toBeDefined()
    expect(failure!.severity).toBe('error')
    expect(failure!.place).toMatchObject({ section: 'main', row: 'xa_lv', col: 'c3' })
    expect(failure!.message).toMatch(/\b60\b/)
    expect(failure!.message).toMatch(/\b58\b/)
    const stored = await entry.get(`/instances/${instance}`)
    expect(stored.body.revision.document.values.main.xa_lv.c12).toBe(3)
  })

  it('submitting it is refused with 422 naming the rule and the row', async () => {
    const res = await entry.post(`/instances/${instance}/submit`)
    expect(res.status, JSON.stringify(res.body)).toBe(422)
    const diags = res.body.error.details.diagnostics as { ruleId: string; place: { row: string } }[]
    expect(diags).toContainEqual(
      expect.objectContaining({
        ruleId: 'template/can_doi',
        place: expect.objectContaining({ row: 'xa_lv' }),
      }),
    )
    const still = await entry.get(`/instances/${instance}`)
    expect(still.body.status).toBe('draft')
  })

  it('after fixing the figures the diagnostic is gone and submit succeeds', async () => {
    const saved = await save(row(5)) // (7) + (11) = 55 + 5 = 60
    expect(saved.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const res = await entry.post(`/instances/${instance}/submit`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.status).toBe('submitted')
  })

  it('a newer plugin version adds template versions and leaves the submitted report on its version', async () => {
    const current = await loadPluginModule('./plugins/kstthc', t.ctx.rootDir)
    const templates = current.templates ?? []
    const v11 = templates.find((d) => d.code === 'II.06a/VPCP/KSTT' && d.version === '1.1')!
    const v12: TemplateDefinition = {
      ...structuredClone(v11),
      version: '1.2',
      effectiveFrom: '2026-10-01',
    }
    const newer: PluginDefinition = { ...current, version: '1.1.0', templates: [...templates, v12] }
    const before = await counts()
    const root = (await unitIds(t)).DT!
    const { result, engine } = await t.orm.em.fork().transactional((em) =>
      installPlugin(em, t.ctx.engine.get(), newer, {
        tenantId: root,
        ownerUnitId: root,
        source: './plugins/kstthc',
        actorId: null,
        now: clock,
      }),
    )
    t.ctx.engine.set(engine)
    expect(result.added).toEqual(['II.06a/VPCP/KSTT@1.2'])
    expect(result.unchanged).toHaveLength(templates.length)
    const after = await counts()
    expect(after.versions).toBe(before.versions! + 1)
    expect(after.templates).toBe(before.templates)
    const lib = await admin.get(`/templates?q=${encodeURIComponent('II.06a/VPCP/KSTT')}`)
    expect(lib.body.items[0].versions.map((v: { version: string }) => v.version).sort()).toEqual([
      '1.0',
      '1.1',
      '1.2',
    ])
    const listed = await admin.get('/plugins')
    expect(
      listed.body.installed.find((p: { pluginId: string }) => p.pluginId === 'kstthc').version,
    ).toBe('1.1.0')
    const old = await entry.get(`/instances/${instance}`)
    expect(old.status).toBe(200)
    expect(old.body.template).toEqual({
      versionId: versionIds.get('II.06a/VPCP/KSTT@1.1'),
      code: 'II.06a/VPCP/KSTT',
      version: '1.1',
    })
    expect(old.body.status).toBe('submitted')
    expect(old.body.revision.document.template).toEqual({
      code: 'II.06a/VPCP/KSTT',
      version: '1.1',
    })
    expect(
      old.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error'),
    ).toEqual([])
    // The new version is assigned like any other, and its reports open on 1.2.
    const v12Id = lib.body.items[0].versions.find(
      (v: { version: string }) => v.version === '1.2',
    ).id
    const units = await unitIds(t)
    const made = await (
      await as(t, 'tinh.aggregator')
    ).post('/assignments', {
      templateVersionId: v12Id,
      unitId: units.DT,
      targetUnitIds: [units['DT-P-SADEC']],
      schedule: { fromPeriod: '2026-Q4', toPeriod: '2026-Q4' },
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    await runDueJobs(t.orm, jobHandlers, clock)
    const [opened] = await t.sql<{ id: number }>(
      'select id from report_instance where assignment_id = ?',
      [made.body.id],
    )
    const fresh = await (await as(t, 'sadec.entry')).get(`/instances/${opened!.id}`)
    expect(fresh.body.template).toMatchObject({ code: 'II.06a/VPCP/KSTT', version: '1.2' })
  })
})
