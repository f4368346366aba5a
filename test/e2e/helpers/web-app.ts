/**
 * The runtime (Hono on a fresh PostgreSQL database, the built designer bundle at `/`) listening on
 * 127.0.0.1 with a headless Chromium beside it: what every e2e test file of the web app starts.
 */
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { RuntimeConfig } from '../../../runtime/context.js'
import { DEMO_PASSWORD } from '../../../runtime/seed/demo-data.js'
import { startTestApp, type TestApp } from '../../helpers/test-app.js'
import { ensureDesignerBuilt } from './build.js'
import { openBrowser, type Session } from './browser.js'
import { snapOnFailure } from './snap.js'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/**
 * A session lifetime for a server on a fixed clock: the browser keeps real time and drops cookies
 * whose expiry has passed, so the session must last until a day after the real now (cookies may
 * not reach 400 days ahead, hence not simply "forever").
 */
export function sessionTtlFor(clock: Date): number {
  return Math.max(8 * HOUR, Date.now() - clock.getTime() + DAY)
}

export interface WebApp {
  t: TestApp
  /** `http://127.0.0.1:<port>` of the listening runtime. */
  base: string
  s: Session
  /** Closes the browser, the listener and the database pool, whichever were started. */
  close(): Promise<void>
  /** Signs in with the demo password on `base/<hash>`, signing out first if a session is left. */
  signIn(username: string, hash?: string): Promise<void>
  signOut(): Promise<void>
  /** Saves a screenshot and prints the browser's errors if the running test fails. */
  snapOnFailure(name: string): void
}

function listen(t: TestApp): Promise<ServerType> {
  return new Promise<ServerType>((resolve) => {
    const srv = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(srv))
  })
}

export async function startWebApp(config: Partial<RuntimeConfig> = {}): Promise<WebApp> {
  await ensureDesignerBuilt()
  const t = await startTestApp(config)
  let server: ServerType | undefined
  let s: Session | undefined
  const close = async (): Promise<void> => {
    await s?.close()
    if (server !== undefined) await new Promise((r) => server?.close(r))
    await t.close()
  }
  try {
    server = await listen(t)
    s = await openBrowser()
  } catch (e) {
    await close()
    throw e
  }
  const session = s
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const signOut = async (): Promise<void> => {
    await session.page.locator('rb-app button.logout').click()
    await session.page.locator('rb-login-page').waitFor()
  }
  return {
    t,
    base,
    s: session,
    close,
    signOut,
    async signIn(username, hash = '#/inbox') {
      const page = session.page
      await page.goto(`${base}/${hash}`)
      // A test that failed half-way may have left a session behind.
      await page.locator('rb-login-page, rb-app button.logout').first().waitFor()
      if ((await page.locator('rb-app button.logout').count()) > 0) await signOut()
      await page.locator('rb-login-page input[name="username"]').fill(username)
      await page.locator('rb-login-page input[name="password"]').fill(DEMO_PASSWORD)
      await page.locator('rb-login-page button[type="submit"]').click()
      await page.locator('rb-app button.logout').waitFor()
    },
    snapOnFailure: (name) => snapOnFailure(session, name),
  }
}
