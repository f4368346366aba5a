import type { CatalogDefinition, IsoDate } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { createFunctionRegistry } from '../formula/index.js'
import type { FunctionRegistry } from '../formula/index.js'
import type { FormulaFunction } from '../formula/types.js'
import { nominalDates } from '../period/window.js'
import type { ResolvedTemplate } from '../template/types.js'
import { CORE_VERSION } from './core-version.js'
import { definePlugin } from './define-plugin.js'
import { deepFreeze } from './freeze.js'
import { createHookRunner } from './hook-runner.js'
import type { HookRunner } from './hook-runner.js'
import { loadPluginTemplate } from './load-template.js'
import { parseSemver, parseSemverRange, satisfies } from './semver.js'
import { compareVersionLabels } from './version-label.js'
import { catalogProblems } from './validate-catalog.js'
import type {
  CatalogEntry,
  Exporter,
  Plugin,
  PluginDefinition,
  Rule,
  RuleContext,
  TemplateEntry,
} from './types.js'

export interface EngineOptions {
  plugins: readonly (Plugin | PluginDefinition)[]
  /** The core version plugins' `coreApi` ranges are checked against; default `CORE_VERSION`. */
  coreVersion?: string
}

/** Which template version applies to a report: by period (its first day), by date, by unit. */
export interface TemplateQuery {
  period?: string
  on?: IsoDate
  unit?: string
}

/** A frozen set of plugins merged into one registry of templates, catalogues, functions, rules, hooks and exporters. */
export interface Engine {
  readonly coreVersion: string
  readonly plugins: readonly Plugin[]
  /** Built-in formula functions plus every plugin's. */
  readonly functions: FunctionRegistry
  /** A template by code and version; without a version, the highest published version. */
  template(code: string, version?: string): ResolvedTemplate | undefined
  /**
   * The template version that applies to a report: the resolveTemplateVersion hook decides first;
   * otherwise the highest published version in force on `on` (or the period's first day).
   */
  templateFor(code: string, query: TemplateQuery): ResolvedTemplate | undefined
  templates(): readonly TemplateEntry[]
  /** A catalogue by id and version; without a version, the highest. */
  catalog(id: string, version?: string): Readonly<CatalogDefinition> | undefined
  catalogs(): readonly CatalogEntry[]
  rules(): readonly Rule[]
  /** Runs every plugin rule that applies to the template; a rule that throws becomes an error diagnostic. */
  runRules(ctx: RuleContext): Diagnostic[]
  runHook: HookRunner['run']
  exporter(id: string): Readonly<Exporter> | undefined
  exporters(): readonly Readonly<Exporter>[]
}

/** Records who contributed each id; a second contributor is an error naming both plugins. */
function claimer(kind: string): (key: string, plugin: string) => void {
  const owners = new Map<string, string>()
  return (key, plugin) => {
    const first = owners.get(key)
    if (first === undefined) return void owners.set(key, plugin)
    throw new Error(
      first === plugin
        ? `${kind} ${key} is defined twice by plugin ${plugin}`
        : `${kind} ${key} is defined by plugin ${first} and plugin ${plugin}`,
    )
  }
}

function checkIdentities(plugins: readonly Plugin[], coreVersion: string): void {
  const seen = new Map<string, Plugin>()
  for (const p of plugins) {
    const other = seen.get(p.id)
    if (other !== undefined) {
      throw new Error(
        `plugin id ${p.id} is used by two plugins (versions ${other.version} and ${p.version})`,
      )
    }
    seen.set(p.id, p)
    if (!satisfies(coreVersion, parseSemverRange(p.coreApi))) {
      throw new Error(
        `plugin ${p.id} ${p.version} needs core API ${p.coreApi}, but this core is ${coreVersion}`,
      )
    }
  }
}

function mergeFunctions(plugins: readonly Plugin[]): FunctionRegistry {
  const builtIn = createFunctionRegistry()
  const claim = claimer('function')
  const all: FormulaFunction[] = []
  for (const p of plugins) {
    for (const f of p.functions) {
      const name = f.name.toUpperCase()
      if (builtIn.has(name))
        throw new Error(`function ${name} is defined by core and plugin ${p.id}`)
      claim(name, p.id)
      all.push(f)
    }
  }
  return createFunctionRegistry(all)
}

function loadTemplates(plugins: readonly Plugin[], functions: FunctionRegistry): TemplateEntry[] {
  const claim = claimer('template')
  const out: TemplateEntry[] = []
  for (const p of plugins) {
    for (const def of p.templates) {
      claim(`${def.code} version ${def.version}`, p.id)
      const loaded = loadPluginTemplate(def, functions)
      if ('problems' in loaded) {
        const shown = loaded.problems.slice(0, 10).join('; ')
        const more = loaded.problems.length > 10 ? ` (+${loaded.problems.length - 10} more)` : ''
        throw new Error(
          `template ${def.code} version ${def.version} of plugin ${p.id} is invalid: ${shown}${more}`,
        )
      }
      const entry: TemplateEntry = {
        code: def.code,
        version: def.version,
        status: def.status,
        plugin: p.id,
        template: deepFreeze(loaded.template),
      }
      if (def.effectiveFrom !== undefined) entry.effectiveFrom = def.effectiveFrom
      out.push(entry)
    }
  }
  return out.sort(
    (a, b) => a.code.localeCompare(b.code) || compareVersionLabels(a.version, b.version),
  )
}

