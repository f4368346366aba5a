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
 * The report page beyond the happy path: times on a 24-hour clock, the period in words, a warning
 * left unexplained named by its cell before the server is asked, the leader's signature checked on
 * screen, a send that waits for the receiving window, the Vietnamese file picker, the header at
 * laptop widths, and the assignments list opening that assignment's tracking board.
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session
let instanceId: number
let firstAssignment: number
let secondAssignment: number

const clock = new Date('2026-09-15T03:00:00Z')
const DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(clock) })
  ;({ t, base, s } = web)
  const versionId = await publishFixture(t, (doc) => {
    ;(doc.constraints as unknown[]).push({
      id: 'r2_le_r1',
      kind: 'compare',
      severity: 'warning',
      left: 'r2.c1',
      operator: '<=',
      right: 'r1.c1',
      message: 'Hộ tịch ({left}) nhiều hơn đất đai ({right}): đề nghị giải trình',
    })
  })
  firstAssignment = await assign(t, versionId, ['DT-P-CAOLANH'], '2026-Q3', () => clock)
  secondAssignment = await assign(t, versionId, ['DT-P-SADEC'], '2026-Q3', () => clock)
  instanceId = await instanceOf(t, firstAssignment, 'DT-P-CAOLANH')
}, 900_000)

afterAll(() => web?.close())

const snapOnFailure = (name: string) => web.snapOnFailure(name)
const signIn = (username: string) => web.signIn(username)

