/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { vi as messages } from '../../designer/src/i18n/messages-vi.js'
import { as, assign, instanceOf, publishFixture } from '../helpers/flow.js'
import type { TestApp } from '../helpers/test-app.js'
import { screenshot, type Session } from './helpers/browser.js'
import { sheetCell, typeInto } from './helpers/sandbox.js'
import { sessionTtlFor, startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * What a first-time user of the workspace pages meets before any report moves: periods in words,
 * a consolidation with nothing accepted yet, a page the user's role may not see, a required
 * narrative item, and a published template opened in the designer (it cannot change).
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session
let versionId: number
let instanceId: number

// A fixed server clock inside the 2026-Q3 window; browser cookies must outlive the real now.
const clock = new Date('2026-09-15T03:00:00Z')

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(clock) })
  ;({ t, base, s } = web)
  versionId = await publishFixture(t, (doc) => {
    doc.formKind = 'linked'
    ;(doc.constraints as unknown[]).push({
      id: 'r2_le_r1',
      kind: 'compare',
      severity: 'warning',
      left: 'r2.c1',
      operator: '<=',
      right: 'r1.c1',
      message: 'Hộ tịch ({left}) nhiều hơn đất đai ({right}): đề nghị giải trình',
    })
    ;(doc.sections as unknown[]).push({
      kind: 'narrative',
      id: 'tm',
      title: 'Thuyết minh',
      items: [{ id: 'dg', title: 'Đánh giá', input: true, required: true }],
    })
  })
  const assignmentId = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
  instanceId = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
}, 900_000)

afterAll(() => web?.close())

const snapOnFailure = (name: string) => web.snapOnFailure(name)
const signIn = (username: string) => web.signIn(username)

