import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { requireRole } from '../auth/access.js'
import { badRequest } from '../errors.js'
import { loadPluginModule } from '../services/engine.js'
import { installPlugin, listInstalled } from '../services/plugins.js'
import { getUnit } from '../services/units.js'
import { defineRoutes } from './define.js'
import { em, engine, now } from './helpers.js'

/** Plugins shipped with the product (folders of `plugins/`): the API installs only these; the CLI also takes any folder or npm package. */
async function bundled(rootDir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(rootDir, 'plugins'), { withFileTypes: true })
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  } catch {
    return []
  }
}

export const pluginRoutes = defineRoutes([
  {
    method: 'get',
    path: '/plugins',
    operationId: 'listPlugins',
    summary: "Plugins installed in the caller's tenant, and the bundled ones that can be installed",
    tag: 'plugins',
    async handler(c, _body, auth) {
      const home = await getUnit(em(c), auth.user.unitId)
      return {
        installed: await listInstalled(em(c), home.rootId),
        bundled: await bundled(c.get('ctx').rootDir),
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
])
