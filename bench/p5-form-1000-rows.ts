/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
/**
 * P5 of DESIGN.md §5: the built form sheet (designer/dist, the sandbox page the e2e tests use) in
 * headless Chromium on a 1,000-row numeric form: time to interactive, then edit-to-totals latency.
 * No anchor (DESIGN has none for P5): the goals are absolute.
 */
import type { Page } from 'playwright-core'
import { formatCellValue } from '../core/index.js'
import type { Row } from '../schemas/generated/index.js'
import { ensureDesignerBuilt } from '../test/e2e/helpers/build.js'
import { openBrowser } from '../test/e2e/helpers/browser.js'
import { serveDist } from '../test/e2e/helpers/server.js'
import type { BenchRow, BenchSuite } from './harness.js'
import { p1Definition } from './p1-p2.js'

const LOADS = 5
const WARMUP_EDITS = 3
const EDITS = 15
/** Rows edited in turn: all on the first screen, so no scrolling is timed. */
const EDITED_ROWS = 10
const INTERACTIVE_GOAL_MS = 1500
const TOTALS_GOAL_MS = 50
const SHEET = 'rb-form-sheet'
const CELL = (key: string) => `${SHEET} .ht_master td[data-cell="${key}"]`

/** P1's template (1,000 rows x 9 inputs + row total, 500 constraints) with its total row on top, as official forms have it. */
function p5Definition(): ReturnType<typeof p1Definition> {
  const def = p1Definition()
  const grid = def.sections[0]
  if (grid?.kind !== 'grid') throw new Error('P1 template has no grid section')
  const total = grid.rows.find((r) => r.kind === 'total') as Row
  grid.rows = [total, ...grid.rows.filter((r) => r !== total)]
  return { ...def, code: 'BENCH-P5', name: 'Biểu đo hiệu năng P5' }
}

/** Every input filled (a draft being completed): value (i * 7 + j) mod 100. */
function p5Values(): Record<string, Record<string, number>> {
  const main: Record<string, Record<string, number>> = {}
  for (let i = 0; i < 1000; i++)
    main[`r${i + 1}`] = Object.fromEntries(
      Array.from({ length: 9 }, (_, j) => [`c${j + 1}`, (i * 7 + j) % 100]),
    )
  return main
}

/**
 * Navigation start (performance.now() = 0) until the grid is drawn, a click selects an input cell
 * and the first keystroke shows in its editor. The page mounts the form as soon as its module has
 * run (an init script watches for the sandbox's ready flag), as the app does after its fetches.
 */
async function timeToInteractive(
  page: Page,
  url: string,
): Promise<{ interactive: number; rendered: number }> {
  await page.goto(url)
  const rendered = await page.waitForFunction(
    () => (window as unknown as { __p5rendered?: number }).__p5rendered,
    undefined,
    { polling: 'raf', timeout: 20_000 },
  )
  await page.locator(CELL('main!r1.c1')).click()
  await page.keyboard.type('7')
  const typed = await page.waitForFunction(
    (sheet) => {
      const editor = document
        .querySelector(sheet)
        ?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea.handsontableInput')
      return editor?.value === '7' ? performance.now() : undefined
    },
    SHEET,
    { polling: 'raf' },
  )
  const out = {
    interactive: (await typed.jsonValue()) as number,
    rendered: (await rendered.jsonValue()) as number,
  }
  await page.keyboard.press('Escape')
  return out
}

/**
 * Types a new value into an input cell and commits it with Enter: from the Enter keydown (seen
 * first, on window in the capture phase) until the row total, the column total and the grand
 * total all show new text in the DOM. The MutationObserver's records arrive once the task that
 * commits the edit (Handsontable's second render, for the selection moving down, included) is over:
 * the moment the browser may paint the new totals, with no polling delay.
 */
