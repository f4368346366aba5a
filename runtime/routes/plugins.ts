import { requireRole } from '../auth/access.js'
import { badRequest } from '../errors.js'
import { loadPluginModule } from '../services/engine.js'
import { bundledFolders as bundled, describeBundled } from '../services/bundled-plugins.js'
import { installPlugin, listInstalled } from '../services/plugins.js'
import { getUnit } from '../services/units.js'
import type { Context } from 'hono'
import type { AppEnv, Auth } from '../context.js'
import { queryOne } from '../db/sql.js'
import { notFound } from '../errors.js'
import {
  connectorHostRefusal,
  connectorVariable,
  parseConnectorConfig,
  redactConnector,
  type ConnectorConfig,
} from '../services/connectors/config.js'
import { connectorSetting, saveConnectorSetting } from '../services/plugin-settings.js'
import { defineRoutes } from './define.js'
import { audit, em, engine, now } from './helpers.js'

/** The caller's tenant root, after checking they administer it and the plugin is installed there. */
async function installedIn(
  c: Context<AppEnv>,
  auth: Auth,
): Promise<{ tenantId: number; pluginId: string }> {
  const home = await getUnit(em(c), auth.user.unitId)
  const root = await getUnit(em(c), home.rootId)
  requireRole(auth, 'admin', root)
  const pluginId = c.req.param('id') ?? ''
  const row = await queryOne(
    em(c),
    'select 1 from plugin_install where tenant_id = ? and plugin_id = ?',
    [root.id, pluginId],
  )
  if (row === undefined) throw notFound(`Plugin ${pluginId} in this tenant`)
  return { tenantId: root.id, pluginId }
}

async function connectorView(c: Context<AppEnv>, tenantId: number, pluginId: string) {
  const setting = await connectorSetting(em(c), c.get('ctx').config, tenantId, pluginId)
  return {
    pluginId,
    connector: setting === undefined ? null : redactConnector(setting.config),
    source: setting?.source ?? null,
    variable: connectorVariable(pluginId),
  }
}

export const pluginRoutes = defineRoutes([
  {
    method: 'get',
    path: '/plugins',
    operationId: 'listPlugins',
    summary:
      "Plugins installed in the caller's tenant, and the bundled ones that can be installed (`available`: id, version, name, forms, catalogues; a module that does not load is listed with its error)",
    tag: 'plugins',
    async handler(c, _body, auth) {
      const home = await getUnit(em(c), auth.user.unitId)
      return {
        installed: await listInstalled(em(c), home.rootId),
        bundled: await bundled(c.get('ctx').rootDir),
        available: await describeBundled(c.get('ctx').rootDir),
        engine: engine(c).plugins.map((p) => ({ id: p.id, version: p.version })),
      }
    },
  },
  {
    method: 'post',
    path: '/plugins',
    operationId: 'installPlugin',
    summary:
      'Install (or re-install) a bundled plugin: its templates are loaded as versions, idempotently',
    tag: 'plugins',
    roles: 'admin on the root unit',
    status: 201,
    body: {
      type: 'object',
      required: ['plugin'],
      additionalProperties: false,
      properties: { plugin: { type: 'string', description: 'Folder name under plugins/' } },
    },
    async handler(c, body, auth) {
      const { plugin: name } = body as { plugin: string }
      const home = await getUnit(em(c), auth.user.unitId)
      const root = await getUnit(em(c), home.rootId)
      requireRole(auth, 'admin', root)
      const { rootDir } = c.get('ctx')
      if (!(await bundled(rootDir)).includes(name)) {
        throw badRequest(
          `No bundled plugin '${name}' (available: ${(await bundled(rootDir)).join(', ')})`,
          { pointer: '/plugin' },
        )
      }
      const source = `./plugins/${name}`
      let plugin
      try {
        plugin = await loadPluginModule(source, rootDir)
      } catch (err) {
        throw badRequest(`Plugin ${name} does not load: ${(err as Error).message}`)
      }
      let installed
      try {
        installed = await installPlugin(em(c), engine(c), plugin, {
          tenantId: root.id,
          ownerUnitId: root.id,
          source,
          actorId: auth.user.id,
          now: now(c),
        })
      } catch (err) {
        if (err instanceof Error && !('status' in err))
          throw badRequest(`Plugin ${name} cannot be installed: ${err.message}`)
        throw err
      }
      c.get('ctx').engine.set(installed.engine)
      return installed.result
    },
  },
  {
    method: 'get',
    path: '/plugins/:id/connector',
    operationId: 'getPluginConnector',
    summary:
      "The connector a plugin's prefill hook reads from in this tenant: the tenant's setting, else the server's (RB_CONNECTOR_<PLUGIN>); header values are masked",
    tag: 'plugins',
    roles: 'admin on the root unit',
    async handler(c, _body, auth) {
      const { tenantId, pluginId } = await installedIn(c, auth)
      return connectorView(c, tenantId, pluginId)
    },
  },
  {
    method: 'put',
    path: '/plugins/:id/connector',
    operationId: 'setPluginConnector',
    summary:
      "Set (or with null remove) the tenant's HTTP connector of a plugin: url with {unit} {period} {template} {version}, timeoutMs, headers. File connectors are set on the server only",
    tag: 'plugins',
    roles: 'admin on the root unit',
    body: {
      type: 'object',
      required: ['connector'],
      additionalProperties: false,
      properties: {
        connector: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              required: ['kind', 'url'],
              properties: {
                kind: { const: 'http' },
                id: { type: 'string' },
                url: { type: 'string', minLength: 1 },
                timeoutMs: { type: 'integer', minimum: 1, maximum: 120000 },
                headers: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          ],
        },
      },
    },
    async handler(c, body, auth) {
      const { tenantId, pluginId } = await installedIn(c, auth)
      const raw = (body as { connector: unknown }).connector
      let connector: ConnectorConfig | null = null
      if (raw !== null) {
        try {
          connector = parseConnectorConfig(raw, 'connector')
        } catch (err) {
          throw badRequest(`Invalid connector: ${(err as Error).message}`, {
            pointer: '/connector',
          })
        }
        const refusal =
          connector.kind === 'http'
            ? connectorHostRefusal(connector.url, c.get('ctx').config.connectorHosts)
            : undefined
        if (refusal !== undefined)
          throw badRequest(`Invalid connector: ${refusal}`, { pointer: '/connector/url' })
      }
      const before = await connectorView(c, tenantId, pluginId)
      await saveConnectorSetting(em(c), tenantId, pluginId, connector, auth.user.id, now(c))
      const after = await connectorView(c, tenantId, pluginId)
      await audit(c, auth, {
        tenantId,
        action: 'plugin.connector',
        entity: 'plugin',
        entityId: pluginId,
        before: before.source === 'tenant' ? before.connector : null,
        after: after.source === 'tenant' ? after.connector : null,
      })
      return after
    },
  },
])
