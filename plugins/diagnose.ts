/**
 * Runs a submission through core the way the runtime will: the reporter's added rows, the workbook
 * (formulas, constraints, input checks), the narrative checks and the engine's plugin rules.
 * Used by the conformance test; plugin authors can call it in their own tests.
 */
import { checkNarrative, createWorkbook, loadTemplate } from '../core/index.js'
import type {
  Diagnostic,
  Engine,
  ResolvedTemplate,
  Row,
  SubmissionDocument,
  TemplateDefinition,
} from '../core/index.js'

/**
 * The definition of one report: the rows a reporter added (`dynamicRows`, ids `<list row>_<n>`)
 * inserted after their list row as copies of it, as the designer's form sheet does
 * (designer/src/form/dynamic-rows.ts). The list row loses its `dynamic` flag, since core reserves
 * `<list row>_<n>` ids in an authored template. Core has no such step yet.
 */
export function withAddedRows(
  def: Readonly<TemplateDefinition>,
  added: NonNullable<SubmissionDocument['dynamicRows']>,
): Readonly<TemplateDefinition> {
  if (Object.values(added).every((ids) => ids.length === 0)) return def
  return {
    ...def,
    sections: def.sections.map((s) => {
      const ids = added[s.id] ?? []
      if (s.kind !== 'grid' || ids.length === 0) return s
      const rows: Row[] = []
      for (const row of s.rows) {
        if (row.dynamic === undefined) {
          rows.push(row)
          continue
        }
        const { dynamic: _dynamic, ...listRow } = row
        const { code: _code, ...copy } = listRow
        rows.push(listRow)
        for (const id of ids) if (id.replace(/_\d+$/, '') === row.id) rows.push({ ...copy, id })
      }
      return { ...s, rows }
    }),
  }
}

/**
 * Every diagnostic core and the engine's plugins raise on a submission of `template`.
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
  let resolved = template
  const definition = withAddedRows(template.definition, submission.dynamicRows ?? {})
  if (definition !== template.definition) {
    const loaded = loadTemplate(definition, { functions: engine.functions })
    if (!loaded.ok) return loaded.diagnostics
    resolved = loaded.template
  }
  const book = createWorkbook(resolved, { functions: engine.functions, values: submission.values })
  const narrative = resolved.sections.flatMap((s) =>
    s.kind === 'narrative' ? checkNarrative(s, submission.narrative?.[s.id]) : [],
  )
  const rules = engine.runRules({
    template: resolved,
    submission,
    value: (key) => book.get(key),
    ...(submission.period === undefined ? {} : { period: submission.period }),
    ...(submission.unit === undefined ? {} : { unit: submission.unit }),
  })
  return [...book.diagnostics(), ...narrative, ...rules]
}