describe('workspace pages for a first-time user', { timeout: 120_000 }, () => {
  it('sign-in: a wrong password is refused in the interface language', async () => {
    snapOnFailure('pages-login')
    const page = s.page
    await page.goto(`${base}/#/inbox`)
    await page.locator('rb-login-page input[name="username"]').fill('tinh.sender')
    await page.locator('rb-login-page input[name="password"]').fill('not-the-password')
    await page.locator('rb-login-page button[type="submit"]').click()
    const alert = page.locator('rb-login-page [role="alert"]')
    await expect.poll(() => alert.innerText()).toBe(messages['login.invalid'])
  })

  it('entry: the inbox reads the period in words; a required narrative item is listed until written', async () => {
    snapOnFailure('pages-entry')
    const page = s.page
    await signIn('caolanh.entry')
    const row = page.locator(`rb-inbox-page tr[data-instance="${instanceId}"]`)
    await expect.poll(() => row.innerText()).toContain('Quý III năm 2026')
    expect(await row.innerText()).not.toContain('2026-Q3')
    await row.getByRole('button').click()

    const required = page.locator(
      'rb-form-sheet li.diag.error[data-rule="core/narrative-required"]',
    )
    await expect.poll(() => required.count()).toBe(1)
    const text = page.locator('rb-form-sheet rb-narrative-section textarea')
    expect(await text.getAttribute('aria-invalid')).toBe('true')
    const written = 'Đã tổ chức đủ các cuộc họp theo kế hoạch.'
    await text.fill(written)
    await expect.poll(() => required.count()).toBe(0)
    expect(await text.getAttribute('aria-invalid')).toBe('false')

    // The autosave re-renders the report page; the text stays on screen and on the server, also
    // through the next save of a figure.
    const saveState = page.locator('rb-report-page .save-state')
    await expect.poll(() => saveState.innerText(), { timeout: 10_000 }).toContain('Đã lưu')
    await page.waitForTimeout(300)
    expect(await text.inputValue()).toBe(written)
    await typeInto(page, sheetCell(page, 'main!r1.c1'), '10')
    const api = await as(t, 'caolanh.entry')
    await expect
      .poll(async () => (await api.get(`/instances/${instanceId}`)).body.revision.document.values, {
        timeout: 10_000,
      })
      .toEqual({ main: { r1: { c1: 10 } } })
    const saved = (await api.get(`/instances/${instanceId}`)).body.revision.document
    expect(saved.narrative).toEqual({ tm: { dg: written } })
    expect(await text.inputValue()).toBe(written)
    await screenshot(page, 'pages-entry-narrative')
  })

  it('entry and leader: a warning names its cell in words; its explanation is read back after submitting', async () => {
    snapOnFailure('pages-explanation')
    const page = s.page
    await typeInto(page, sheetCell(page, 'main!r2.c1'), '20')
    const warning = page.locator('rb-form-sheet li.diag.warning[data-rule="template/r2_le_r1"]')
    await expect.poll(() => warning.count()).toBe(1)
    expect((await warning.locator('button.goto').innerText()).trim()).toBe(
      'Lĩnh vực hộ tịch · Số hồ sơ tiếp nhận',
    )
    const because = 'Đợt cấp đổi giấy khai sinh theo kế hoạch của tỉnh.'
    await warning.locator('input.explain').fill(because)
    await warning.locator('input.explain').press('Tab')
    await page.locator('rb-report-page [data-action="submit"]').click()
    await expect
      .poll(() => page.locator('rb-report-page [data-status]').getAttribute('data-status'))
      .toBe('submitted')

    await signIn('caolanh.approver')
    await page.goto(`${base}/#/report/${instanceId}`)
    const read = page.locator(
      'rb-form-sheet li.diag.warning[data-rule="template/r2_le_r1"] .explained',
    )
    await expect.poll(() => read.innerText()).toBe(`Giải trình: ${because}`)
    expect(await page.locator('rb-form-sheet input.explain').count()).toBe(0)
    await screenshot(page, 'pages-explanation-read')
  })

  it('aggregator: a consolidation with nothing accepted says so, and asks nobody to write', async () => {
    snapOnFailure('pages-aggregate-empty')
    const page = s.page
    await signIn('tinh.aggregator')
    await page.goto(`${base}/#/aggregate`)
    const included = page.locator('rb-aggregate-page [data-role="included"]')
    await expect.poll(() => included.innerText()).toBe(messages['aggregate.none'])
    const period = page.locator(
      'rb-aggregate-page rb-assignment-picker select[name="period"] option:checked',
    )
    expect(await period.innerText()).toBe('Quý III năm 2026')
    const sheet = page.locator('rb-aggregate-page rb-form-sheet')
    expect(await sheet.getAttribute('readonly')).not.toBeNull()
    expect(await sheet.locator('rb-narrative-section textarea').getAttribute('aria-invalid')).toBe(
      'false',
    )
    expect(await sheet.locator('li.diag[data-rule^="core/narrative"]').count()).toBe(0)
    await screenshot(page, 'pages-aggregate-empty')
  })

  it('viewer: the consolidation it may not see is explained in the interface language', async () => {
    snapOnFailure('pages-aggregate-viewer')
    const page = s.page
    await signIn('tinh.viewer')
    await page.goto(`${base}/#/aggregate`)
    const error = page.locator('rb-aggregate-page > p.error, rb-aggregate-page p.error')
    await expect.poll(() => error.first().innerText()).toBe(messages['aggregate.forbidden'])
    expect(await page.locator('rb-aggregate-page rb-form-sheet').count()).toBe(0)
  })

  it('designer: a published version opens as its next draft; saving creates that and leaves the published one', async () => {
    snapOnFailure('pages-designer-published')
    const page = s.page
    await signIn('tinh.designer')
    await page.goto(`${base}/#/designer/${versionId}`)
    const banner = page.locator('rb-designer-page [data-role="new-version"]')
    await expect.poll(() => banner.isVisible()).toBe(true)
    const said = await banner.innerText()
    expect(said).toContain('1.0')
    expect(said).toContain('1.1')
    await screenshot(page, 'pages-designer-published')

    await page.locator('rb-designer-page [data-action="save-draft"]').click()
    await expect.poll(() => page.url()).not.toMatch(new RegExp(`#/designer/${versionId}$`))
    const created = Number(/#\/designer\/(\d+)$/.exec(page.url())?.[1])
    expect(created).toBeGreaterThan(versionId)
    await expect.poll(() => banner.count()).toBe(0)
    expect(await page.locator('rb-designer-page p.error').count()).toBe(0)

    const api = await as(t, 'tinh.designer')
    const draft = await api.get(`/template-versions/${created}`)
    expect(draft.body).toMatchObject({ status: 'draft', version: '1.1', code: 'TN.01/DT/KSTT' })
    const published = await api.get(`/template-versions/${versionId}`)
    expect(published.body).toMatchObject({ status: 'published', version: '1.0' })

    // A link to a version that is not there says so, with no editor to save a stray template from.
    await page.goto(`${base}/#/designer/99999`)
    const missing = page.locator('rb-designer-page p.error')
    await expect
      .poll(() => missing.innerText())
      .toBe(messages['designer.notFound'].replace('{id}', '99999'))
    expect(await page.locator('rb-designer-page rb-template-designer').count()).toBe(0)
  })
})
