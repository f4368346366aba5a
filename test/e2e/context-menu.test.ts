/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, type Session } from './helpers/browser.js'
import { clickCell, openSandbox, sheetCell, typeInto } from './helpers/sandbox.js'
import { startSandboxApp, type SandboxApp } from './helpers/sandbox-app.js'
import type { StaticServer } from './helpers/server.js'

/**
 * Handsontable's right-click menu inside <rb-form-sheet>'s shadow root: drawn in the sheet, themed,
 * and its items take clicks (the document-level "click outside closes the menu" check sees only
 * the shadow host, so the sheet keeps the menu's clicks to itself).
 */
let sandbox: SandboxApp
let server: StaticServer
let s: Session

beforeAll(async () => {
  sandbox = await startSandboxApp()
  ;({ server, s } = sandbox)
}, 900_000)

afterAll(() => sandbox?.close())

const MENU = 'rb-form-sheet .rb-menu .htContextMenu'
const item = (name: string) => s.page.locator(`${MENU} td`, { hasText: name })

describe('the form sheet’s context menu in headless Chromium', { timeout: 120_000 }, () => {
  it('adds and removes a reporter’s row of a dynamic list from the right-click menu', async () => {
    sandbox.snapOnFailure('context-menu')
    const page = s.page
    await openSandbox(page, server.url)
    const problems = await page.evaluate(() => {
      const sb = (
        window as unknown as {
          rbSandbox: {
            bundledTemplate(c: string, v?: string): unknown
            mountForm(d: unknown): string[]
          }
        }
      ).rbSandbox
      return sb.mountForm(sb.bundledTemplate('II.06a/VPCP/KSTT', '1.1'))
    })
    expect(problems).toEqual([])
    await typeInto(page, sheetCell(page, 'main!tinh_lv.c4'), '3')

    // On a fixed row the list items are there but disabled.
    await clickCell(page, sheetCell(page, 'main!tong.c4'))
    await sheetCell(page, 'main!tong.c4').click({ button: 'right' })
    await expect.poll(() => page.locator(MENU).isVisible()).toBe(true)
    expect(await item('Thêm dòng').getAttribute('class')).toContain('htDisabled')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator(MENU).isVisible()).toBe(false)

    await clickCell(page, sheetCell(page, 'main!tinh_lv.c4'))
    await sheetCell(page, 'main!tinh_lv.c4').click({ button: 'right' })
    await expect.poll(() => page.locator(MENU).isVisible()).toBe(true)
    // The menu is inside the sheet's shadow root, so the theme applies to it.
    expect(await page.locator('rb-form-sheet .rb-menu.ht-theme-main .htContextMenu').count()).toBe(
      1,
    )
    await screenshot(page, 'context-menu-open')
    await item('Thêm dòng').click()
    await expect.poll(() => sheetCell(page, 'main!tinh_lv_1.c4').count()).toBe(1)
    await expect.poll(() => page.locator(MENU).isVisible()).toBe(false)
    await typeInto(page, sheetCell(page, 'main!tinh_lv_1.c4'), '5')
    await expect.poll(() => sheetCell(page, 'main!cap_tinh.c4').innerText()).toBe('8')

    await clickCell(page, sheetCell(page, 'main!tinh_lv_1.c4'))
    await sheetCell(page, 'main!tinh_lv_1.c4').click({ button: 'right' })
    await item('Xóa dòng').click()
    await expect.poll(() => sheetCell(page, 'main!tinh_lv_1.c4').count()).toBe(0)
    await expect.poll(() => sheetCell(page, 'main!cap_tinh.c4').innerText()).toBe('3')
  })
})