function loadCatalogs(plugins: readonly Plugin[]): CatalogEntry[] {
  const claim = claimer('catalog')
  const out: CatalogEntry[] = []
  for (const p of plugins) {
    for (const catalog of p.catalogs) {
      const problems = catalogProblems(catalog)
      if (problems.length > 0) {
        throw new Error(
          `catalog ${catalog.id} version ${catalog.version} of plugin ${p.id} is invalid: ${problems.join('; ')}`,
        )
      }
      claim(`${catalog.id} version ${catalog.version}`, p.id)
      out.push({ id: catalog.id, version: catalog.version, plugin: p.id, catalog })
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id) || compareVersionLabels(a.version, b.version))
}

function highest<T extends { version: string }>(list: readonly T[]): T | undefined {
  return list.reduce<T | undefined>(
    (best, x) =>
      best === undefined || compareVersionLabels(x.version, best.version) > 0 ? x : best,
    undefined,
  )
}

function crashed(rule: Rule, plugin: string, e: unknown): Diagnostic {
  return {
    ruleId: rule.id,
    severity: 'error',
    message: `Quy tắc ${rule.id} của plugin ${plugin} bị lỗi khi kiểm tra: ${e instanceof Error ? e.message : String(e)}`,
    place: { pointer: '' },
    source: plugin,
  }
}

/**
 * Builds a frozen engine from a list of plugins: no global registry. Checks each plugin's identity
 * and `coreApi`, loads and validates every template (core/template `loadTemplate`) and catalogue
 * (schemas/catalog.schema.json), and merges functions, rules, hooks and exporters. A duplicate
 * plugin id, template code+version, catalogue id+version, function name, rule id or exporter id
 * throws an error naming both plugins.
 *
 * @example
 * const engine = createEngine({ plugins: [kstthc, meetings] })
 * engine.template('II.06a/VPCP/KSTT')?.version // '1.1'
 */
export function createEngine(options: EngineOptions): Engine {
  const coreVersion = options.coreVersion ?? CORE_VERSION
  if (parseSemver(coreVersion) === undefined)
    throw new Error(`coreVersion "${coreVersion}" is not a semver version`)
  const plugins = Object.freeze(options.plugins.map((p) => definePlugin(p)))
  checkIdentities(plugins, coreVersion)

  const functions = mergeFunctions(plugins)
  const templates = Object.freeze(loadTemplates(plugins, functions))
  const catalogs = Object.freeze(loadCatalogs(plugins))

  const claimRule = claimer('rule')
  const rules = plugins.flatMap((p) =>
    p.rules.map((r) => (claimRule(r.id, p.id), { rule: r, plugin: p.id })),
  )
  const claimExporter = claimer('exporter')
  const exporters = plugins.flatMap((p) => p.exporters.map((x) => (claimExporter(x.id, p.id), x)))
  const hooks = createHookRunner(plugins)

  function template(code: string, version?: string): ResolvedTemplate | undefined {
    const versions = templates.filter((t) => t.code === code)
    if (version !== undefined) return versions.find((t) => t.version === version)?.template
    return highest(versions.filter((t) => t.status === 'published'))?.template
  }

  function templateFor(code: string, query: TemplateQuery): ResolvedTemplate | undefined {
    const versions = templates.filter((t) => t.code === code)
    if (versions.length === 0) return undefined
    const infos = versions.map(({ version, status, effectiveFrom }) =>
      effectiveFrom === undefined ? { version, status } : { version, status, effectiveFrom },
    )
    const chosen = hooks.first('resolveTemplateVersion', { code, versions: infos, ...query })
    if (chosen !== undefined) {
      const hit = versions.find((t) => t.version === chosen.value)
      if (hit !== undefined) return hit.template
      throw new Error(
        `hook resolveTemplateVersion of plugin ${chosen.plugin} chose version ${String(chosen.value)} of ${code}, which is not loaded (loaded: ${versions.map((t) => t.version).join(', ')})`,
      )
    }
    const day =
      query.on ??
      (query.period === undefined || query.period === 'none'
        ? undefined
        : nominalDates(query.period).start)
    const inForce = versions.filter(
      (t) =>
        t.status === 'published' &&
        (day === undefined || t.effectiveFrom === undefined || t.effectiveFrom <= day),
    )
    return highest(inForce)?.template
  }

  function catalog(id: string, version?: string): Readonly<CatalogDefinition> | undefined {
    const versions = catalogs.filter((c) => c.id === id)
    const hit =
      version === undefined ? highest(versions) : versions.find((c) => c.version === version)
    return hit?.catalog
  }

  function runRules(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = []
    for (const { rule, plugin } of rules) {
      if (rule.templates !== undefined && !rule.templates.includes(ctx.template.code)) continue
      try {
        const found = rule.check(ctx)
        if (!Array.isArray(found)) throw new Error('check must return an array of diagnostics')
        for (const d of found) out.push(d.source === undefined ? { ...d, source: plugin } : d)
      } catch (e) {
        out.push(crashed(rule, plugin, e))
      }
    }
    return out
  }

  const ruleList = Object.freeze(rules.map((r) => r.rule))
  const exporterList = Object.freeze(exporters)
  return Object.freeze({
    coreVersion,
    plugins,
    functions,
    template,
    templateFor,
    templates: () => templates,
    catalog,
    catalogs: () => catalogs,
    rules: () => ruleList,
    runRules,
    runHook: hooks.run,
    exporter: (id: string) => exporterList.find((x) => x.id === id),
    exporters: () => exporterList,
  })
}
