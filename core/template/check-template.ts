import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { FunctionRegistry } from '../formula/index.js'
import { checkColumnsAndCells } from './check-columns-cells.js'
import { checkConstraints } from './check-constraints.js'
import { checkFormKind } from './check-form-kind.js'
import { checkFormulas } from './check-formulas.js'
import { checkDuplicateIds } from './check-ids.js'
import { checkNarrativeDefinitions } from './check-narrative-defs.js'
import { checkRows } from './check-rows.js'
import { indexTemplate } from './template-index.js'

/**
 * The semantic checks that follow a passing schema check: ids, formulas, references,
 * functions, types, outline and dynamic rows, constraints, narrative figures. Cycles need the
 * resolved cells and are checked by `loadTemplate` afterwards.
 *
 * @example
 * checkTemplate(definition, createFunctionRegistry()).filter((d) => d.severity === 'error') // [] when usable
 */
export function checkTemplate(
  def: Readonly<TemplateDefinition>,
  functions: FunctionRegistry,
): Diagnostic[] {
  const index = indexTemplate(def)
  return [
    ...checkDuplicateIds(def),
    ...checkColumnsAndCells(def),
    ...checkRows(def),
    ...checkConstraints(def, index),
    ...checkFormulas(def, index, functions),
    ...checkNarrativeDefinitions(def, index),
    ...checkFormKind(def),
  ]
}
