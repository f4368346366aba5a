import type { EntityManager } from '@mikro-orm/postgresql'
import { createEngine, type Engine, type Plugin, type PluginDefinition } from '../../core/index.js'
import { query, queryOne } from '../db/sql.js'
import { canonicalJson } from '../exports/canonical-json.js'
import { conflict } from '../errors.js'
import { appendAudit } from './audit.js'
import { resolveDefinition } from './templates.js'

export interface InstallResult {
  pluginId: string
  version: string
  /** Template versions added by this install. */
  added: string[]
  /** Template versions that were already there, identical (idempotent re-install). */
  unchanged: string[]
}

/**
 * Installs a plugin into a tenant: each of its templates becomes a template version (same code and
 * version twice is a no-op; same version with different content is a 409 naming it). Returns the
 * engine that includes the plugin, for the caller to swap in after commit.
 */
export async function installPlugin(
  em: EntityManager,
  current: Engine,
  plugin: Plugin | PluginDefinition,
  opts: {
    tenantId: number
    ownerUnitId: number
    source: string
    actorId: number | null
    now: Date
  },
): Promise<{ result: InstallResult; engine: Engine }> {
  const others = current.plugins.filter((p) => p.id !== plugin.id)
  // Builds (and so checks) the engine first: duplicate ids, core API range, templates that do not load.
  const engine = createEngine({ plugins: [...others, plugin] })
  const added: string[] = []
  const unchanged: string[] = []
  for (const def of plugin.templates ?? []) {
    const { template } = resolveDefinition(def, engine)
    const label = `${template.code}@${template.version}`
    let t = await queryOne<{ id: number }>(
      em,
      'select id from template where tenant_id = ? and code = ?',
      [opts.tenantId, template.code],
    )
    t ??= await queryOne<{ id: number }>(
      em,
      'insert into template (tenant_id, owner_unit_id, code, name, created_at) values (?, ?, ?, ?, ?) returning id',
      [opts.tenantId, opts.ownerUnitId, template.code, template.definition.name, opts.now],
    )
    const existing = await queryOne<{ definition: unknown }>(
      em,
      'select definition from template_version where template_id = ? and version = ?',
      [t!.id, template.version],
    )
    if (existing !== undefined) {
      const { status: _a, ...stored } = existing.definition as Record<string, unknown>
      const { status: _b, ...incoming } = template.definition as unknown as Record<string, unknown>
      if (canonicalJson(stored) !== canonicalJson(incoming)) {
        throw conflict(
          'plugin_version_clash',
          `Plugin ${plugin.id} ${plugin.version} brings ${label}, which is installed with different content; give the changed template a new version`,
        )
      }
      unchanged.push(label)
      continue
    }
    const status = template.definition.status
    await query(
      em,
      `insert into template_version (template_id, version, status, definition, lock_version, created_by_id, created_at, updated_at, published_at)
       values (?, ?, ?, ?::jsonb, 1, ?, ?, ?, ?)`,
      [
        t!.id,
        template.version,
        status,
        JSON.stringify(template.definition),
        opts.actorId,
        opts.now,
        opts.now,
        status === 'published' ? opts.now : null,
      ],
    )
    added.push(label)
  }
  await query(
    em,
    `insert into plugin_install (tenant_id, plugin_id, version, source, templates, installed_by_id, installed_at)
     values (?, ?, ?, ?, ?::jsonb, ?, ?)
     on conflict (tenant_id, plugin_id) do update set version = excluded.version, source = excluded.source,
       templates = excluded.templates, installed_by_id = excluded.installed_by_id, installed_at = excluded.installed_at`,
    [
      opts.tenantId,
      plugin.id,
      plugin.version,
      opts.source,
      JSON.stringify([...unchanged, ...added]),
      opts.actorId,
      opts.now,
    ],
  )
  const result = { pluginId: plugin.id, version: plugin.version, added, unchanged }
  await appendAudit(
    em,
    {
      actorId: opts.actorId,
      tenantId: opts.tenantId,
      action: 'plugin.install',
      entity: 'plugin',
      entityId: plugin.id,
      after: result,
    },
    opts.now,
  )
  return { result, engine }
}

export async function listInstalled(em: EntityManager, tenantId: number) {
  return query(
    em,
    `select plugin_id as "pluginId", version, source, templates, installed_at as "installedAt" from plugin_install where tenant_id = ? order by plugin_id`,
    [tenantId],
  )
}
