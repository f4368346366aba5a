import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { loadPluginModule } from './engine.js'

/** A form a plugin brings, as the admin's plugins page lists it before installing. */
export interface PluginForm {
  code: string
  version: string
  name: string
  status: string
  periodType: string
}

/** A bundled plugin's folder and what its module declares; `error` when the module does not load. */
export interface BundledPlugin {
  folder: string
  id: string | null
  version: string | null
  name: string | null
  forms: PluginForm[]
  catalogs: string[]
  error?: string
}

/** Plugins shipped with the product (folders of `plugins/`): the API installs only these; the CLI also takes any folder or npm package. */
export async function bundledFolders(rootDir: string): Promise<string[]> {
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

/**
 * Loads every bundled plugin's module to describe it. A plugin that fails to load is listed with
 * its error instead of failing the whole list: the admin sees which folder is broken and why.
 */
export async function describeBundled(rootDir: string): Promise<BundledPlugin[]> {
  const out: BundledPlugin[] = []
  for (const folder of await bundledFolders(rootDir)) {
    try {
      const p = await loadPluginModule(`./plugins/${folder}`, rootDir)
      out.push({
        folder,
        id: p.id,
        version: p.version,
        name: p.name ?? null,
        forms: (p.templates ?? []).map((t) => ({
          code: t.code,
          version: t.version,
          name: t.name,
          status: t.status,
          periodType: t.periodType,
        })),
        catalogs: (p.catalogs ?? []).map((c) => `${c.id}@${c.version}`),
      })
    } catch (err) {
      out.push({
        folder,
        id: null,
        version: null,
        name: null,
        forms: [],
        catalogs: [],
        error: (err as Error).message,
      })
    }
  }
  return out
}
