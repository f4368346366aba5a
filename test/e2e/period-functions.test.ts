/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptedQ2ThenQ3, as, publishFixture } from '../helpers/flow.js'
import type { TestApp } from '../helpers/test-app.js'
import { screenshot, type Session } from './helpers/browser.js'
import { sheetCell, typeInto } from './helpers/sandbox.js'
import { sessionTtlFor, startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * Period functions in the reporter's page: a report with a "kỳ trước" (PREV_PERIOD) and a
 * "lũy kế" (YEAR_TO_DATE) column shows the accepted previous quarter's figures, not #N/A, the
 * year-to-date follows what is typed, and the live diagnostics are the ones the server enforces.
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session
let instanceId: number

const start = new Date('2026-06-14T03:00:00Z')
let clock = start
const REPORT = 'rb-report-page'

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(start) })
  ;({ t, base, s } = web)
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
  // The second quarter is accepted in its receiving window; then the third opens.
  instanceId = await acceptedQ2ThenQ3(
    t,
    versionId,
    { main: { r1: { c1: 20, c2: 10 } } },
    clock,
    () => (clock = new Date('2026-09-15T03:00:00Z')),
  )
}, 900_000)

afterAll(() => web?.close())

/** The diagnostics as rule and message, order aside. */
function byRule(ds: readonly { ruleId: string; message: string }[]): string[] {
  return ds.map((d) => `${d.ruleId} ${d.message}`).sort()
}

describe('period functions in the reporter’s page', { timeout: 120_000 }, () => {
  it('shows the previous quarter’s values and the server’s diagnostics', async () => {
    web.snapOnFailure('period-functions')
    const page = s.page
    await web.signIn('caolanh.entry')
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
