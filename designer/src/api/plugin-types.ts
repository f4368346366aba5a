/**
 * Shapes of GET/POST /api/v1/plugins (runtime/routes/plugins.ts, runtime/services/bundled-plugins.ts)
 * as the plugins page reads them; the runtime and the designer never import each other.
 */

/** A form a plugin brings. */
export interface PluginForm {
  code: string
  version: string
  name: string
  status: string
  periodType: string
}

/** A plugin folder shipped with the product; `error` when its module does not load. */
export interface BundledPlugin {
  folder: string
  id: string | null
  version: string | null
  name: string | null
  forms: PluginForm[]
  catalogs: string[]
  error?: string
}

export interface InstalledPlugin {
  pluginId: string
  version: string
  source: string
  templates: unknown
  installedAt: string
}

export interface PluginList {
  installed: InstalledPlugin[]
  bundled: string[]
  available: BundledPlugin[]
  engine: Array<{ id: string; version: string }>
}

/** What an install did: template versions added, and those already there unchanged. */
export interface PluginInstallResult {
  pluginId: string
  version: string
  added: string[]
  unchanged: string[]
}

/** GET /org-units/:id, the part the app reads: which tenant root the unit belongs to. */
export interface OrgUnit {
  id: number
  code: string
  name: string
  tier: string
  parentId: number | null
  rootId: number
}
