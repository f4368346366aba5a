/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import type { Locator, Page } from 'playwright-core'

/** Opens the sandbox page and waits until its `window.rbSandbox` is there. */
export async function openSandbox(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/sandbox.html`)
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true')
}

/** A data cell of a form sheet by its key (`section!row.col`), in the scrolling master table. */
export function sheetCell(page: Page, key: string, within = 'rb-form-sheet'): Locator {
  return page.locator(`${within} .ht_master td[data-cell="${key}"]`)
}

/** Waits two animation frames: Handsontable moves focus to a clicked cell on a debounced frame. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  )
}

const lastClick = new WeakMap<Page, number>()

/**
 * Clicks a grid cell at a person's pace: Handsontable takes two clicks on one cell within 500 ms
 * for a double click (which opens the editor on the old text), and Playwright is that fast.
 */
export async function clickCell(page: Page, cell: Locator): Promise<void> {
  const wait = 600 - (Date.now() - (lastClick.get(page) ?? 0))
  if (wait > 0) await page.waitForTimeout(wait)
  await cell.click()
  lastClick.set(page, Date.now())
  await cell.and(page.locator('td.current')).waitFor()
  await settle(page)
}

/** Selects a cell, types a value as a reporter would (replacing the old one) and commits it with Enter. */
export async function typeInto(page: Page, cell: Locator, text: string): Promise<void> {
  await clickCell(page, cell)
  await page.keyboard.type(text)
  await page.keyboard.press('Enter')
}
