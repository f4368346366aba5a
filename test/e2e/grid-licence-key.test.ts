/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../helpers/test-app.js'
import type { Session } from './helpers/browser.js'
import { startWebApp, type WebApp } from './helpers/web-app.js'

/**
 * The Handsontable licence key is the deployment's configuration (HANDSONTABLE_LICENSE_KEY ->
 * RuntimeConfig.gridLicenseKey): the runtime writes it into the served page and every grid
 * component takes it as its default; without it, the evaluation key.
 */
let t: TestApp
let web: WebApp
let base: string
let s: Session

// A quote and angle brackets: the key must reach the page as it is, not break the markup.
const KEY = 'cong-ty-"a"-<b>-12345'

beforeAll(async () => {
  web = await startWebApp({ gridLicenseKey: KEY })
  ;({ t, base, s } = web)
}, 900_000)

afterAll(() => web?.close())

async function keysInPage(
  path: string,
): Promise<{ meta: string | null; sheet: string; editor: string }> {
  await s.page.goto(`${base}${path}`)
  return s.page.evaluate(async () => {
    await Promise.all(['rb-form-sheet', 'rb-grid-editor'].map((n) => customElements.whenDefined(n)))
    const key = (tag: string) =>
      (document.createElement(tag) as HTMLElement & { licenseKey: string }).licenseKey
    return {
      meta:
        document.querySelector('meta[name="rb-grid-license-key"]')?.getAttribute('content') ?? null,
      sheet: key('rb-form-sheet'),
      editor: key('rb-grid-editor'),
    }
  })
}

describe('the grid licence key comes from configuration', () => {
  it('the configured key reaches every grid component, whichever way the page is asked for', async () => {
    web.snapOnFailure('grid-licence-key')
    expect(await keysInPage('/')).toEqual({ meta: KEY, sheet: KEY, editor: KEY })
    expect(await keysInPage('/index.html#/inbox')).toEqual({ meta: KEY, sheet: KEY, editor: KEY })
  })

  it('without configuration the grids use the evaluation key', async () => {
    delete t.ctx.config.gridLicenseKey
    const evaluation = 'non-commercial-and-evaluation'
    expect(await keysInPage('/')).toEqual({ meta: null, sheet: evaluation, editor: evaluation })
  })
})
