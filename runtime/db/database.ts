import pg from 'pg'
import { startEmbeddedPostgres, withDatabase, type EmbeddedServer } from './embedded.js'

export interface Database {
  /** URL of the application database. */
  url: string
  embedded?: EmbeddedServer
}

/** Creates a database if it does not exist (CREATE DATABASE cannot run in a transaction or take parameters). */
export async function ensureDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name '${name}'`)
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount === 0) {
      await client.query(
        `create database "${name}"${template === undefined ? '' : ` template "${template}"`}`,
      )
    }
  } finally {
    await client.end()
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server with its data under `dataDir`, kept
 * between runs, and an application database `report_builder` in it.
 */
export async function openDatabase(env: NodeJS.ProcessEnv, dataDir: string): Promise<Database> {
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL !== '') return { url: env.DATABASE_URL }
  const port = Number(env.PGPORT ?? 54333)
  const embedded = await startEmbeddedPostgres({ dir: dataDir, port, persistent: true })
  try {
    await ensureDatabase(embedded.url, 'report_builder')
  } catch (err) {
    await embedded.stop()
    throw err
  }
  return { url: withDatabase(embedded.url, 'report_builder'), embedded }
}

/** True when a PostgreSQL server answers at `url`. */
async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

/**
 * For CLI tools (backup, restore, verify): DATABASE_URL, else the embedded server of a running
 * `npm start`, else a temporarily started embedded server on the same data directory.
 */
export async function openDatabaseForTool(
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<Database> {
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL !== '') return { url: env.DATABASE_URL }
  const port = Number(env.PGPORT ?? 54333)
  const running = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`
  if (await reachable(running)) {
    await ensureDatabase(running, 'report_builder')
    return { url: withDatabase(running, 'report_builder') }
  }
  return openDatabase(env, dataDir)
}
