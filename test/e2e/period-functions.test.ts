/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { DEMO_PASSWORD } from '../../runtime/seed/demo-data.js'
import { openAllDue } from '../../runtime/services/assignments.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { as, publishFixture, reportThrough, unitIds } from '../helpers/flow.js'
import { startTestApp, type TestApp } from '../helpers/test-app.js'
import { ensureDesignerBuilt } from './helpers/build.js'
import { openBrowser, screenshot, type Session } from './helpers/browser.js'
import { sheetCell, typeInto } from './helpers/sandbox.js'

/**
 * Period functions in the reporter's page: a report with a "kỳ trước" (PREV_PERIOD) and a
 * "lũy kế" (YEAR_TO_DATE) column shows the accepted previous quarter's figures, not #N/A, the
 * year-to-date follows what is typed, and the live diagnostics are the ones the server enforces.
 */
let t: TestApp
let server: ServerType
let base: string
let s: Session
let instanceId: number

const start = new Date('2026-06-14T03:00:00Z')
let clock = start
const DAY = 24 * 3600 * 1000
const sessionTtlMs = Math.max(8 * 3600 * 1000, Date.now() - start.getTime() + DAY)
const REPORT = 'rb-report-page'

beforeAll(async () => {
  await ensureDesignerBuilt()
  t = await startTestApp({ now: () => clock, sessionTtlMs })
  const versionId = await publishFixture(t, (doc) => {
    const main = (doc.sections as Record<string, unknown>[])[0]!
    ;(main.columns as unknown[]).push(
      { id: 'c5', header: ['Kỳ trước'], type: 'integer', formula: '=PREV_PERIOD(@.c1)' },
      { id: 'c6', header: ['Lũy kế từ đầu năm'], type: 'integer', formula: '=YEAR_TO_DATE(@.c1)' },
    )
    ;(doc.constraints as unknown[]).push({
      id: 'luy_ke_r1',
      kind: 'compare',
      severity: 'warning',
      left: 'r1.c6',
      operator: '<=',
      right: '100',
      message: 'Lũy kế từ đầu năm ({left}) vượt 100 hồ sơ: kiểm tra lại',
    })
  })
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
  await runDueJobs(t.orm, jobHandlers, clock)
  const [q2] = await t.sql<{ id: number }>(
    `select id from report_instance where assignment_id = ? and period = '2026-Q2'`,
    [res.body.id],
  )
  // The second quarter is accepted in its receiving window; then the third opens.
  await reportThrough(t, q2!.id, 'caolanh', { main: { r1: { c1: 20, c2: 10 } } }, 'accepted')
  clock = new Date('2026-09-15T03:00:00Z')
  await t.orm.em.fork().transactional((em) => openAllDue(em, clock))
  const [q3] = await t.sql<{ id: number }>(
    `select id from report_instance where assignment_id = ? and period = '2026-Q3'`,
    [res.body.id],
  )
  instanceId = q3!.id
  server = await new Promise<ServerType>((resolve) => {
    const srv = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(srv))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  s = await openBrowser()
}, 900_000)

afterAll(async () => {
  await s?.close()
  if (server !== undefined) await new Promise((r) => server.close(r))
  await t?.close()
})

/** The diagnostics as rule and message, order aside. */
function byRule(ds: readonly { ruleId: string; message: string }[]): string[] {
  return ds.map((d) => `${d.ruleId} ${d.message}`).sort()
}

describe('period functions in the reporter’s page', { timeout: 120_000 }, () => {
  it('shows the previous quarter’s values and the server’s diagnostics', async () => {
    onTestFailed(async () => {
      console.error(
        `screenshot: ${await screenshot(s.page, 'period-functions')}\nbrowser errors: ${s.errors.join('\n')}`,
      )
    })
    const page = s.page
    await page.goto(`${base}/#/inbox`)
    await page.locator('rb-login-page input[name="username"]').fill('caolanh.entry')
    await page.locator('rb-login-page input[name="password"]').fill(DEMO_PASSWORD)
    await page.locator('rb-login-page button[type="submit"]').click()
    await page.locator('rb-app button.logout').waitFor()
    await page.goto(`${base}/#/report/${instanceId}`)
    const prev = sheetCell(page, 'main!r1.c5', REPORT)
    await prev.waitFor()
    await expect.poll(() => prev.innerText()).toBe('20')
    // Nothing typed yet: the year so far is the second quarter.
    expect(await sheetCell(page, 'main!r1.c6', REPORT).innerText()).toBe('20')
    expect(await page.locator(`${REPORT} rb-form-sheet td`, { hasText: '#N/A' }).count()).toBe(0)

    await typeInto(page, sheetCell(page, 'main!r1.c1', REPORT), '90')
    await expect.poll(() => sheetCell(page, 'main!r1.c6', REPORT).innerText()).toBe('110')
    const warning = page.locator(`${REPORT} rb-form-sheet li.diag`, {
      hasText: 'Lũy kế từ đầu năm',
    })
    await expect.poll(() => warning.count()).toBe(1)
    expect(await warning.innerText()).toContain('110')

    // Once autosaved, the server judges the draft as the page did.
    const entry = await as(t, 'caolanh.entry')
    await expect
      .poll(
        async () =>
          (await entry.get(`/instances/${instanceId}`)).body.revision.document.values.main?.r1?.c1,
        { timeout: 15_000 },
      )
      .toBe(90)
    const server = (await entry.get(`/instances/${instanceId}`)).body.diagnostics
    const live = await page
      .locator(`${REPORT} rb-form-sheet`)
      .evaluate((el) =>
        (
          el as unknown as { currentDiagnostics: { ruleId: string; message: string }[] }
        ).currentDiagnostics.map((d) => ({ ruleId: d.ruleId, message: d.message })),
      )
    expect(byRule(live)).toEqual(byRule(server))
    expect(byRule(server).some((d) => d.includes('(110) vượt 100'))).toBe(true)
    await screenshot(page, 'period-functions')
  })
})
