/**
 * Runs a submission through core the way the runtime does: the workbook on the template expanded
 * with the reporter's added rows (formulas, constraints, input checks, row-list limits), the
 * narrative checks and the engine's plugin rules. Used by the conformance test; plugin authors can
 * call it in their own tests.
 */
import { checkNarratives, createWorkbook } from '../core/index.js'
import type { Diagnostic, Engine, ResolvedTemplate, SubmissionDocument } from '../core/index.js'

/**
 * Every diagnostic core and the engine's plugins raise on a submission of `template`. Rows the
 * reporter added (`dynamicRows`, ids `<list row>_<n>`) are expanded by core (`expandDynamicRows`
 * through `createWorkbook`), and plugin rules see that expanded template.
 *
 * @example
 * const ds = diagnoseSubmission(engine, engine.template('II.06a/VPCP/KSTT', '1.1')!, submission)
 * hasErrors(ds) // false for a valid report
 */
export function diagnoseSubmission(
  engine: Engine,
  template: ResolvedTemplate,
  submission: SubmissionDocument,
): Diagnostic[] {
  const book = createWorkbook(template, {
    functions: engine.functions,
    values: submission.values,
    dynamicRows: submission.dynamicRows,
  })
  const resolved = book.template
  const narrative = checkNarratives(resolved, submission.narrative)
  const rules = engine.runRules({
    template: resolved,
    submission,
    value: (key) => book.get(key),
    ...(submission.period === undefined ? {} : { period: submission.period }),
    ...(submission.unit === undefined ? {} : { unit: submission.unit }),
  })
  return [...book.diagnostics(), ...narrative, ...rules]
}
