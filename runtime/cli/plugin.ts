import path from 'node:path'
import { createEngine } from '../../core/index.js'
import { createOrm, migrate } from '../db/orm.js'
import { queryOne } from '../db/sql.js'
import { loadInstalledEngine, loadPluginModule } from '../services/engine.js'
import { installPlugin, listInstalled } from '../services/plugins.js'
import { ROOT, toolDatabase, type Log } from './tool-db.js'

/**
 * `npm run plugin -- install <folder | npm package> [--tenant <root unit code>]`: installs a regime
 * plugin (its templates become template versions, idempotently; a running server picks the
 * plugin's functions and rules up at its next start). `npm run plugin -- list` shows what is installed.
 */
export async function pluginMain(
  args: string[],
  env: NodeJS.ProcessEnv,
  log: Log,
  cwd = process.cwd(),
): Promise<number> {
  const [command, source] = args
  const tenantIdx = args.indexOf('--tenant')
  const tenantCode = tenantIdx >= 0 ? args[tenantIdx + 1] : undefined
  if (command !== 'install' && command !== 'list') {
    log(
      'Usage: npm run plugin -- install <folder | npm package> [--tenant <root unit code>] | list',
    )
    return 2
  }
  const db = await toolDatabase(env)
  const orm = await createOrm(db.url, { poolMax: 2 })
  try {
    await migrate(orm)
    const tenant = await queryOne<{ id: number; code: string }>(
      orm.em.fork(),
      tenantCode === undefined
        ? 'select id, code from org_unit where parent_id is null order by id limit 1'
        : 'select id, code from org_unit where code = ? and parent_id is null',
      tenantCode === undefined ? [] : [tenantCode],
    )
    if (tenant === undefined) {
      log(
        tenantCode === undefined
          ? 'No tenant yet: start the server once to seed it'
          : `No root unit ${tenantCode}`,
      )
      return 1
    }
    if (command === 'list') {
      for (const p of await listInstalled(orm.em.fork(), tenant.id)) log(JSON.stringify(p))
      return 0
    }
    if (source === undefined) {
      log('install needs a folder or an npm package name')
      return 2
    }
    const local = source.startsWith('.') || path.isAbsolute(source)
    const plugin = await loadPluginModule(local ? path.resolve(cwd, source) : source, ROOT)
    const current = await loadInstalledEngine(orm.em.fork(), ROOT).catch(() =>
      createEngine({ plugins: [] }),
    )
    const stored = local ? `./${path.relative(ROOT, path.resolve(cwd, source))}` : source
    const { result } = await orm.em.fork().transactional((em) =>
      installPlugin(em, current, plugin, {
        tenantId: tenant.id,
        ownerUnitId: tenant.id,
        source: stored,
        actorId: null,
        now: new Date(),
      }),
    )
    log(
      `Installed ${result.pluginId} ${result.version} into ${tenant.code}: ${result.added.length} template version(s) added, ${result.unchanged.length} unchanged`,
    )
    for (const t of result.added) log(`  + ${t}`)
    return 0
  } catch (err) {
    log(`Plugin install failed: ${(err as Error).message}`)
    return 1
  } finally {
    await orm.close()
    await db.embedded?.stop()
  }
}