async function editToTotals(page: Page, row: string, value: number): Promise<number> {
  await page.locator(CELL(`main!${row}.c1`)).click()
  await page.evaluate(
    ([sheet, keys]) => {
      const root = document.querySelector(sheet)!.shadowRoot!
      const text = (k: string) =>
        root.querySelector(`.ht_master td[data-cell="${k}"]`)?.textContent ?? ''
      const before = keys.map(text)
      const w = window as unknown as { __p5edit?: Promise<number> }
      w.__p5edit = new Promise<number>((resolve) => {
        let t0: number | undefined
        const onKey = (e: KeyboardEvent): void => {
          if (e.key === 'Enter' && t0 === undefined) t0 = performance.now()
        }
        window.addEventListener('keydown', onKey, { capture: true })
        const observer = new MutationObserver(() => {
          if (t0 === undefined || keys.some((k, i) => text(k) === before[i])) return
          const t1 = performance.now()
          observer.disconnect()
          window.removeEventListener('keydown', onKey, { capture: true })
          resolve(t1 - t0)
        })
        observer.observe(root, { subtree: true, childList: true, characterData: true })
      })
    },
    [SHEET, [`main!${row}.c10`, 'main!tong.c1', 'main!tong.c10']] as const,
  )
  await page.keyboard.type(String(value))
  await page.keyboard.press('Enter')
  return page.evaluate(() =>
    Promise.race([
      (window as unknown as { __p5edit: Promise<number> }).__p5edit,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('totals did not change within 10 s')), 10_000),
      ),
    ]),
  )
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const suite: BenchSuite = {
  name: 'P5 1,000-row form in headless Chromium',
  async run(): Promise<BenchRow[]> {
    await ensureDesignerBuilt()
    const server = await serveDist()
    const session = await openBrowser()
    try {
      const page = session.page
      const definition = p5Definition()
      const values = p5Values()
      // tsx compiles with esbuild's keepNames: functions declared inside the callbacks sent to the
      // page call its `__name` helper, which only exists in Node.
      await page.addInitScript({ content: 'globalThis.__name = (f) => f' })
      await page.addInitScript(
        ([def, vals, sheet]) => {
          const w = window as unknown as {
            __p5rendered?: number
            rbSandbox: { mountForm(d: unknown, o: { values: unknown }): string[] }
          }
          const waitForGrid = (): void => {
            const cell = document
              .querySelector(sheet)
              ?.shadowRoot?.querySelector('.ht_master td[data-cell="main!r1.c1"]')
            if (cell !== null && cell !== undefined) w.__p5rendered = performance.now()
            else requestAnimationFrame(waitForGrid)
          }
          new MutationObserver((_, observer) => {
            if (document.documentElement.dataset.ready !== 'true') return
            observer.disconnect()
            const problems = w.rbSandbox.mountForm(def, { values: vals })
            if (problems.length > 0)
              throw new Error(`P5 template does not load: ${problems.join('; ')}`)
            waitForGrid()
            // Init scripts run before <html> exists: watch the whole document for the flag.
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] })
        },
        [definition, { main: values }, SHEET] as const,
      )

      const loads: Array<{ interactive: number; rendered: number }> = []
      for (let i = 0; i < LOADS; i++) {
        const load = await timeToInteractive(page, `${server.url}/sandbox.html`).catch(
          (e: Error) => {
            throw new Error(
              `P5 load ${i + 1}: ${e.message}\nbrowser errors: ${session.errors.join('\n')}`,
            )
          },
        )
        loads.push(load)
      }
      // The sandbox has no favicon: that 404 is the only console error a good run has.
      const errors = session.errors.filter((e) => !e.includes('404 (Not Found)'))
      if (errors.length > 0) throw new Error(`browser errors: ${errors.join('\n')}`)

      // Each edit adds k + 1 to c1 of a row on screen; the totals must read what core computes.
      const current = new Map<string, number>()
      const latencies: number[] = []
      let grand = Object.values(values).reduce((sum, r) => sum + (r.c1 ?? 0), 0)
      for (let k = 0; k < WARMUP_EDITS + EDITS; k++) {
        const row = `r${(k % EDITED_ROWS) + 1}`
        const old = current.get(row) ?? values[row]!.c1!
        const next = old + k + 1
        const ms = await editToTotals(page, row, next)
        current.set(row, next)
        grand += next - old
        if (k >= WARMUP_EDITS) latencies.push(ms)
        const shown = await page.locator(CELL('main!tong.c1')).innerText()
        const expected = formatCellValue(grand, { type: 'number' }, { locale: 'vi-VN' })
        if (shown !== expected)
          throw new Error(
            `after editing ${row}.c1 = ${next} the total shows ${shown}, expected ${expected}`,
          )
      }

      const tti = median(loads.map((l) => l.interactive))
      const drawn = median(loads.map((l) => l.rendered))
      const edit = median(latencies)
      const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ')
      const cells = Object.values(values).reduce((n, r) => n + Object.keys(r).length, 0)
      return [
        {
          id: 'P5',
          workload: 'open a 1,000-row form in headless Chromium: time to interactive',
          ours: tti,
          goal: '< 1.5 s',
          pass: tti < INTERACTIVE_GOAL_MS,
          note: `median of ${LOADS} loads of designer/dist/sandbox.html in one fresh Chromium profile (the built bundle from a local static server; the first load is the coldest) holding P1's template with its total row on top (1,001 rows x 10 columns, 500 constraints) and ${cells} filled inputs: from navigation start until the grid is drawn, a click selects an input cell and the first keystroke shows in its editor (${list(loads.map((l) => l.interactive))} ms; grid drawn at ${drawn.toFixed(0)} ms median). Includes parsing the bundle, loadTemplate, createWorkbook, the first Handsontable render (virtualised) and Playwright's click and key round trips.`,
        },
        {
          id: 'P5b',
          workload: 'same form, type into one cell: edit-to-totals latency',
          ours: edit,
          goal: '< 50 ms',
          pass: edit < TOTALS_GOAL_MS,
          note: `median of ${EDITS} edits after ${WARMUP_EDITS} warm-up (${list(latencies)} ms): a value typed into c1 of one of the first ${EDITED_ROWS} rows and committed with Enter, timed in the page from the Enter keydown until the row total, the column total and the grand total all show their new text in the DOM (the MutationObserver's records arrive when the task that commits the edit has finished, just before the browser can paint); each edit's column total is checked against the expected sum.`,
        },
      ]
    } finally {
      await session.close()
      await server.close()
    }
  },
}

export default suite
