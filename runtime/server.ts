/**
 * Entry point: `tsx runtime/server.ts`. Starts PostgreSQL (embedded unless DATABASE_URL is set),
 * applies migrations, seeds the demo province, serves the app and runs the job worker.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { defaultConfig, type AppContext } from './context.js'
import { shownPath } from './db/data-dir-access.js'
import { openDatabase } from './db/database.js'
import { createOrm, migrate } from './db/orm.js'
import { engineHolder, loadInstalledEngine } from './services/engine.js'
import { connectorHostsFromEnv, connectorsFromEnv } from './services/connectors/config.js'
import { createJobHandlers, scheduleTick } from './services/job-handlers.js'
import { startWorker } from './services/jobs.js'
import { seedExampleTemplate } from './seed/seed-template.js'
import { seedDemo } from './seed/seed.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 3000)

/** RB_RECEIVING_DAYS: days a receiving window stays open after the deadline (default 15). */
function receivingDays(value: string | undefined): number {
  if (value === undefined || value === '') return defaultConfig.receivingDaysAfterDeadline
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 366)
    throw new Error(
      `RB_RECEIVING_DAYS must be a whole number of days from 0 to 366, got '${value}'`,
    )
  return n
}
// Bad settings stop the start here, before the database is started.
const connectors = connectorsFromEnv(process.env)
const connectorHosts = connectorHostsFromEnv(process.env)
const receivingDaysAfterDeadline = receivingDays(process.env.RB_RECEIVING_DAYS)

// RB_DATA_DIR moves the embedded cluster (tests start the server on a throw-away directory).
const dataDir = process.env.RB_DATA_DIR ?? path.join(root, '.data', 'pg')
const db = await openDatabase(process.env, dataDir)
const orm = await createOrm(db.url)
const applied = await migrate(orm)
const engine = engineHolder(await loadInstalledEngine(orm.em.fork(), root))
const ctx: AppContext = {
  orm,
  config: {
    ...defaultConfig,
    cookieSecure: process.env.COOKIE_SECURE === '1',
    connectors,
    connectorHosts,
    receivingDaysAfterDeadline,
    ...(process.env.HANDSONTABLE_LICENSE_KEY
      ? { gridLicenseKey: process.env.HANDSONTABLE_LICENSE_KEY }
      : {}),
  },
  engine,
  rootDir: root,
}
const seed = await seedDemo(orm, { now: ctx.config.now() })
const example = await seedExampleTemplate(
  orm,
  engine.get(),
  path.join(root, 'schemas', 'examples', 'valid'),
  ctx.config.now(),
)
await orm.em.fork().transactional((em) => scheduleTick(em, ctx.config.now()))
const worker = startWorker(
  orm,
  createJobHandlers({
    engine: engine.get,
    receivingDaysAfterDeadline: ctx.config.receivingDaysAfterDeadline,
  }),
  ctx.config.now,
)
const app = createApp(ctx)
const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' })

console.log(
  `Database: ${db.embedded === undefined ? 'DATABASE_URL' : `embedded PostgreSQL (${shownPath(root, dataDir)})`}`,
)
if (applied.length > 0) console.log(`Migrations applied: ${applied.join(', ')}`)
console.log(
  `Report builder listening on http://localhost:${port}  (API: /api/v1, OpenAPI: /api/v1/openapi.json)`,
)
if (example !== undefined) {
  console.log(
    `Example template ${example.code} v${example.version} installed and assigned for period ${example.period}`,
  )
}
console.log(`Demo logins (password for all: ${seed.password}):`)
for (const l of seed.logins)
  console.log(`  ${l.username.padEnd(22)} ${l.role.padEnd(11)} ${l.unit}`)

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`${signal}: shutting down`)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await worker.stop()
  await orm.close()
  await db.embedded?.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
