import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, fixtureTemplate } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'

/** Installing a regime plugin: its templates become versions idempotently, its functions join the engine. */
let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
})
afterAll(async () => t.close())

/** The fixture template with a ratio computed by the example plugin's TY_LE function. */
function usesTyLe() {
  const doc = fixtureTemplate()
  const columns = (doc.sections as Record<string, unknown>[])[0]!.columns as Record<
    string,
    unknown
  >[]
  columns[2]!.formula = '=TY_LE(@.c2, @.c1)*100'
  return { ...doc, code: 'TN.02/DT' }
}

describe('plugins', { timeout: 30_000 }, () => {
  it('a template calling a function no installed plugin provides is refused', async () => {
    const res = await (await as(t, 'tinh.designer')).post('/templates', { definition: usesTyLe() })
    expect(res.status).toBe(422)
    expect(JSON.stringify(res.body.error.details.diagnostics)).toMatch(/TY_LE/)
  })

  it('an admin of the root unit installs a bundled plugin; its template arrives as a version', async () => {
    const admin = await as(t, 'tinh.admin')
    const res = await admin.post('/plugins', { plugin: 'example-small' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      pluginId: 'example-small',
      added: ['VD-DON-THU@1.0'],
      unchanged: [],
    })
    const listed = await admin.get('/plugins')
    expect(listed.body.installed.map((p: { pluginId: string }) => p.pluginId)).toEqual([
      'example-small',
    ])
    expect(listed.body.bundled).toContain('kstthc')
    const lib = await admin.get('/templates?q=VD-DON')
    expect(lib.body.items[0].versions).toEqual([
      {
        id: expect.any(Number),
        version: '1.0',
        status: 'testing',
        name: 'Tình hình tiếp nhận, giải quyết đơn thư (ví dụ)',
        periodType: 'month',
        regimeKind: 'dinh-ky',
      },
    ])
  })

  it('re-installing is idempotent', async () => {
    const before = await t.sql('select count(*)::int as n from template_version')
    const res = await (await as(t, 'tinh.admin')).post('/plugins', { plugin: 'example-small' })
    expect(res.body).toMatchObject({ added: [], unchanged: ['VD-DON-THU@1.0'] })
    expect(await t.sql('select count(*)::int as n from template_version')).toEqual(before)
  })

  it("after the install, the plugin's formula function is available to templates", async () => {
    const res = await (await as(t, 'tinh.designer')).post('/templates', { definition: usesTyLe() })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })

  it('only an admin of the root unit installs; unknown plugins are a 400', async () => {
    const commune = await as(t, 'caolanh.admin')
    const denied = await commune.post('/plugins', { plugin: 'example-small' })
    expect(denied.status).toBe(403)
    expect(denied.body.error.details.missingRole).toBe('admin')
    const unknown = await (await as(t, 'tinh.admin')).post('/plugins', { plugin: '../../etc' })
    expect(unknown.status).toBe(400)
  })
})