describe('report page details', { timeout: 120_000 }, () => {
  it('entry: the period in words, the save time on a 24-hour clock, a Vietnamese CSV picker', async () => {
    snapOnFailure('details-entry')
    const page = s.page
    await signIn('caolanh.entry')
    await page.goto(`${base}/#/report/${instanceId}`)
    const heading = page.locator('rb-report-page h1 + p')
    await expect.poll(() => heading.innerText()).toContain('kỳ Quý III năm 2026')
    expect(await heading.innerText()).not.toContain('2026-Q3')

    await typeInto(page, sheetCell(page, 'main!r1.c1'), '10')
    const saveState = page.locator('rb-report-page .save-state')
    await expect
      .poll(() => saveState.innerText(), { timeout: 10_000 })
      .toMatch(/^Đã lưu lúc \d{2}:\d{2}$/)

    const picker = page.locator('rb-report-page rb-file-button')
    const button = picker.getByRole('button', { name: messages['files.importCsv'] })
    expect(await picker.locator('.name').innerText()).toBe(messages['files.noneChosen'])
    // The browser's own picker (English "Choose File") is out of sight and out of the tab order.
    const native = picker.locator('input[type="file"]')
    expect((await native.boundingBox())?.width).toBeLessThanOrEqual(1)
    expect(await native.getAttribute('tabindex')).toBe('-1')
    // The keyboard reaches the button and it opens the file chooser. Playwright turns on its
    // chooser interception asynchronously when the listener is added: wait for it before the key
    // (a round trip to the page), or the chooser may open unseen.
    const chooser = page.waitForEvent('filechooser')
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)))
    await button.focus()
    await page.keyboard.press('Enter')
    await (
      await chooser
    ).setFiles({
      name: 'so-lieu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('not,a,layout\n'),
    })
    await expect.poll(() => picker.locator('.name').innerText()).toBe('so-lieu.csv')
    await expect
      .poll(() => page.locator('rb-report-page p.error').innerText())
      .toContain('Không nhập được tệp')
  })

  it('entry: an unexplained warning is named by its cell, in Vietnamese, and nothing is submitted', async () => {
    snapOnFailure('details-unexplained')
    const page = s.page
    await typeInto(page, sheetCell(page, 'main!r2.c1'), '20')
    const warning = page.locator('rb-form-sheet li.diag.warning[data-rule="template/r2_le_r1"]')
    await expect.poll(() => warning.count()).toBe(1)
    await page.locator('rb-report-page [data-action="submit"]').click()
    const error = page.locator('rb-report-page p.error[role="alert"]')
    await expect.poll(() => error.innerText()).toContain('Lĩnh vực hộ tịch · Số hồ sơ tiếp nhận')
    const said = await error.innerText()
    expect(said).toContain('1 cảnh báo chưa có giải trình')
    expect(said).not.toContain('Cannot submit')
    const api = await as(t, 'caolanh.entry')
    expect((await api.get(`/instances/${instanceId}`)).body.status).toBe('draft')

    await warning.locator('input.explain').fill('Đợt cấp đổi giấy khai sinh.')
    await warning.locator('input.explain').press('Tab')
    await page.locator('rb-report-page [data-action="submit"]').click()
    await expect
      .poll(() => page.locator('rb-report-page [data-status]').getAttribute('data-status'))
      .toBe('submitted')
  })

  it('leader: the approved report shows who signed, when, and that the signature verifies', async () => {
    snapOnFailure('details-signature')
    const page = s.page
    await signIn('caolanh.approver')
    await page.goto(`${base}/#/report/${instanceId}`)
    await page.locator('rb-report-page [data-action="approve"]').click()
    await expect
      .poll(() => page.locator('rb-report-page [data-status]').getAttribute('data-status'))
      .toBe('approved')
    const block = page.getByRole('region', { name: messages['signature.title'] })
    const signer = block.locator('[data-role="signer"]')
    await expect.poll(() => signer.innerText()).toMatch(/^Ký duyệt bởi caolanh\.approver lúc /)
    expect((await signer.innerText()).replace(/^.* lúc /, '')).toMatch(DATE_TIME)
    const verdict = block.getByRole('status')
    await expect.poll(() => verdict.getAttribute('data-valid')).toBe('true')
    expect(await verdict.innerText()).toBe(messages['signature.valid'])

    const when = page.locator('rb-report-page table.list tbody tr td:first-child')
    expect(await when.count()).toBeGreaterThanOrEqual(2)
    for (const text of await when.allInnerTexts()) expect(text.trim()).toMatch(DATE_TIME)
    await screenshot(page, 'details-signature')
  })

  it('sender: a window that is not open yet disables sending and says from which day', async () => {
    snapOnFailure('details-window')
    const aggregator = await as(t, 'tinh.aggregator')
    const set = await aggregator.put(`/assignments/${firstAssignment}/receiving-windows/2026-Q3`, {
      opensOn: '2026-10-01',
      closesOn: null,
    })
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    const page = s.page
    await signIn('caolanh.sender')
    await page.goto(`${base}/#/report/${instanceId}`)
    const send = page.locator('rb-report-page button[data-action="send"]')
    await send.click()
    await expect.poll(() => send.isDisabled()).toBe(true)
    const from = page.locator('rb-report-page [data-role="send-opens"]')
    expect(await from.innerText()).toBe('Gửi được từ 01/10/2026')
    expect(await send.getAttribute('aria-describedby')).toBe('send-opens')
    const error = await page.locator('rb-report-page p.error').innerText()
    expect(error).toContain('01/10/2026')
    expect(error).not.toContain('receives reports')
    const api = await as(t, 'caolanh.sender')
    expect((await api.get(`/instances/${instanceId}`)).body.status).toBe('approved')
  })

  it('header: at 1280 px the language switch stays on the first line for aggregator and admin', async () => {
    snapOnFailure('details-header')
    const page = s.page
    try {
      for (const [user, lang] of [
        ['tinh.aggregator', 'vi'],
        ['tinh.admin', 'vi'],
        ['tinh.admin', 'en'],
      ] as const) {
        await signIn(user)
        // The English labels are the longer ones.
        if (lang === 'en') await page.locator('rb-app rb-lang-switch button').click()
        for (const width of [1280, 1400]) {
          await page.setViewportSize({ width, height: 900 })
          const top = async (sel: string) =>
            (await page.locator(sel).boundingBox())?.y ?? Number.NaN
          const brand = await top('rb-app header .brand')
          const switchTop = await top('rb-app rb-lang-switch button')
          const logout = await top('rb-app button.logout')
          expect(Math.abs(switchTop - logout), `${user} at ${width}`).toBeLessThan(4)
          // The switch sits on the header's first line, not below the wrapped menu.
          expect(switchTop - brand, `${user} at ${width}`).toBeLessThan(20)
          const header = await page.locator('rb-app header').boundingBox()
          const box = await page.locator('rb-app rb-lang-switch button').boundingBox()
          expect(box!.x + box!.width).toBeLessThanOrEqual(header!.x + header!.width)
          if (width === 1280) await screenshot(page, `details-header-${user}-${lang}`)
        }
        if (lang === 'en') await page.locator('rb-app rb-lang-switch button').click()
      }
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 })
    }
  })

  it('templates: the search box has a label and a hint; the xlsx picker is a labelled Vietnamese button', async () => {
    snapOnFailure('details-templates')
    const page = s.page
    await signIn('tinh.designer')
    await page.goto(`${base}/#/templates`)
    const search = page.getByLabel(messages['templates.search'])
    expect(await search.getAttribute('placeholder')).toBe(messages['templates.searchPlaceholder'])
    const picker = page.locator('rb-templates-page rb-file-button')
    await expect
      .poll(() => picker.getByRole('button', { name: messages['files.importXlsx'] }).count())
      .toBe(1)
    expect(await picker.locator('.name').innerText()).toBe(messages['files.noneChosen'])
    expect(await picker.locator('.name').innerText()).not.toMatch(/Choose File|No file chosen/)
  })

  it("assignments: 'Theo dõi' opens that assignment's tracking board", async () => {
    snapOnFailure('details-tracking-link')
    const page = s.page
    await signIn('tinh.aggregator')
    await page.goto(`${base}/#/assignments`)
    const link = page.locator(`rb-assignments-page tr[data-assignment="${secondAssignment}"] a`)
    expect(await link.getAttribute('href')).toBe(`#/tracking/${secondAssignment}`)
    await link.click()
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/tracking/${secondAssignment}$`))
    const chosen = page.locator('rb-tracking-page select[name="assignment"]')
    await expect.poll(() => chosen.inputValue()).toBe(String(secondAssignment))
    const period = page.locator('rb-tracking-page select[name="period"] option:checked')
    await expect.poll(() => period.innerText()).toBe('Quý III năm 2026')
    await expect
      .poll(() => page.locator('rb-tracking-page tr[data-unit="DT-P-SADEC"]').count())
      .toBe(1)

    // The same page follows a new address, and names an assignment it cannot show.
    await page.evaluate((id) => (location.hash = `#/tracking/${id}`), firstAssignment)
    await expect.poll(() => chosen.inputValue()).toBe(String(firstAssignment))
    await expect
      .poll(() => page.locator('rb-tracking-page tr[data-unit="DT-P-CAOLANH"]').count())
      .toBe(1)
    await page.evaluate(() => (location.hash = '#/tracking/99999'))
    const missing = page.locator('rb-tracking-page [data-role="missing"]')
    await expect
      .poll(() => missing.innerText())
      .toBe(messages['tracking.assignmentMissing'].replace('{id}', '99999'))
  })
})
