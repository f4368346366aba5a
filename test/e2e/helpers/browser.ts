/**
 * Headless Debian Chromium through playwright-core (no browser download: the machines reach only
 * the npm registry and Debian's archive). scripts/ensure-chromium.sh installs it when missing.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { repoRoot } from './build.js'

export const CHROMIUM = '/usr/bin/chromium'
export const screenshotDir = path.join(repoRoot, 'test/e2e/screenshots')

export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return
  execFileSync('bash', [path.join(repoRoot, 'scripts/ensure-chromium.sh')], {
    stdio: 'inherit',
    timeout: 900_000,
  })
}

export interface Session {
  browser: Browser
  context: BrowserContext
  page: Page
  /** Browser console errors and uncaught page errors, for assertions and failure reports. */
  errors: string[]
  close(): Promise<void>
}

export async function openBrowser(): Promise<Session> {
  ensureChromium()
  const profile = mkdtempSync(path.join(tmpdir(), 'rb-chromium-'))
  // A fresh profile per session: no state leaks between test files.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const page = context.pages()[0] ?? (await context.newPage())
  // Fail a step within the test's time, with Playwright's message, rather than time out the test.
  page.setDefaultTimeout(15_000)
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  const browser = context.browser() as Browser
  return {
    browser,
    context,
    page,
    errors,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Saves a full-page screenshot under test/e2e/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`)
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
  return file
}
