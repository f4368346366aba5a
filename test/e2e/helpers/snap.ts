import { onTestFailed } from 'vitest'
import { screenshot, type Session } from './browser.js'

/** Saves a screenshot of the page and prints the browser's errors if the running test fails. */
export function snapOnFailure(s: Session, name: string): void {
  onTestFailed(async () => {
    console.error(
      `screenshot: ${await screenshot(s.page, name)}\nbrowser errors: ${s.errors.join('\n')}`,
    )
  })
}
