import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabaseForTool, type Database } from '../db/database.js'

/** Project root (for `.data/`). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Writes one line of a tool's output. */
export type Log = (line: string) => void

/** The database a tool works on: DATABASE_URL, the running server's embedded one, or a temporary embedded one. */
export function toolDatabase(env: NodeJS.ProcessEnv): Promise<Database> {
  return openDatabaseForTool(env, env.RB_DATA_DIR ?? path.join(ROOT, '.data', 'pg'))
}
