/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, assign, instanceOf, publishFixture } from '../helpers/flow.js'
import type { TestApp } from '../helpers/test-app.js'
import { screenshot, type Session } from './helpers/browser.js'
import { settle, sheetCell, typeInto } from './helpers/sandbox.js'
import { sessionTtlFor, startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * The web app served by the runtime (Hono on real PostgreSQL, the built designer bundle at `/`),
 * driven in headless Chromium: sign in, inbox, fill a report with live checks and autosave, a
 * stale-version conflict, submit; the leader rejects with a mandatory reason; the tracking board.
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session
let instanceId: number

/**
 * The server runs on a fixed clock inside the 2026-Q3 receiving window (results must not depend
 * on the day the tests run). The browser keeps real time and drops cookies whose expiry has
 * passed, so a session lasts until a day after the real now (cookies may not reach 400 days ahead).
 */
const clock = new Date('2026-09-15T03:00:00Z')

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(clock) })
  ;({ t, base, s } = web)
  const versionId = await publishFixture(t)
  const assignmentId = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
  instanceId = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
}, 900_000)

afterAll(() => web?.close())

const snapOnFailure = (name: string) => web.snapOnFailure(name)
const signIn = (username: string) => web.signIn(username)
const signOut = () => web.signOut()

describe('the web app against the runtime', { timeout: 120_000 }, () => {
  it('entry: inbox, live checks, autosave, a stale-version conflict, submit', async () => {
    snapOnFailure('flow-entry')
    const page = s.page
    await signIn('caolanh.entry')
    const row = page.locator(`rb-inbox-page tr[data-instance="${instanceId}"]`)
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.innerText()).toContain('TN.01/DT/KSTT')
    await screenshot(page, 'flow-inbox')
    await row.getByRole('button').click()

    const saveState = page.locator('rb-report-page .save-state')
    await typeInto(page, sheetCell(page, 'main!r1.c1'), '10')
    await typeInto(page, sheetCell(page, 'main!r1.c2'), '12')
    await expect.poll(() => page.locator('rb-form-sheet li.diag.error').count()).toBeGreaterThan(0)
    await typeInto(page, sheetCell(page, 'main!r1.c2'), '4')
    await expect.poll(() => page.locator('rb-form-sheet li.diag.error').count()).toBe(0)
    await expect.poll(() => saveState.innerText(), { timeout: 10_000 }).toContain('Đã lưu')
    const saved = await (await as(t, 'caolanh.entry')).get(`/instances/${instanceId}`)
    expect(saved.body.revision.document.values).toEqual({ main: { r1: { c1: 10, c2: 4 } } })

    // Someone else saves meanwhile: the next autosave is refused and the sheet says so.
    const other = await as(t, 'caolanh.entry')
    const res = await other.put(`/instances/${instanceId}/draft`, {
      version: saved.body.revision.version,
      values: { main: { r2: { c1: 7 } } },
    })
    expect(res.status).toBe(200)
    await typeInto(page, sheetCell(page, 'main!r2.c1'), '8')
    const banner = page.locator('rb-form-sheet .conflict')
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await banner.innerText()).toContain('người khác')
    await screenshot(page, 'flow-conflict')
    await banner.getByRole('button').click()
    await expect.poll(() => banner.count()).toBe(0)
    await expect.poll(() => sheetCell(page, 'main!r2.c1').innerText()).toBe('7')

    await page.locator('rb-report-page [data-action="submit"]').click()
    await expect
      .poll(() => page.locator('rb-report-page [data-status]').getAttribute('data-status'))
      .toBe('submitted')
    // Submitted reports are read-only for entry.
    expect(await page.locator('rb-form-sheet').getAttribute('readonly')).not.toBeNull()
    await signOut()
  })

  it('leader: rejecting needs a reason, which then shows on the report', async () => {
    snapOnFailure('flow-leader')
    const page = s.page
    await signIn('caolanh.approver')
    await page.goto(`${base}/#/report/${instanceId}`)
    await page.locator('rb-report-page [data-action="reject"]').click()
    await page.locator('rb-report-page [data-action="confirm-reject"]').click()
    await expect.poll(() => page.locator('rb-report-page #reason-msg').isVisible()).toBe(true)
    await page.locator('rb-report-page textarea#reason').fill('Thiếu số liệu lĩnh vực hộ tịch')
    await page.locator('rb-report-page [data-action="confirm-reject"]').click()
    await expect
      .poll(() => page.locator('rb-report-page [data-status]').getAttribute('data-status'))
      .toBe('draft')
    await expect
      .poll(() =>
        page
          .locator('rb-report-page')
          .getByText('Thiếu số liệu lĩnh vực hộ tịch')
          .first()
          .isVisible(),
      )
      .toBe(true)
    await screenshot(page, 'flow-rejected')
    await signOut()
  })

  it('aggregator: the tracking board lists the unit; the language switch turns the app English', async () => {
    snapOnFailure('flow-tracking')
    const page = s.page
    await signIn('tinh.aggregator')
    await page.goto(`${base}/#/tracking`)
    const unit = page.locator('rb-tracking-page tr[data-unit="DT-P-CAOLANH"]')
    await expect.poll(() => unit.count()).toBe(1)
    await page.locator('rb-lang-switch button').click()
    await settle(page)
    expect(await page.locator('rb-tracking-page h1').innerText()).toBe('Submission tracking')
    await screenshot(page, 'flow-tracking-en')
    await page.locator('rb-lang-switch button').click()
    expect(await page.locator('rb-tracking-page h1').innerText()).toBe('Tình hình nộp báo cáo')
  })

  it('aggregator: the consolidated report of accepted reports, and the dashboard chart downloads as PNG', async () => {
    snapOnFailure('flow-aggregate')
    // The rest of the workflow through the API: resubmit, approve (signed), send, accept.
    const step = async (user: string, action: string) => {
      const res = await (await as(t, user)).post(`/instances/${instanceId}/${action}`)
      expect(res.status, `${user} ${action}: ${JSON.stringify(res.body)}`).toBe(200)
    }
    await step('caolanh.entry', 'submit')
    await step('caolanh.approver', 'approve')
    await step('caolanh.sender', 'send')
    await step('tinh.aggregator', 'accept')

    const page = s.page
    await signIn('tinh.aggregator')
    await page.goto(`${base}/#/aggregate`)
    await expect
      .poll(() => page.locator('rb-aggregate-page').getByText('DT-P-CAOLANH').count())
      .toBeGreaterThan(0)
    const consolidated = page.locator('rb-aggregate-page rb-form-sheet')
    await expect
      .poll(() => sheetCell(page, 'main!r1.c1', 'rb-aggregate-page rb-form-sheet').innerText())
      .toBe('10')
    // The rate is recomputed from the consolidated inputs: 4 / 10.
    expect(await sheetCell(page, 'main!r1.c3', 'rb-aggregate-page rb-form-sheet').innerText()).toBe(
      '40,00',
    )
    expect(await consolidated.getAttribute('readonly')).not.toBeNull()
    await screenshot(page, 'flow-aggregate')

    await page.goto(`${base}/#/dashboard`)
    await page.locator('rb-dashboard-page select[name="indicator"]').selectOption('main!r1.c1')
    await expect
      .poll(() => page.locator('rb-dashboard-page table.list td').first().innerText())
      .toBe('Phường Cao Lãnh')
    const download = page.waitForEvent('download')
    await page.locator('rb-dashboard-page [data-action="export-png"]').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/\.png$/)
    const png = await file.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = []
      for await (const c of stream) chunks.push(c as Buffer)
      return Buffer.concat(chunks)
    })
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(png.length).toBeGreaterThan(2000)
    await screenshot(page, 'flow-dashboard')
  })

  it('designer: a new template saved as a draft from the designer page lands in the library', async () => {
    snapOnFailure('flow-designer')
    const page = s.page
    await signIn('tinh.designer')
    await page.goto(`${base}/#/designer/new`)
    const code = page.locator(
      'rb-designer-page rb-template-designer rb-metadata-form input[name="code"]',
    )
    await page.locator('rb-designer-page [data-tab="metadata"]').click()
    await code.fill('E2E.01/DT')
    await code.press('Tab')
    await page.locator('rb-designer-page [data-action="save-draft"]').click()
    await expect.poll(() => page.url()).toMatch(/#\/designer\/\d+$/)
    const list = await (await as(t, 'tinh.designer')).get('/templates?q=E2E.01')
    expect(list.body.items.map((i: { code: string }) => i.code)).toEqual(['E2E.01/DT'])
    expect(list.body.items[0].versions[0].status).toBe('draft')
  })
})
