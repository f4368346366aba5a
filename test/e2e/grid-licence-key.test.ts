/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, hence the DOM types.
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { startTestApp, type TestApp } from '../helpers/test-app.js'
import { ensureDesignerBuilt } from './helpers/build.js'
import { openBrowser, screenshot, type Session } from './helpers/browser.js'

/**
 * The Handsontable licence key is the deployment's configuration (HANDSONTABLE_LICENSE_KEY ->
 * RuntimeConfig.gridLicenseKey): the runtime writes it into the served page and every grid
 * component takes it as its default; without it, the evaluation key.
 */
let t: TestApp
let server: ServerType
let base: string
let s: Session

// A quote and angle brackets: the key must reach the page as it is, not break the markup.
const KEY = 'cong-ty-"a"-<b>-12345'

beforeAll(async () => {
  await ensureDesignerBuilt()
  t = await startTestApp({ gridLicenseKey: KEY })
  server = await new Promise<ServerType>((resolve) => {
    const srv = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(srv))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  s = await openBrowser()
}, 900_000)

afterAll(async () => {
  await s?.close()
  await new Promise((r) => server?.close(r))
  await t?.close()
})

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
    onTestFailed(async () => {
      console.error(
        `screenshot: ${await screenshot(s.page, 'grid-licence-key')}\n${s.errors.join('\n')}`,
      )
    })
    expect(await keysInPage('/')).toEqual({ meta: KEY, sheet: KEY, editor: KEY })
    expect(await keysInPage('/index.html#/inbox')).toEqual({ meta: KEY, sheet: KEY, editor: KEY })
  })

  it('without configuration the grids use the evaluation key', async () => {
    delete t.ctx.config.gridLicenseKey
    const evaluation = 'non-commercial-and-evaluation'
    expect(await keysInPage('/')).toEqual({ meta: null, sheet: evaluation, editor: evaluation })
  })
})
