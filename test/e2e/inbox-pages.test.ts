/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { as, publishFixture, unitIds } from '../helpers/flow.js'
import { sessionTtlFor, startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * An inbox with more reports than one page of GET /instances (50 by default): the page reads
 * every server page, so its own pager, filter and sort cover all of them.
 */
let web: WebApp
const clock = new Date('2026-09-15T03:00:00Z')
const UNITS = ['DT-P-CAOLANH', 'DT-P-SADEC', 'DT-X-THAPMUOI', 'DT-SNV', 'DT-STP']
const TOTAL = UNITS.length * 14 // 2023-Q1 .. 2026-Q2

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(clock) })
  const { t } = web
  const versionId = await publishFixture(t)
  const units = await unitIds(t)
  const res = await (
    await as(t, 'tinh.aggregator')
  ).post('/assignments', {
    templateVersionId: versionId,
    unitId: units.DT,
    targetUnitIds: UNITS.map((code) => units[code]),
    schedule: { fromPeriod: '2023-Q1', toPeriod: '2026-Q2' },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  await runDueJobs(t.orm, jobHandlers, clock)
}, 900_000)

afterAll(() => web?.close())

describe('inbox over several server pages', { timeout: 120_000 }, () => {
  it('lists, pages and filters all the reports, not only the first server page', async () => {
    web.snapOnFailure('inbox-pages')
    const page = web.s.page
    await web.signIn('tinh.aggregator')
    const rows = page.locator('rb-inbox-page tbody tr')
    const range = page.locator('rb-inbox-page nav.pager [role="status"]')
    await expect.poll(() => range.innerText()).toBe(`Báo cáo 1–50 trong ${TOTAL}`)
    expect(await rows.count()).toBe(50)
    await page.locator('rb-inbox-page button[data-page="next"]').click()
    await expect.poll(() => range.innerText()).toBe(`Báo cáo 51–${TOTAL} trong ${TOTAL}`)
    expect(await rows.count()).toBe(TOTAL - 50)
    // Nothing was left on the server, so no note about a cut list.
    expect(await page.locator('rb-inbox-page [role="note"]').count()).toBe(0)

    // Sorting by period puts the oldest quarter first, which the first server page did not hold.
    await page.locator('rb-inbox-page button[data-sort="period"]').click()
    await expect.poll(() => rows.first().innerText()).toContain('Quý I năm 2023')

    await page.locator('rb-inbox-page input[type="search"]').fill('sa dec')
    await expect.poll(() => rows.count()).toBe(14)
    expect(await page.locator('rb-inbox-page nav.pager').count()).toBe(0)
  })
})
