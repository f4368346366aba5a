/** designer/dist served statically on 127.0.0.1 with a headless Chromium: what the component tests start. */
import { ensureDesignerBuilt } from './build.js'
import { openBrowser, type Session } from './browser.js'
import { serveDist, type StaticServer } from './server.js'
import { snapOnFailure } from './snap.js'

export interface SandboxApp {
  server: StaticServer
  s: Session
  /** Closes the browser and the server, whichever were started. */
  close(): Promise<void>
  /** Saves a screenshot and prints the browser's errors if the running test fails. */
  snapOnFailure(name: string): void
}

export async function startSandboxApp(): Promise<SandboxApp> {
  await ensureDesignerBuilt()
  const server = await serveDist()
  let s: Session
  try {
    s = await openBrowser()
  } catch (e) {
    await server.close()
    throw e
  }
  return {
    server,
    s,
    close: async () => {
      await s.close()
      await server.close()
    },
    snapOnFailure: (name) => snapOnFailure(s, name),
  }
}
