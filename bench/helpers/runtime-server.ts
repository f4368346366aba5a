/**
 * The real server for the HTTP benchmarks: embedded PostgreSQL in a temp dir on a free loopback
 * port, and `runtime/server.ts` (migrations, demo seed, Hono on @hono/node-server) as a child
 * process on another free loopback port. The server runs in its own process so the load
 * generator does not share its event loop, as a browser would not.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDatabase } from '../../runtime/db/database.js'
import {
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedServer,
} from '../../runtime/db/embedded.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const HOST = '127.0.0.1'
const START_TIMEOUT_MS = 90_000
const STOP_TIMEOUT_MS = 15_000

export interface RuntimeServer {
  /** URL of the application database (the server's and the anchors'). */
  dbUrl: string
  /** `http://127.0.0.1:<port>` */
  baseUrl: string
  /** The last lines the server printed (for error messages). */
  logTail(): string
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, HOST, () => {
      const addr = srv.address()
      srv.close(() =>
        typeof addr === 'object' && addr !== null
          ? resolve(addr.port)
          : reject(new Error('no free port')),
      )
    })
  })
}

/** Resolves once the child prints its listening line; rejects if it exits or times out first. */
function waitForListening(child: ChildProcess, log: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${log.join('')}`)),
      START_TIMEOUT_MS,
    )
    let started = false
    // Keeps draining the pipes for the whole run (a full pipe would block the server), with a
    // bounded tail for error messages.
    const keep = (chunk: Buffer): void => {
      log.push(chunk.toString())
      if (log.length > 100) log.shift()
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk)
      if (!started && log.join('').includes('listening on')) {
        started = true
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr?.on('data', keep)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (!started)
        reject(new Error(`server exited (${code ?? signal}) before listening:\n${log.join('')}`))
    })
  })
}

/** `listening on` is printed right after `serve()`; wait until a request really answers. */
async function waitForHttp(baseUrl: string): Promise<void> {
  const until = Date.now() + 10_000
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/openapi.json`)
      await res.arrayBuffer()
      if (res.ok) return
    } catch (err) {
      if (Date.now() > until) throw err
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    // server.ts stops its HTTP server, job worker and pool on SIGTERM.
    child.kill('SIGTERM')
  })
}

/**
 * Starts PostgreSQL (fsync off, as the test setup: throw-away data) and the server. `stop()`
 * stops both and removes the temp dir; a failed start cleans up before it rethrows.
 */
export async function startRuntimeServer(): Promise<RuntimeServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rb-bench-'))
  let pg: EmbeddedServer | undefined
  let child: ChildProcess | undefined
  const stop = async (): Promise<void> => {
    if (child !== undefined) await stopChild(child)
    if (pg !== undefined) await pg.stop()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await chmod(dir, 0o755) // as root, PostgreSQL runs as a `postgres` user that must reach it
    pg = await startEmbeddedPostgres({
      dir: path.join(dir, 'data'),
      port: await freePort(),
      persistent: false,
      fast: true,
    })
    await ensureDatabase(pg.url, 'report_builder')
    const dbUrl = withDatabase(pg.url, 'report_builder')
    const port = await freePort()
    const log: string[] = []
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'runtime', 'server.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await waitForListening(child, log)
    const baseUrl = `http://${HOST}:${port}`
    await waitForHttp(baseUrl)
    return { dbUrl, baseUrl, logTail: () => log.join('').slice(-4000), stop }
  } catch (err) {
    await stop()
    throw err
  }
}
