import type { TemplateDefinition } from '../../schemas/generated/index.js'
import { hasErrors, type Diagnostic } from '../diagnostics.js'
import { createFunctionRegistry, type FunctionRegistry } from '../formula/index.js'
import { checkCycles } from '../sheet/index.js'
import { checkTemplate } from './check-template.js'
import { resolveTemplate } from './resolve-template.js'
import { validateTemplateDocument } from './schema-validator.js'
import type { ResolvedTemplate } from './types.js'

export interface LoadOptions {
  /** Functions formulas may call: built-ins plus the engine's plugin functions. Default: built-ins. */
  functions?: FunctionRegistry
}

export type LoadResult =
  | { ok: true; template: ResolvedTemplate; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }

/**
 * Load phase: schema check, semantic checks, resolve, cycle check. `ok` is false when any error
 * was found; warnings come back either way. Every diagnostic names a JSON pointer into `json`.
 *
 * @example
 * const r = loadTemplate(JSON.parse(text))
 * if (!r.ok) console.log(r.diagnostics.map((d) => d.message))
 * else r.template.sections[0]?.id // 'main'
 */
export function loadTemplate(json: unknown, opts: LoadOptions = {}): LoadResult {
  const schema = validateTemplateDocument(json)
  if (schema.length > 0) return { ok: false, diagnostics: schema }
  const def = json as TemplateDefinition
  const functions = opts.functions ?? createFunctionRegistry()
  const diagnostics = checkTemplate(def, functions)
  if (hasErrors(diagnostics)) return { ok: false, diagnostics }
  const template = resolveTemplate(def)
  diagnostics.push(...checkCycles(template))
  return hasErrors(diagnostics) ? { ok: false, diagnostics } : { ok: true, template, diagnostics }
}
