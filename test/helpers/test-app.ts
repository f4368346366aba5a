import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { inject } from 'vitest'
import { createApp } from '../../runtime/app.js'
import { defaultConfig, type AppContext, type RuntimeConfig } from '../../runtime/context.js'
import { ensureDatabase } from '../../runtime/db/database.js'
import { withDatabase } from '../../runtime/db/embedded.js'
import { createOrm, type Orm } from '../../runtime/db/orm.js'
import { engineHolder } from '../../runtime/services/engine.js'
import { TEST_SCRYPT_COST } from './pg-context.js'

export interface TestApp {
  app: ReturnType<typeof createApp>
  orm: Orm
  ctx: AppContext
  /** URL of this file's own database. */
  url: string
  /** Raw SQL against this file's database (outside any request). */
  sql<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>
  close(): Promise<void>
}

/** A fresh database for one test file: a clone of the migrated, seeded template. */
export async function createTestDatabase(): Promise<string> {
  const pg = inject('pg')
  const name = `${pg.prefix}${randomBytes(5).toString('hex')}`
  await ensureDatabase(pg.serverUrl, name, pg.templateDb)
  return withDatabase(pg.serverUrl, name)
}

/** The app on a fresh database (or the given one), called with `app.request()` (no port). */
export async function startTestApp(
  config: Partial<RuntimeConfig> = {},
  database?: string,
): Promise<TestApp> {
  const url = database ?? (await createTestDatabase())
  const orm = await createOrm(url, { poolMax: 10 })
  const ctx: AppContext = {
    orm,
    config: { ...defaultConfig, scryptCost: TEST_SCRYPT_COST, ...config },
    engine: engineHolder(),
    rootDir: path.resolve(import.meta.dirname, '../..'),
  }
  return {
    app: createApp(ctx),
    orm,
    ctx,
    url,
    sql: (text, params = []) => orm.em.fork().execute(text, params),
    close: () => orm.close(),
  }
}

/** An empty database (no schema) on the test server. */
export async function createEmptyDatabase(): Promise<string> {
  const pg = inject('pg')
  const name = `${pg.prefix}${randomBytes(5).toString('hex')}`
  await ensureDatabase(pg.serverUrl, name)
  return withDatabase(pg.serverUrl, name)
}
