/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, type Session } from './helpers/browser.js'
import { clickCell, openSandbox, settle, sheetCell, typeInto } from './helpers/sandbox.js'
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

const D = 'rb-template-designer'
const PREVIEW = `${D} rb-form-sheet`

/** A cell of the designer's grid editor by visual row and column (0 = STT, 1 = label, 2 = column A). */
const editorCell = (page: Page, row: number, col: number) =>
  // STT and label are frozen columns: Handsontable draws them in an overlay on top of the master table.
  page.locator(
    `${D} rb-grid-editor ${col < 2 ? '.ht_clone_inline_start' : '.ht_master'} td[data-rc="${row}:${col}"]`,
  )

async function selectEditorCell(page: Page, row: number, col: number): Promise<void> {
  await clickCell(page, editorCell(page, row, col))
}

async function fillField(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector)
  await input.fill(value)
  await input.press('Tab')
  await settle(page)
}

async function click(page: Page, action: string): Promise<void> {
  if (process.env.E2E_TRACE !== undefined) console.log('click', action)
  await page.locator(`${D} [data-action="${action}"]`).click()
  await settle(page)
}

describe('<rb-template-designer> in headless Chromium', { timeout: 120_000 }, () => {
  it('builds a template with a total row, a percentage column and a constraint, checked live in the preview', async () => {
    sandbox.snapOnFailure('designer-build')
    const page = s.page
    await openSandbox(page, server.url)
    await page.evaluate(() =>
      (window as unknown as { rbSandbox: { mountDesigner(): void } }).rbSandbox.mountDesigner(),
    )
    await editorCell(page, 0, 1).waitFor()

    // Rows: r1 becomes the total of r2 and r3 (outline children).
    await click(page, 'add-row')
    await click(page, 'add-row')
    await selectEditorCell(page, 0, 1)
    await fillField(page, `${D} rb-grid-editor input[name="row-label"]`, 'Tổng số')
    await page.locator(`${D} rb-grid-editor select[name="row-kind"]`).selectOption('total')
    await settle(page)
    for (const [row, label] of [
      [1, 'Xã A'],
      [2, 'Xã B'],
    ] as const) {
      await selectEditorCell(page, row, 1)
      await fillField(page, `${D} rb-grid-editor input[name="row-label"]`, label)
      await click(page, 'indent')
    }

    // Columns: A = received, B = solved, C = rate (percent, column formula).
    await selectEditorCell(page, 0, 2)
    await fillField(page, `${D} rb-grid-editor input[name="col-header"]`, 'Số hồ sơ / Tiếp nhận')
    await click(page, 'add-column')
    await fillField(
      page,
      `${D} rb-grid-editor input[name="col-header"]`,
      'Số hồ sơ / Đã giải quyết',
    )
    await click(page, 'add-column')
    await fillField(page, `${D} rb-grid-editor input[name="col-header"]`, 'Tỷ lệ giải quyết')
    await page.locator(`${D} rb-grid-editor select[name="col-type"]`).selectOption('percent')
    await settle(page)
    await fillField(
      page,
      `${D} rb-grid-editor rb-formula-input[data-field="col-formula"] input`,
      '=IF(@.c1=0,0,@.c2/@.c1)',
    )

    // A formula with an error is flagged at the cell while typing.
    await selectEditorCell(page, 0, 4)
    await page.keyboard.type('=B1/ZZ99')
    const tip = page.locator(`${D} rb-grid-editor .rb-formula-tip`)
    await expect.poll(() => tip.isVisible()).toBe(true)
    expect(await tip.innerText()).toContain('ZZ99')
    await page.keyboard.press('Escape')
    await settle(page)
    await expect.poll(() => tip.isVisible()).toBe(false)
    // The total row's rate is the rate of the totals (typed Excel-style, rewritten to stable ids).
    await selectEditorCell(page, 0, 4)
    await page.keyboard.type('=IF(A1=0,0,B1/A1)')
    await page.keyboard.press('Enter')
    await settle(page)
    // The cell panel shows the same formula, checked as it is edited there.
    await selectEditorCell(page, 0, 4)
    const cellFormula = page.locator(
      `${D} rb-grid-editor rb-formula-input[data-field="cell-formula"] input`,
    )
    await cellFormula.fill('=IF(A1=0,0,B1/A1')
    await expect.poll(() => cellFormula.getAttribute('aria-invalid')).toBe('true')
    await fillField(
      page,
      `${D} rb-grid-editor rb-formula-input[data-field="cell-formula"] input`,
      '=IF(A1=0,0,B1/A1)',
    )
    await expect.poll(() => cellFormula.inputValue()).toBe('=IF(r1.c1=0, 0, r1.c2/r1.c1)')
    await expect.poll(() => editorCell(page, 0, 4).innerText()).toBe('=IF(r1.c1=0, 0, r1.c2/r1.c1)')

    await screenshot(page, 'designer-grid-editor')

    // Constraint: solved <= received on every row.
    await page.locator(`${D} [data-tab="constraints"]`).click()
    await click(page, 'add-constraint')
    await fillField(
      page,
      `${D} rb-constraint-editor rb-formula-input[data-field="left"] input`,
      '@.c2',
    )
    await page
      .locator(`${D} rb-constraint-editor select[name="constraint-operator"]`)
      .selectOption('<=')
    await settle(page)
    await fillField(
      page,
      `${D} rb-constraint-editor rb-formula-input[data-field="right"] input`,
      '@.c1',
    )
    await page
      .locator(`${D} rb-constraint-editor select[name="constraint-forEachRow"]`)
      .selectOption('main')
    await settle(page)
    await fillField(
      page,
      `${D} rb-constraint-editor input[name="constraint-message"]`,
      'Đã giải quyết ({left}) vượt tiếp nhận ({right})',
    )
    await expect
      .poll(() => page.locator(`${D} [data-validity]`).getAttribute('data-validity'))
      .toBe('valid')

    // The live preview is the form: totals, rates and the constraint work as a reporter types.
    await typeInto(page, sheetCell(page, 'main!r2.c1', PREVIEW), '10')
    await typeInto(page, sheetCell(page, 'main!r2.c2', PREVIEW), '4')
    await typeInto(page, sheetCell(page, 'main!r3.c1', PREVIEW), '5')
    await expect.poll(() => sheetCell(page, 'main!r1.c1', PREVIEW).innerText()).toBe('15')
    await expect.poll(() => sheetCell(page, 'main!r2.c3', PREVIEW).innerText()).toBe('40%')
    expect(await sheetCell(page, 'main!r1.c3', PREVIEW).innerText()).toBe('26,67%')
    await typeInto(page, sheetCell(page, 'main!r3.c2', PREVIEW), '9')
    await expect.poll(() => page.locator(`${PREVIEW} li.diag.error`).count()).toBe(1)
    expect(await page.locator(`${PREVIEW} li.diag.error`).innerText()).toContain(
      'Đã giải quyết (9) vượt tiếp nhận (5)',
    )
    // The constraint editor says what the rule makes of the preview data.
    await expect
      .poll(() =>
        page.locator(`${D} rb-constraint-editor [data-verdict]`).getAttribute('data-verdict'),
      )
      .toBe('fails')
    await screenshot(page, 'designer-built-template')

    // The definition the designer would save.
    const def = await page.evaluate(
      () => (document.querySelector('rb-template-designer') as unknown as { value: unknown }).value,
    )
    expect(def).toMatchObject({
      sections: [
        {
          id: 'main',
          columns: [
            { id: 'c1', header: ['Số hồ sơ', 'Tiếp nhận'] },
            { id: 'c2', header: ['Số hồ sơ', 'Đã giải quyết'] },
            { id: 'c3', type: 'percent', formula: '=IF(@.c1=0, 0, @.c2/@.c1)' },
          ],
          rows: [
            {
              id: 'r1',
              label: 'Tổng số',
              kind: 'total',
              cells: { c3: { kind: 'formula', formula: '=IF(r1.c1=0, 0, r1.c2/r1.c1)' } },
            },
            { id: 'r2', label: 'Xã A', level: 1 },
            { id: 'r3', label: 'Xã B', level: 1 },
          ],
        },
      ],
      constraints: [
        { kind: 'compare', left: '@.c2', operator: '<=', right: '@.c1', forEachRow: 'main' },
      ],
    })

    // Undo reverts the last edit (the constraint message), redo brings it back.
    await click(page, 'undo')
    const undone = await page.evaluate(
      () =>
        (
          document.querySelector('rb-template-designer') as unknown as {
            value: { constraints: Array<{ message?: string }> }
          }
        ).value.constraints[0]?.message,
    )
    expect(undone).toBeUndefined()
    await click(page, 'redo')
    const redone = await page.evaluate(
      () =>
        (
          document.querySelector('rb-template-designer') as unknown as {
            value: { constraints: Array<{ message?: string }> }
          }
        ).value.constraints[0]?.message,
    )
    expect(redone).toBe('Đã giải quyết ({left}) vượt tiếp nhận ({right})')
  })
})
