/**
 * The one place the engine calls core/template: a plugin's template definition becomes a
 * ResolvedTemplate, or a list of problems (each naming its JSON pointer) for the engine's error.
 */
import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { FunctionRegistry } from '../formula/index.js'
import { loadTemplate } from '../template/index.js'
import type { ResolvedTemplate } from '../template/types.js'

/** A diagnostic as one line; core/template's messages open with their pointer, others get it added. */
export function problemLine(d: Diagnostic): string {
  const { pointer, section, row, col } = d.place
  const where = pointer ?? [section, row, col].filter((x) => x !== undefined).join('/')
  const text =
    where !== '' && d.message.includes(where) ? d.message : `${where || '/'}: ${d.message}`
  return `${text} (${d.ruleId})`
}

export function loadPluginTemplate(
  definition: Readonly<TemplateDefinition>,
  functions: FunctionRegistry,
): { template: ResolvedTemplate } | { problems: string[] } {
  const result = loadTemplate(definition, { functions })
  if (result.ok) return { template: result.template }
  return { problems: result.diagnostics.filter((d) => d.severity === 'error').map(problemLine) }
}
