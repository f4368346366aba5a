/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, assign, instanceOf } from '../helpers/flow.js'
import type { TestApp } from '../helpers/test-app.js'
import { screenshot, type Session } from './helpers/browser.js'
import { clickCell, settle, sheetCell, typeInto } from './helpers/sandbox.js'
import { sessionTtlFor, startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * The acceptance flow of the web apps, all in the page against the real runtime (Hono on
 * PostgreSQL, the built bundle at `/`): a designer authors a template with a total row, a
 * percentage column and a constraint and publishes it; a reporter fills it, sees the constraint
 * fail, fixes it and submits; the leader rejects with a reason; the reporter reads the reason,
 * changes a value and resubmits; the leader approves (signs). Only the assignment goes through the
 * API: the web app has no screen to create assignments yet.
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session

/** A fixed server clock inside the 2026-Q3 reporting period (see reporting-flow.test.ts). */
const clock = new Date('2026-09-15T03:00:00Z')

const CODE = 'E2E.02/DT/KSTT'
const REASON = 'Số tiếp nhận của Xã B chưa khớp sổ theo dõi'

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(clock) })
  ;({ t, base, s } = web)
}, 900_000)

afterAll(() => web?.close())

const snapOnFailure = (name: string) => web.snapOnFailure(name)
const signIn = (username: string) => web.signIn(username)
const signOut = () => web.signOut()

const D = 'rb-designer-page rb-template-designer'
const REPORT = 'rb-report-page'

/** A cell of the grid editor by visual row and column (0 = STT, 1 = label, 2 = column A). */
const editorCell = (page: Page, row: number, col: number) =>
  page.locator(
    `${D} rb-grid-editor ${col < 2 ? '.ht_clone_inline_start' : '.ht_master'} td[data-rc="${row}:${col}"]`,
  )

async function fill(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector)
  await input.fill(value)
  await input.press('Tab')
  await settle(page)
}

async function click(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click()
  await settle(page)
}

async function select(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).selectOption(value)
  await settle(page)
}

const status = (page: Page) => page.locator(`${REPORT} [data-status]`).getAttribute('data-status')

/** Opens the report of the instance from the signed-in user's inbox. */
async function openFromInbox(page: Page, instanceId: number): Promise<void> {
  await page.goto(`${base}/#/inbox`)
  const row = page.locator(`rb-inbox-page tr[data-instance="${instanceId}"]`)
  await expect.poll(() => row.count()).toBe(1)
  expect(await row.innerText()).toContain(CODE)
  await row.getByRole('button').click()
  await page.locator(`${REPORT} [data-status]`).waitFor()
}

