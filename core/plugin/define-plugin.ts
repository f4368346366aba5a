import type { FormulaFunction } from '../formula/types.js'
import { ruleProblems } from './define-rule.js'
import { cloneJson, deepFreeze } from './freeze.js'
import { HOOK_KINDS } from './hook-kinds.js'
import { parseSemver, parseSemverRange } from './semver.js'
import type { Exporter, Plugin, PluginDefinition, PluginHooks, Rule } from './types.js'

/** Plugin ids: kebab-case. */
export const PLUGIN_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** Formula function names: UPPER_SNAKE, with Excel-style dotted names allowed (STDEV.S). */
const FUNCTION_NAME = /^[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*$/
const EXPORTER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/
const KEYS = new Set([
  'id',
  'version',
  'coreApi',
  'name',
  'templates',
  'catalogs',
  'functions',
  'rules',
  'hooks',
  'exporters',
])

type Problems = string[]

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function list(p: Problems, def: Record<string, unknown>, key: string): unknown[] {
  const v = def[key]
  if (v === undefined) return []
  if (!Array.isArray(v)) {
    p.push(`${key} must be an array`)
    return []
  }
  return v
}

function checkIdentity(p: Problems, def: Record<string, unknown>): void {
  for (const key of Object.keys(def)) {
    if (!KEYS.has(key)) p.push(`unknown property "${key}" (allowed: ${[...KEYS].join(', ')})`)
  }
  if (typeof def.id !== 'string' || !PLUGIN_ID.test(def.id)) {
    p.push(`id ${JSON.stringify(def.id)} must be kebab-case, e.g. "kstthc"`)
  }
  if (typeof def.version !== 'string' || parseSemver(def.version) === undefined) {
    p.push(`version ${JSON.stringify(def.version)} must be a semver version, e.g. "1.0.0"`)
  }
  if (typeof def.coreApi !== 'string') {
    p.push(`coreApi must be a semver range, e.g. "^0.1.0"`)
  } else {
    try {
      parseSemverRange(def.coreApi)
    } catch (e) {
      p.push(`coreApi: ${(e as Error).message}`)
    }
  }
  if (def.name !== undefined && (typeof def.name !== 'string' || def.name.trim() === '')) {
    p.push('name must be a non-empty string')
  }
}

function checkDocuments(p: Problems, def: Record<string, unknown>): void {
  list(p, def, 'templates').forEach((t, i) => {
    if (!isObject(t) || typeof t.code !== 'string' || typeof t.version !== 'string') {
      p.push(`templates[${i}] must be a template definition with a code and a version`)
    }
  })
  list(p, def, 'catalogs').forEach((c, i) => {
    if (!isObject(c) || typeof c.id !== 'string' || typeof c.version !== 'string') {
      p.push(`catalogs[${i}] must be a catalogue definition with an id and a version`)
    }
  })
}

function checkFunctions(p: Problems, def: Record<string, unknown>): void {
  const seen = new Set<string>()
  list(p, def, 'functions').forEach((f, i) => {
    const at = `functions[${i}]`
    if (!isObject(f)) return void p.push(`${at} must be a formula function`)
    if (typeof f.name !== 'string' || !FUNCTION_NAME.test(f.name)) {
      p.push(`${at}.name ${JSON.stringify(f.name)} must be UPPER_SNAKE, e.g. "TY_LE_DUNG_HAN"`)
    } else if (seen.has(f.name)) {
      p.push(`${at}: function ${f.name} is defined twice`)
    } else {
      seen.add(f.name)
    }
    const { minArgs, maxArgs } = f
    if (typeof minArgs !== 'number' || !Number.isInteger(minArgs) || minArgs < 0) {
      p.push(`${at}.minArgs must be an integer >= 0`)
    } else if (
      typeof maxArgs !== 'number' ||
      !(maxArgs === Infinity || Number.isInteger(maxArgs)) ||
      maxArgs < minArgs
    ) {
      p.push(`${at}.maxArgs must be an integer >= minArgs, or Infinity`)
    }
    if (typeof f.evaluate !== 'function') p.push(`${at}.evaluate must be a function`)
  })
}

function checkRules(p: Problems, def: Record<string, unknown>): void {
  const seen = new Set<string>()
  list(p, def, 'rules').forEach((r, i) => {
    const problems = ruleProblems(r)
    for (const problem of problems) p.push(`rules[${i}].${problem}`)
    if (problems.length > 0 || !isObject(r)) return
    const id = r.id as string
    if (typeof def.id === 'string' && !id.startsWith(`${def.id}/`)) {
      p.push(`rules[${i}].id "${id}" must start with the plugin id: "${def.id}/"`)
    }
    if (seen.has(id)) p.push(`rules[${i}]: rule ${id} is defined twice`)
    seen.add(id)
  })
}

function checkHooks(p: Problems, def: Record<string, unknown>): void {
  if (def.hooks === undefined) return
  if (!isObject(def.hooks)) return void p.push('hooks must be an object of functions')
  for (const [name, fn] of Object.entries(def.hooks)) {
    if (!Object.hasOwn(HOOK_KINDS, name)) {
      p.push(`hooks.${name} is not a hook (hooks: ${Object.keys(HOOK_KINDS).join(', ')})`)
    } else if (typeof fn !== 'function') {
      p.push(`hooks.${name} must be a function`)
    }
  }
}

function checkExporters(p: Problems, def: Record<string, unknown>): void {
  const seen = new Set<string>()
  list(p, def, 'exporters').forEach((x, i) => {
    const at = `exporters[${i}]`
    if (!isObject(x)) return void p.push(`${at} must be an exporter`)
    if (typeof x.id !== 'string' || !EXPORTER_ID.test(x.id)) {
      p.push(
        `${at}.id ${JSON.stringify(x.id)} must be kebab-case, e.g. "xlsx" or "kstthc/bang-tong-hop"`,
      )
    } else if (seen.has(x.id)) {
      p.push(`${at}: exporter ${x.id} is defined twice`)
    } else {
      seen.add(x.id)
    }
    if (typeof x.mediaType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(x.mediaType)) {
      p.push(`${at}.mediaType must be a media type, e.g. "text/csv"`)
    }
    if (typeof x.render !== 'function') p.push(`${at}.render must be a function`)
  })
}

function copyFunction(f: FormulaFunction): FormulaFunction {
  const out: FormulaFunction = {
    name: f.name,
    minArgs: f.minArgs,
    maxArgs: f.maxArgs,
    evaluate: f.evaluate,
  }
  if (f.description !== undefined) out.description = f.description
  return out
}

function copyRule(r: Rule): Rule {
  const out: Rule = { id: r.id, severity: r.severity, description: r.description, check: r.check }
  return r.templates === undefined ? out : { ...out, templates: [...r.templates] }
}

function copyExporter(x: Exporter): Exporter {
  const out: Exporter = { ...x }
  if (x.templates !== undefined) out.templates = [...x.templates]
  return out
}

/**
 * Declares a plugin: checks its identity (kebab-case id, semver version, coreApi range) and the
 * shape of each contribution, and returns a deep-frozen copy. The definition passed in is never
 * changed. Templates and catalogues are validated against their schemas by `createEngine`.
 *
 * @example
 * export default definePlugin({
 *   id: 'kstthc',
 *   version: '1.0.0',
 *   coreApi: '^0.1.0',
 *   name: 'Kiểm soát thủ tục hành chính (TT 01/2020/TT-VPCP)',
 *   templates: [ii06a],
 *   rules: [provenanceRule],
 * })
 */
export function definePlugin(definition: PluginDefinition): Plugin {
  if (!isObject(definition)) throw new Error('Invalid plugin: definePlugin expects an object')
  const def = definition as unknown as Record<string, unknown>
  const p: Problems = []
  checkIdentity(p, def)
  checkDocuments(p, def)
  checkFunctions(p, def)
  checkRules(p, def)
  checkHooks(p, def)
  checkExporters(p, def)
  const name = typeof def.id === 'string' ? `"${def.id}"` : '(no id)'
  if (p.length > 0) throw new Error(`Invalid plugin ${name}: ${p.join('; ')}`)

  const hooks: PluginHooks = { ...definition.hooks }
  const plugin = {
    id: definition.id,
    version: definition.version,
    coreApi: definition.coreApi,
    ...(definition.name === undefined ? {} : { name: definition.name }),
    templates: (definition.templates ?? []).map((t, i) =>
      cloneJson(t, `plugin ${name} templates[${i}]`),
    ),
    catalogs: (definition.catalogs ?? []).map((c, i) =>
      cloneJson(c, `plugin ${name} catalogs[${i}]`),
    ),
    functions: (definition.functions ?? []).map(copyFunction),
    rules: (definition.rules ?? []).map(copyRule),
    hooks,
    exporters: (definition.exporters ?? []).map(copyExporter),
  }
  return deepFreeze(plugin)
}
