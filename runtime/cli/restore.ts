import { ensureDatabase } from '../db/database.js'
import { withDatabase } from '../db/embedded.js'
import { createOrm, migrate } from '../db/orm.js'
import { restoreDatabase } from '../services/backup.js'
import { toolDatabase, type Log } from './tool-db.js'

/**
 * `npm run restore -- <file> [--into <database>]`: restores a backup into a fresh database on the
 * same server (default `report_builder_restored_<timestamp>`), migrated first, all in one
 * transaction. Point DATABASE_URL at it (or rename it) to use it.
 */
export async function restoreMain(
  args: string[],
  env: NodeJS.ProcessEnv,
  log: Log,
): Promise<number> {
  const intoIdx = args.indexOf('--into')
  const target =
    intoIdx >= 0
      ? args[intoIdx + 1]
      : `report_builder_restored_${new Date().toISOString().slice(0, 19).replace(/\D/g, '')}`
  const file = args.find((a, i) => !a.startsWith('--') && i !== intoIdx + 1)
  if (file === undefined || target === undefined) {
    log('Usage: npm run restore -- <backup file> [--into <database name>]')
    return 2
  }
  const db = await toolDatabase(env)
  try {
    await ensureDatabase(db.url, target)
    const url = withDatabase(db.url, target)
    const orm = await createOrm(url, { poolMax: 2 })
    try {
      await migrate(orm)
    } finally {
      await orm.close()
    }
    try {
      const { tables, rows } = await restoreDatabase(url, file)
      log(`Restored ${rows} rows in ${tables} tables into database '${target}'.`)
      log(`Use it with: DATABASE_URL=${url} npm start`)
      return 0
    } catch (err) {
      log(`Restore failed, nothing was written: ${(err as Error).message}`)
      return 1
    }
  } finally {
    await db.embedded?.stop()
  }
}
