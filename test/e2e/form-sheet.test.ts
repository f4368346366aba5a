/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, type Session } from './helpers/browser.js'
import { clickCell, openSandbox, sheetCell, typeInto } from './helpers/sandbox.js'
import { startSandboxApp, type SandboxApp } from './helpers/sandbox-app.js'
import type { StaticServer } from './helpers/server.js'

let sandbox: SandboxApp
let server: StaticServer
let s: Session

beforeAll(async () => {
  sandbox = await startSandboxApp()
  ;({ server, s } = sandbox)
}, 900_000)

afterAll(() => sandbox?.close())

const snapOnFailure = (name: string) => sandbox.snapOnFailure(name)

/** Mounts a template the sandbox's bundled plugins ship; returns load problems (none expected). */
async function mountBundled(code: string, version?: string): Promise<string[]> {
  return s.page.evaluate(
    ([c, v]) => {
      const sb = (
        window as unknown as {
          rbSandbox: {
            bundledTemplate(c: string, v?: string): unknown
            mountForm(d: unknown): string[]
          }
        }
      ).rbSandbox
      const def = sb.bundledTemplate(c!, v ?? undefined)
      if (def === undefined) return [`template ${c} not bundled`]
      return sb.mountForm(def)
    },
    [code, version ?? null] as const,
  )
}

