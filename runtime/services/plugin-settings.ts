import type { EntityManager } from '@mikro-orm/postgresql'
import type { RuntimeConfig } from '../context.js'
import { query, queryOne } from '../db/sql.js'
import { parseConnectorConfig, type ConnectorConfig } from './connectors/config.js'

export interface ConnectorSetting {
  config: ConnectorConfig
  /** `tenant`: set by the tenant's admin (plugin_setting); `deployment`: from the environment. */
  source: 'tenant' | 'deployment'
}

/** The connector a plugin's prefill hook uses in a tenant: the tenant's setting, else the deployment's. */
export async function connectorSetting(
  em: EntityManager,
  config: RuntimeConfig,
  tenantId: number,
  pluginId: string,
): Promise<ConnectorSetting | undefined> {
  const row = await queryOne<{ connector: unknown }>(
    em,
    'select connector from plugin_setting where tenant_id = ? and plugin_id = ?',
    [tenantId, pluginId],
  )
  if (row !== undefined) {
    return {
      config: parseConnectorConfig(row.connector, `plugin_setting ${pluginId}`),
      source: 'tenant',
    }
  }
  const deployed = config.connectors[pluginId]
  return deployed === undefined ? undefined : { config: deployed, source: 'deployment' }
}

/** Stores (or, with null, removes) a tenant's connector of a plugin. */
export async function saveConnectorSetting(
  em: EntityManager,
  tenantId: number,
  pluginId: string,
  connector: ConnectorConfig | null,
  actorId: number,
  now: Date,
): Promise<void> {
  if (connector === null) {
    await query(em, 'delete from plugin_setting where tenant_id = ? and plugin_id = ?', [
      tenantId,
      pluginId,
    ])
    return
  }
  await query(
    em,
    `insert into plugin_setting (tenant_id, plugin_id, connector, updated_by_id, updated_at) values (?, ?, ?::jsonb, ?, ?)
     on conflict (tenant_id, plugin_id) do update set connector = excluded.connector, updated_by_id = excluded.updated_by_id, updated_at = excluded.updated_at`,
    [tenantId, pluginId, JSON.stringify(connector), actorId, now],
  )
}
