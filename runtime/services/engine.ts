import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { EntityManager } from '@mikro-orm/postgresql'
import { createEngine, type Engine, type Plugin, type PluginDefinition } from '../../core/index.js'
import { query } from '../db/sql.js'

/**
 * The core engine of the installed plugins (their formula functions, rules, hooks). Built at
 * start from the `plugin_install` table and swapped after an install; requests read `get()`.
 */
export interface EngineHolder {
  get(): Engine
  set(engine: Engine): void
}

export function engineHolder(engine: Engine = createEngine({ plugins: [] })): EngineHolder {
  let current = engine
  return {
    get: () => current,
    set: (e) => {
      current = e
    },
  }
}

/**
 * Imports a plugin module: a folder (with index.ts or index.js) or an npm package name. The
 * module's default export (or `plugin`) is the `definePlugin` result.
 */
export async function loadPluginModule(
  source: string,
  baseDir: string,
): Promise<Plugin | PluginDefinition> {
  let specifier = source
  if (source.startsWith('.') || path.isAbsolute(source)) {
    const dir = path.resolve(baseDir, source)
    const entry = ['index.ts', 'index.js', 'dist/index.js']
      .map((f) => path.join(dir, f))
      .find((f) => existsSync(f))
    if (entry === undefined) throw new Error(`No index.ts or index.js in plugin folder ${dir}`)
    specifier = pathToFileURL(entry).href
  }
  const mod = (await import(specifier)) as { default?: unknown; plugin?: unknown }
  const plugin = (mod.default ?? mod.plugin) as PluginDefinition | undefined
  if (plugin === undefined || typeof plugin.id !== 'string' || typeof plugin.version !== 'string') {
    throw new Error(`${source} does not export a plugin (default export of definePlugin)`)
  }
  return plugin
}

/** The engine of every plugin installed in any tenant (plugin ids are global, as module names are). */
export async function loadInstalledEngine(em: EntityManager, baseDir: string): Promise<Engine> {
  const rows = await query<{ source: string }>(
    em,
    'select distinct on (plugin_id) source from plugin_install order by plugin_id, installed_at desc',
  )
  const plugins = []
  for (const r of rows) plugins.push(await loadPluginModule(r.source, baseDir))
  return createEngine({ plugins })
}