describe('<rb-form-sheet> in headless Chromium', { timeout: 120_000 }, () => {
  it('renders the template grid: merged headers, row labels with indent, cell kinds', async () => {
    snapOnFailure('form-sheet-render')
    await openSandbox(s.page, server.url)
    expect(await mountBundled('VD-DON-THU')).toEqual([])
    const sheet = s.page.locator('rb-form-sheet')
    await expect.poll(() => sheet.locator('.ht_master td.rb-header').first().isVisible()).toBe(true)
    const headers = await sheet.locator('.ht_master td.rb-header').allInnerTexts()
    expect(headers).toContain('Số đơn tiếp nhận')
    expect(headers).toContain('Tỷ lệ giải quyết')
    expect(headers).toContain('(3)')
    const labels = await sheet.locator('.ht_master td.rb-lead-label').allInnerTexts()
    expect(labels).toEqual(expect.arrayContaining(['Tổng số', 'Đơn khiếu nại', 'Đơn tố cáo']))
    // The child rows are indented under the total row.
    const indent = await sheet
      .locator('.ht_master td.rb-lead-label', { hasText: 'Đơn khiếu nại' })
      .evaluate((td) => parseFloat(getComputedStyle(td).paddingLeft))
    const top = await sheet
      .locator('.ht_master td.rb-lead-label', { hasText: 'Tổng số' })
      .evaluate((td) => parseFloat(getComputedStyle(td).paddingLeft))
    expect(indent).toBeGreaterThan(top)
    // Input cells are editable, the total row and the rate column are computed (read-only, styled).
    await expect
      .poll(() => sheetCell(s.page, 'main!khieu_nai.nhan').getAttribute('class'))
      .toContain('rb-input')
    expect(await sheetCell(s.page, 'main!tong.nhan').getAttribute('class')).toContain('rb-formula')
    expect(await sheetCell(s.page, 'main!khieu_nai.ty_le').getAttribute('class')).toContain(
      'rb-formula',
    )
    // No licence modal: the evaluation key is set.
    expect(await s.page.getByText('The license key for Handsontable').count()).toBe(0)
    await screenshot(s.page, 'form-sheet-rendered')
  })

  it('typing into inputs updates the total and the rate, and shows then clears a constraint failure', async () => {
    snapOnFailure('form-sheet-typing')
    await openSandbox(s.page, server.url)
    expect(await mountBundled('VD-DON-THU')).toEqual([])
    const page = s.page
    await typeInto(page, sheetCell(page, 'main!khieu_nai.nhan'), '10')
    await typeInto(page, sheetCell(page, 'main!to_cao.nhan'), '5')
    await expect.poll(() => sheetCell(page, 'main!tong.nhan').innerText()).toBe('15')

    await typeInto(page, sheetCell(page, 'main!khieu_nai.xong'), '12')
    const xong = sheetCell(page, 'main!khieu_nai.xong')
    await expect.poll(() => xong.getAttribute('aria-invalid')).toBe('true')
    expect(await xong.getAttribute('class')).toContain('rb-error')
    const failure = page.locator('rb-form-sheet li.diag.error')
    await expect.poll(() => failure.count()).toBe(1)
    expect(await failure.innerText()).toContain('không được lớn hơn')
    expect(await failure.getAttribute('data-rule')).toBe('template/xong_le_nhan')
    // The cell points at its diagnostic for screen readers.
    const describedBy = await xong.getAttribute('aria-describedby')
    expect(await failure.getAttribute('id')).toBe(describedBy)
    await screenshot(page, 'form-sheet-constraint-failure')

    await typeInto(page, sheetCell(page, 'main!khieu_nai.xong'), '4')
    await expect.poll(() => failure.count()).toBe(0)
    expect(await sheetCell(page, 'main!khieu_nai.xong').getAttribute('aria-invalid')).toBeNull()
    expect(await page.locator('rb-form-sheet .summary').innerText()).toContain(
      'Không phát hiện lỗi',
    )
    // 4 of 10 solved: 40%, formatted per column (percent, 2 decimals) in Vietnamese.
    await expect.poll(() => sheetCell(page, 'main!khieu_nai.ty_le').innerText()).toBe('40,00%')

    // Autosave hook: every edit emitted values-changed with the input values.
    const last = await page.evaluate(() => {
      const ev = (
        window as unknown as {
          rbSandbox: { events: Array<{ type: string; detail: { values: unknown } }> }
        }
      ).rbSandbox.events
      return ev.filter((e) => e.type === 'values-changed').at(-1)?.detail.values
    })
    expect(last).toEqual({ main: { khieu_nai: { nhan: 10, xong: 4 }, to_cao: { nhan: 5 } } })
  })

  it('renders an official form (II.06a): three merged header rows, its own label columns, dynamic rows added by the reporter', async () => {
    snapOnFailure('form-sheet-official')
    const page = s.page
    await openSandbox(page, server.url)
    expect(await mountBundled('II.06a/VPCP/KSTT', '1.1')).toEqual([])
    const sheet = page.locator('rb-form-sheet')
    // 'Trong đó' spans the online/offline columns; 'Tổng số' spans two header rows.
    await expect
      .poll(() =>
        sheet
          .locator('.ht_master td.rb-header', { hasText: 'Trong đó' })
          .first()
          .getAttribute('colspan'),
      )
      .toBe('2')
    expect(
      await sheet
        .locator('.ht_master td.rb-header', { hasText: 'Tổng số' })
        .first()
        .getAttribute('rowspan'),
    ).toBe('2')
    expect(await sheet.locator('.ht_master td.rb-lead').count()).toBe(0)

    await typeInto(page, sheetCell(page, 'main!tinh_lv.c4'), '3')
    await expect.poll(() => sheetCell(page, 'main!cap_tinh.c4').innerText()).toBe('3')
    // A reporter adds a row to the list of provincial fields and fills it.
    const add = sheet.locator('[data-action="add-row"]')
    await clickCell(page, sheetCell(page, 'main!tong.c4'))
    expect(await add.isDisabled()).toBe(true)
    await clickCell(page, sheetCell(page, 'main!tinh_lv.c4'))
    await add.click()
    await expect.poll(() => sheetCell(page, 'main!tinh_lv_1.c4').count()).toBe(1)
    await typeInto(page, sheetCell(page, 'main!tinh_lv_1.c4'), '5')
    await expect.poll(() => sheetCell(page, 'main!cap_tinh.c4').innerText()).toBe('8')
    expect(await sheetCell(page, 'main!tong.c4').innerText()).toBe('8')
    await screenshot(page, 'form-sheet-official')
    const last = await page.evaluate(() => {
      const ev = (
        window as unknown as {
          rbSandbox: {
            events: Array<{ type: string; detail: { values: unknown; dynamicRows: unknown } }>
          }
        }
      ).rbSandbox.events
      return ev.filter((e) => e.type === 'values-changed').at(-1)?.detail
    })
    expect(last?.dynamicRows).toEqual({ main: ['tinh_lv_1'] })
    expect(last?.values).toMatchObject({ main: { tinh_lv: { c4: 3 }, tinh_lv_1: { c4: 5 } } })
  })

  it('pastes a block from a spreadsheet; narrative figures follow the numbers; text areas count characters', async () => {
    snapOnFailure('form-sheet-linked')
    const page = s.page
    await openSandbox(page, server.url)
    expect(await mountBundled('SO-HOA-NAM')).toEqual([])
    // Two rows x three columns copied from Excel (tab-separated), pasted at che_do!dinh_ky.c3.
    await clickCell(page, sheetCell(page, 'che_do!dinh_ky.c3'))
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.setData('text/plain', '10\t8\t6\n4\t3\t2')
      const target =
        document.querySelector('rb-form-sheet')!.shadowRoot!.activeElement ?? document.body
      target.dispatchEvent(
        new ClipboardEvent('paste', {
          clipboardData: data,
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
      )
    })
    await expect.poll(() => sheetCell(page, 'che_do!tong.c3').innerText()).toBe('14')
    expect(await sheetCell(page, 'che_do!chuyen_de.c5').innerText()).toBe('2')
    // 'Số chế độ báo cáo đã điện tử hóa: {{che_do!tong.c5}}/{{che_do!tong.c3}}.'
    const figures = page.locator('rb-form-sheet rb-narrative-section .figure')
    await expect.poll(() => figures.allInnerTexts()).toEqual(['8', '14'])
    const area = page.locator('rb-form-sheet rb-narrative-section textarea').first()
    await area.fill('Đã hoàn thành điện tử hóa')
    expect(
      await page.locator('rb-form-sheet rb-narrative-section .counter').first().innerText(),
    ).toContain('25')
    const last = await page.evaluate(() => {
      const ev = (
        window as unknown as {
          rbSandbox: { events: Array<{ type: string; detail: { narrative: unknown } }> }
        }
      ).rbSandbox.events
      return ev.filter((e) => e.type === 'values-changed').at(-1)?.detail.narrative
    })
    expect(last).toMatchObject({
      [Object.keys(last as object)[0]!]: { ket_qua: 'Đã hoàn thành điện tử hóa' },
    })
    await screenshot(page, 'form-sheet-linked')
  })
})