describe('the acceptance flow of the web apps, in headless Chromium', { timeout: 180_000 }, () => {
  let versionId: number
  let instanceId: number

  it('designer: authors a template with a total row, a percentage column and a constraint, and publishes it', async () => {
    snapOnFailure('full-designer')
    const page = s.page
    await signIn('tinh.designer')
    await page.goto(`${base}/#/designer/new`)
    await editorCell(page, 0, 1).waitFor()

    await click(page, `${D} [data-tab="metadata"]`)
    const meta = `${D} rb-metadata-form`
    await fill(page, `${meta} input[name="code"]`, CODE)
    await fill(page, `${meta} input[name="name"]`, 'TÌNH HÌNH GIẢI QUYẾT HỒ SƠ (KIỂM THỬ ĐẦU CUỐI)')
    await select(page, `${meta} select[name="periodType"]`, 'quarter')
    await fill(page, `${meta} input[name="deadlineDay"]`, '16')
    await fill(page, `${meta} input[name="reportingLevels"]`, 'xa')
    await fill(page, `${meta} input[name="receivingLevel"]`, 'tinh')

    // Rows: r1 is the total of the communes r2 and r3 (its outline children).
    await click(page, `${D} [data-tab="section:main"]`)
    await editorCell(page, 0, 1).waitFor()
    await click(page, `${D} [data-action="add-row"]`)
    await click(page, `${D} [data-action="add-row"]`)
    await clickCell(page, editorCell(page, 0, 1))
    await fill(page, `${D} rb-grid-editor input[name="row-label"]`, 'Tổng số')
    await select(page, `${D} rb-grid-editor select[name="row-kind"]`, 'total')
    for (const [row, label] of [
      [1, 'Xã A'],
      [2, 'Xã B'],
    ] as const) {
      await clickCell(page, editorCell(page, row, 1))
      await fill(page, `${D} rb-grid-editor input[name="row-label"]`, label)
      await click(page, `${D} [data-action="indent"]`)
    }

    // Columns: received, solved, and the solved rate (percent, one formula for the column).
    await clickCell(page, editorCell(page, 0, 2))
    await fill(page, `${D} rb-grid-editor input[name="col-header"]`, 'Tiếp nhận')
    await click(page, `${D} [data-action="add-column"]`)
    await fill(page, `${D} rb-grid-editor input[name="col-header"]`, 'Đã giải quyết')
    await click(page, `${D} [data-action="add-column"]`)
    await fill(page, `${D} rb-grid-editor input[name="col-header"]`, 'Tỷ lệ giải quyết')
    await select(page, `${D} rb-grid-editor select[name="col-type"]`, 'percent')
    await fill(
      page,
      `${D} rb-grid-editor rb-formula-input[data-field="col-formula"] input`,
      '=IF(@.c1=0,0,@.c2/@.c1)',
    )

    // Constraint: solved <= received on every row.
    await click(page, `${D} [data-tab="constraints"]`)
    await click(page, `${D} [data-action="add-constraint"]`)
    const ce = `${D} rb-constraint-editor`
    await fill(page, `${ce} rb-formula-input[data-field="left"] input`, '@.c2')
    await select(page, `${ce} select[name="constraint-operator"]`, '<=')
    await fill(page, `${ce} rb-formula-input[data-field="right"] input`, '@.c1')
    await select(page, `${ce} select[name="constraint-forEachRow"]`, 'main')
    await fill(
      page,
      `${ce} input[name="constraint-message"]`,
      'Đã giải quyết ({left}) vượt tiếp nhận ({right})',
    )
    await expect
      .poll(() => page.locator(`${D} [data-validity]`).getAttribute('data-validity'))
      .toBe('valid')
    await screenshot(page, 'full-designer-authored')

    await click(page, `${D} [data-action="save-draft"]`)
    await expect.poll(() => page.url()).toMatch(/#\/designer\/\d+$/)
    versionId = Number(/#\/designer\/(\d+)$/.exec(page.url())?.[1])
    const note = page.locator(`${D} .note`)
    await page.locator(`${D} [data-action="send-to-testing"]`).click()
    await expect.poll(() => note.innerText()).toBe('Thử nghiệm')
    await page.locator(`${D} [data-action="publish"]`).click()
    await expect.poll(() => note.innerText()).toBe('Đã ban hành')
    expect(await page.locator('rb-designer-page p.error').count()).toBe(0)
    await screenshot(page, 'full-designer-published')

    // What the runtime now holds is what was authored in the page.
    const stored = await (await as(t, 'tinh.designer')).get(`/template-versions/${versionId}`)
    expect(stored.body).toMatchObject({ code: CODE, status: 'published' })
    expect(stored.body.definition).toMatchObject({
      periodType: 'quarter',
      sections: [
        {
          columns: [
            { id: 'c1', header: ['Tiếp nhận'] },
            { id: 'c2', header: ['Đã giải quyết'] },
            { id: 'c3', type: 'percent', formula: '=IF(@.c1=0, 0, @.c2/@.c1)' },
          ],
          rows: [
            { id: 'r1', label: 'Tổng số', kind: 'total' },
            { id: 'r2', label: 'Xã A', level: 1 },
            { id: 'r3', label: 'Xã B', level: 1 },
          ],
        },
      ],
      constraints: [
        { kind: 'compare', left: '@.c2', operator: '<=', right: '@.c1', forEachRow: 'main' },
      ],
    })
    await signOut()

    // No screen creates assignments yet: the province assigns the version through the API.
    const assignmentId = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
    instanceId = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
  })

  it('reporter: fills the form, sees the constraint fail and fixes it, submits', async () => {
    snapOnFailure('full-entry')
    const page = s.page
    await signIn('caolanh.entry')
    await openFromInbox(page, instanceId)
    expect(await status(page)).toBe('draft')

    await typeInto(page, sheetCell(page, 'main!r2.c1', REPORT), '10')
    await typeInto(page, sheetCell(page, 'main!r2.c2', REPORT), '4')
    await typeInto(page, sheetCell(page, 'main!r3.c1', REPORT), '5')
    await typeInto(page, sheetCell(page, 'main!r3.c2', REPORT), '9')
    // The total row and the percentage column follow the inputs.
    await expect.poll(() => sheetCell(page, 'main!r1.c1', REPORT).innerText()).toBe('15')
    expect(await sheetCell(page, 'main!r1.c2', REPORT).innerText()).toBe('13')
    expect(await sheetCell(page, 'main!r2.c3', REPORT).innerText()).toBe('40%')
    const errors = page.locator(`${REPORT} rb-form-sheet li.diag.error`)
    await expect.poll(() => errors.count()).toBeGreaterThan(0)
    expect(await errors.allInnerTexts()).toContainEqual(
      expect.stringContaining('Đã giải quyết (9) vượt tiếp nhận (5)'),
    )
    await screenshot(page, 'full-entry-constraint-fails')

    // Submitting with an error is refused in the page, and nothing is lost.
    await page.locator(`${REPORT} [data-action="submit"]`).click()
    await expect.poll(() => page.locator(`${REPORT} p.error[role="alert"]`).count()).toBe(1)
    expect(await status(page)).toBe('draft')

    await typeInto(page, sheetCell(page, 'main!r3.c2', REPORT), '3')
    await expect.poll(() => errors.count()).toBe(0)
    await expect.poll(() => sheetCell(page, 'main!r1.c3', REPORT).innerText()).toBe('46,67%')
    await expect
      .poll(() => page.locator(`${REPORT} .save-state`).innerText(), { timeout: 10_000 })
      .toContain('Đã lưu')

    await page.locator(`${REPORT} [data-action="submit"]`).click()
    await expect.poll(() => status(page)).toBe('submitted')
    expect(await page.locator(`${REPORT} rb-form-sheet`).getAttribute('readonly')).not.toBeNull()
    await signOut()
  })

  it('leader: rejects with a reason', async () => {
    snapOnFailure('full-reject')
    const page = s.page
    await signIn('caolanh.approver')
    await openFromInbox(page, instanceId)
    expect(await status(page)).toBe('submitted')
    expect(await sheetCell(page, 'main!r3.c2', REPORT).innerText()).toBe('3')
    await page.locator(`${REPORT} [data-action="reject"]`).click()
    await page.locator(`${REPORT} textarea#reason`).fill(REASON)
    await page.locator(`${REPORT} [data-action="confirm-reject"]`).click()
    await expect.poll(() => status(page)).toBe('draft')
    await signOut()
  })

  it('reporter: reads the reason, changes a value and resubmits', async () => {
    snapOnFailure('full-resubmit')
    const page = s.page
    await signIn('caolanh.entry')
    await openFromInbox(page, instanceId)
    expect(await status(page)).toBe('draft')
    await expect.poll(() => page.locator(REPORT).getByText(REASON).first().isVisible()).toBe(true)
    await screenshot(page, 'full-entry-rejected')

    await typeInto(page, sheetCell(page, 'main!r3.c1', REPORT), '6')
    await expect.poll(() => sheetCell(page, 'main!r1.c1', REPORT).innerText()).toBe('16')
    await expect
      .poll(() => page.locator(`${REPORT} .save-state`).innerText(), { timeout: 10_000 })
      .toContain('Đã lưu')
    await page.locator(`${REPORT} [data-action="submit"]`).click()
    await expect.poll(() => status(page)).toBe('submitted')
    await signOut()
  })

  it('leader: approves and signs; the report shows it approved', async () => {
    snapOnFailure('full-approve')
    const page = s.page
    await signIn('caolanh.approver')
    await openFromInbox(page, instanceId)
    expect(await status(page)).toBe('submitted')
    expect(await sheetCell(page, 'main!r3.c1', REPORT).innerText()).toBe('6')
    await page.locator(`${REPORT} [data-action="approve"]`).click()
    await expect.poll(() => status(page)).toBe('approved')
    expect(await page.locator(`${REPORT} [data-status]`).innerText()).toBe('Đã duyệt')
    // The history names the signing step and who did it.
    const signed = page.locator(`${REPORT} table.list tr`, { hasText: 'Duyệt và ký' })
    await expect.poll(() => signed.count()).toBe(1)
    expect(await signed.innerText()).toContain('caolanh.approver')
    await screenshot(page, 'full-approved')

    // The signature the click made verifies against the stored revision (read-only check).
    const leader = await as(t, 'caolanh.approver')
    const detail = await leader.get(`/instances/${instanceId}`)
    expect(detail.body.revision.document.values).toEqual({
      main: { r2: { c1: 10, c2: 4 }, r3: { c1: 6, c2: 3 } },
    })
    const verify = await leader.get(`/revisions/${detail.body.revision.id}/signatures/verify`)
    expect(verify.status, JSON.stringify(verify.body)).toBe(200)
    expect(verify.body).toMatchObject({ signed: true, valid: true })
  })
})
