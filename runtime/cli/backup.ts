import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { backupDatabase } from '../services/backup.js'
import { ROOT, toolDatabase, type Log } from './tool-db.js'

/**
 * `npm run backup [-- file]`: a consistent logical backup of the application database (gzipped
 * JSON lines, see services/backup.ts). Default file: .data/backups/backup-<timestamp>.jsonl.gz
 */
export async function backupMain(
  args: string[],
  env: NodeJS.ProcessEnv,
  log: Log,
): Promise<number> {
  const file = path.resolve(
    args[0] ??
      path.join(
        ROOT,
        '.data',
        'backups',
        `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`,
      ),
  )
  await mkdir(path.dirname(file), { recursive: true })
  const db = await toolDatabase(env)
  try {
    const { tables, rows } = await backupDatabase(db.url, file)
    log(`Backup written: ${file} (${tables} tables, ${rows} rows)`)
    return 0
  } finally {
    await db.embedded?.stop()
  }
}
