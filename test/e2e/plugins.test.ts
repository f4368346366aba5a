/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDueJobs } from '../../runtime/services/jobs.js'
import { jobHandlers } from '../../runtime/services/job-handlers.js'
import { as, fixtureTemplate, instanceOf, unitIds } from '../helpers/flow.js'
import type { TestApp } from '../helpers/test-app.js'
import { screenshot, type Session } from './helpers/browser.js'
import { sheetCell, typeInto } from './helpers/sandbox.js'
import { sessionTtlFor, startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * Issue #5 in the browser: the tenant's root admin installs the kstthc plugin from the plugins
 * page; the province's aggregator assigns II.06a/VPCP/KSTT to a commune on the assigning screen;
 * the commune's reporter fills it, sees the balance identity (3) = (7) + (11) fail live in the
 * sheet, fixes it and submits.
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session

/** Inside the 2026-Q4 cut-off window (ND 09: 15/09 - 14/12), as the assignment's period. */
const clock = new Date('2026-09-15T03:00:00Z')

beforeAll(async () => {
  web = await startWebApp({ now: () => clock, sessionTtlMs: sessionTtlFor(clock) })
  ;({ t, base, s } = web)
}, 900_000)

afterAll(() => web?.close())

const snapOnFailure = (name: string) => web.snapOnFailure(name)
const signIn = (username: string, hash = '') => web.signIn(username, hash)
const signOut = () => web.signOut()

const navLinks = () => s.page.locator('rb-app nav a')

describe(
  'installing a regime plugin and filling its form in the web app',
  { timeout: 120_000 },
  () => {
    let instanceId: number

    it('admin: the plugins page installs kstthc; it then shows as installed', async () => {
      snapOnFailure('plugins-install')
      const page = s.page
      await signIn('tinh.admin')
      const plugins = page.locator('rb-app nav a[href="#/plugins"]')
      await plugins.waitFor()
      // An admin has no reports due: the menu has no inbox for them.
      expect(await page.locator('rb-app nav a[href="#/inbox"]').count()).toBe(0)
      await plugins.click()

      const card = page.locator('rb-plugins-page section[data-plugin="kstthc"]')
      await expect.poll(() => card.getAttribute('data-installed')).toBe('not-installed')
      expect(await card.locator('tr[data-form="II.06a/VPCP/KSTT@1.1"]').innerText()).toContain(
        'Quý',
      )
      const button = card.getByRole('button', { name: 'Cài đặt' })
      await button.click()
      await expect
        .poll(() => card.getAttribute('data-installed'), { timeout: 30_000 })
        .toBe('current')
      await expect
        .poll(() => card.locator('[role="status"]').innerText())
        .toMatch(/Đã cài đặt kstthc 1\.0\.0: thêm 9 phiên bản biểu mẫu/)
      const installed = card.locator('button[data-action="install"]')
      expect(await installed.innerText()).toBe('Đã cài')
      expect(await installed.isDisabled()).toBe(true)
      await screenshot(page, 'plugins-installed')

      const listed = await (await as(t, 'tinh.admin')).get('/plugins')
      expect(listed.body.installed.map((p: { pluginId: string }) => p.pluginId)).toEqual(['kstthc'])
      // After a reload the page still knows.
      await page.reload()
      await expect.poll(() => card.getAttribute('data-installed')).toBe('current')
      await signOut()
    })

    it('admin: an install the server refuses shows its reason on the plugin, and nothing is installed', async () => {
      snapOnFailure('plugins-clash')
      // The tenant already made its own HOP-NAM 1.0, so the meetings plugin's HOP-NAM 1.0 clashes.
      const designer = await as(t, 'tinh.designer')
      const own = await designer.post('/templates', {
        definition: { ...fixtureTemplate(), code: 'HOP-NAM' },
      })
      expect(own.status, JSON.stringify(own.body)).toBe(201)
      const page = s.page
      await signIn('tinh.admin', '#/plugins')
      const card = page.locator('rb-plugins-page section[data-plugin="meetings"]')
      await expect.poll(() => card.getAttribute('data-installed')).toBe('not-installed')
      await card.getByRole('button', { name: 'Cài đặt' }).click()
      const outcome = card.locator('[role="status"]')
      await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('failed')
      expect(await outcome.innerText()).toMatch(/Cài đặt meetings không thành công: .*HOP-NAM@1\.0/)
      expect(await card.getAttribute('data-installed')).toBe('not-installed')
      expect(await card.getByRole('button', { name: 'Cài đặt' }).isEnabled()).toBe(true)
      await screenshot(page, 'plugins-clash')
      const listed = await (await as(t, 'tinh.admin')).get('/plugins')
      expect(listed.body.installed.map((p: { pluginId: string }) => p.pluginId)).toEqual(['kstthc'])
      await signOut()
    })

    it('other users do not get the plugins page', async () => {
      snapOnFailure('plugins-denied')
      const page = s.page
      await signIn('caolanh.admin', '#/plugins')
      expect(await page.locator('rb-app nav a[href="#/plugins"]').count()).toBe(0)
      await expect.poll(() => page.locator('rb-app main [role="alert"]').count()).toBe(1)
      expect(await page.locator('rb-plugins-page').count()).toBe(0)
      await signOut()
    })

    it('aggregator: the assigning screen assigns II.06a to Phường Cao Lãnh for Q4 2026 and its report opens', async () => {
      snapOnFailure('plugins-assign')
      // A unit below a department, so the org tree has a level to select at once.
      const ids = await unitIds(t)
      const sub = await (
        await as(t, 'tinh.admin')
      ).post('/org-units', {
        code: 'DT-SNV-BTDKT',
        name: 'Ban Thi đua - Khen thưởng',
        tier: 'xa',
        parentId: ids['DT-SNV'],
      })
      expect(sub.status, JSON.stringify(sub.body)).toBe(201)
      const page = s.page
      // The list names each version's period type: the screen fetches no version definitions.
      const versionFetches: string[] = []
      const onRequest = (r: { url(): string }) => {
        if (r.url().includes('/api/v1/template-versions/')) versionFetches.push(r.url())
      }
      page.on('request', onRequest)
      await signIn('tinh.aggregator')
      const link = page.locator('rb-app nav a[href="#/assignments"]')
      await link.waitFor()
      await link.click()
      const screen = page.locator('rb-assignments-page')
      const search = screen.getByLabel('Tìm biểu mẫu theo mã hoặc tên')
      await search.fill('II.06a')
      await search.press('Enter')
      const row = screen.locator('tr[data-version="II.06a/VPCP/KSTT@1.1"]')
      // Enter searched and did not submit the form around the field.
      await expect
        .poll(() => screen.locator('tr[data-version]:not([data-version^="II.06a/"])').count())
        .toBe(0)
      await row.waitFor()
      expect(await screen.locator('form [role="alert"]').count()).toBe(0)
      await expect.poll(() => row.locator('td').nth(4).innerText()).toBe('Quý')
      await screen.getByRole('radio', { name: 'Chọn II.06a/VPCP/KSTT phiên bản 1.1' }).check()
      page.off('request', onRequest)
      expect(versionFetches).toEqual([])

      // The org tree: all six units below the province, the department's own unit at once, then
      // just the commune, by keyboard.
      const units = screen.locator('fieldset[data-units]')
      const checked = () => units.locator('input[type="checkbox"]:checked')
      await units.getByRole('button', { name: 'Chọn tất cả', exact: true }).click()
      await expect.poll(() => checked().count()).toBe(6)
      await units.getByRole('button', { name: 'Bỏ chọn tất cả' }).click()
      await expect.poll(() => checked().count()).toBe(0)
      const children = units.getByRole('button', {
        name: 'Chọn các đơn vị trực thuộc Sở Nội vụ tỉnh Đồng Tháp',
      })
      await children.click()
      await expect
        .poll(() => checked().evaluateAll((els) => els.map((e) => e.getAttribute('data-unit'))))
        .toEqual(['DT-SNV-BTDKT'])
      expect(await children.getAttribute('aria-pressed')).toBe('true')
      expect(await children.innerText()).toBe(
        'Bỏ chọn các đơn vị trực thuộc Sở Nội vụ tỉnh Đồng Tháp',
      )
      await children.click()
      await expect.poll(() => checked().count()).toBe(0)
      const caolanh = units.getByLabel('Phường Cao Lãnh (DT-P-CAOLANH)')
      await caolanh.focus()
      await page.keyboard.press('Space')
      await expect.poll(() => caolanh.isChecked()).toBe(true)
      expect(await units.innerText()).toContain('Đã chọn 1 đơn vị.')

      const periods = screen.locator('fieldset[data-periods]')
      expect(await periods.locator('legend').innerText()).toBe('Kỳ báo cáo (Quý)')
      await periods.getByLabel('Năm', { exact: true }).selectOption('2026')
      await periods.getByLabel('Quý IV năm 2026', { exact: true }).check()
      const deadline = periods.getByLabel('Hạn nộp Quý IV năm 2026')
      await deadline.fill('2026-12-18')
      await deadline.blur()
      const days = periods.getByLabel(/Nhận báo cáo đến bao nhiêu ngày sau hạn nộp/)
      await days.fill('10')
      await days.blur()
      await screenshot(page, 'plugins-assign-form')
      await screen.getByRole('button', { name: 'Giao báo cáo' }).click()

      const outcome = screen.locator('[data-outcomes] p').first()
      await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('opening')
      const assignmentId = Number(await outcome.getAttribute('data-assignment'))
      expect(await outcome.innerText()).toContain(
        `Đã giao II.06a/VPCP/KSTT phiên bản 1.1 cho 1 đơn vị, Quý IV năm 2026 (lần giao số ${assignmentId}).`,
      )
      // The test app runs no job worker: this stands in for the one `npm start` runs.
      await runDueJobs(t.orm, jobHandlers, clock)
      await expect
        .poll(() => outcome.getAttribute('data-outcome'), { timeout: 15_000 })
        .toBe('opened')
      expect(await outcome.locator('[data-opened]').innerText()).toBe('Đã mở 1 báo cáo.')
      const listed = screen.locator(`tr[data-assignment="${assignmentId}"]`)
      await expect.poll(() => listed.locator('[data-instances]').innerText()).toBe('1')
      expect(await listed.innerText()).toContain('Quý IV năm 2026')

      const stored = await (await as(t, 'tinh.aggregator')).get(`/assignments/${assignmentId}`)
      expect(stored.body).toMatchObject({
        code: 'II.06a/VPCP/KSTT',
        version: '1.1',
        unitId: ids.DT,
        schedule: {
          fromPeriod: '2026-Q4',
          toPeriod: '2026-Q4',
          deadlines: { '2026-Q4': '2026-12-18' },
          receivingWindow: { daysAfterDeadline: 10 },
        },
        targets: [{ code: 'DT-P-CAOLANH' }],
        instanceCount: 1,
      })
      instanceId = await instanceOf(t, assignmentId, 'DT-P-CAOLANH')
      const [opened] = await t.sql<{ deadline: string }>(
        `select to_char(deadline, 'YYYY-MM-DD') as deadline from report_instance where id = ?`,
        [instanceId],
      )
      expect(opened?.deadline).toBe('2026-12-18')

      // Assigning the same again is refused by the server, and the page says why.
      await screen.getByRole('button', { name: 'Giao báo cáo' }).click()
      await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('failed')
      expect(await outcome.innerText()).toBe(
        `Không giao được Quý IV năm 2026: DT-P-CAOLANH already reports this version for 2026-Q4..2026-Q4 (assignment ${assignmentId})`,
      )
      const after = await (await as(t, 'tinh.aggregator')).get('/assignments')
      expect(after.body.assignments).toHaveLength(1)
      await signOut()
    })

    it('reporter: II.06a shows the balance identity failing live, then submits once fixed', async () => {
      snapOnFailure('plugins-reporter')
      expect(instanceId, 'the assigning test opened the report').toBeDefined()
      const page = s.page
      await signIn('caolanh.entry', '#/inbox')
      expect(await navLinks().evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
        '#/inbox',
      ])
      const row = page.locator(`rb-inbox-page tr[data-instance="${instanceId}"]`)
      await expect.poll(() => row.count()).toBe(1)
      expect(await row.innerText()).toContain('II.06a/VPCP/KSTT')
      await row.getByRole('button').click()

      const cell = (col: string) => sheetCell(page, `main!xa_lv.${col}`)
      await cell('c4').waitFor()
      // Autosaves are held back until the diagnostic shows: it must come from the browser's own
      // engine, not from a server round trip.
      const held: Array<() => Promise<void>> = []
      let holding = true
      const draft = `${base}/api/v1/instances/${instanceId}/draft`
      await page.route(draft, (route) => {
        if (!holding) return route.continue()
        held.push(() => route.continue())
        return undefined
      })
      // (4)+(5)+(6) = 60 received; (8)+(9)+(10) = 55 resolved and (12)+(13) = 3 pending: 58.
      for (const [col, v] of [
        ['c4', '8'],
        ['c5', '50'],
        ['c6', '2'],
        ['c8', '20'],
        ['c9', '35'],
        ['c10', '0'],
        ['c12', '3'],
        ['c13', '0'],
      ] as const)
        await typeInto(page, cell(col), v)
      const errors = page.locator('rb-form-sheet li.diag.error')
      await expect.poll(() => errors.count()).toBeGreaterThan(0)
      const texts = await errors.allInnerTexts()
      const identity = texts.find((x) => /\(3\) = 60/.test(x) && /= 58/.test(x))
      expect(identity, texts.join('\n')).toBeDefined()
      await screenshot(page, 'plugins-identity-broken')
      const unsaved = await (await as(t, 'caolanh.entry')).get(`/instances/${instanceId}`)
      expect(unsaved.body.revision.document.values).toEqual({})
      holding = false
      for (const release of held.splice(0)) await release()
      await page.unroute(draft)

      await typeInto(page, cell('c12'), '5')
      await expect.poll(() => errors.count()).toBe(0)
      await expect
        .poll(() => page.locator('rb-report-page .save-state').innerText(), { timeout: 10_000 })
        .toContain('Đã lưu')
      await page.locator('rb-report-page [data-action="submit"]').click()
      await expect
        .poll(() => page.locator('rb-report-page [data-status]').getAttribute('data-status'))
        .toBe('submitted')

      const stored = await (await as(t, 'caolanh.entry')).get(`/instances/${instanceId}`)
      expect(stored.body.status).toBe('submitted')
      expect(stored.body.revision.document.values.main.xa_lv).toMatchObject({
        c4: 8,
        c5: 50,
        c6: 2,
        c12: 5,
      })
    })
  },
)
