import type { Severity } from '../schemas/generated/index.js'

/**
 * Where a diagnostic points: a JSON pointer into a template or submission document,
 * and/or a cell (section, row, column ids) or a narrative item.
 */
export interface Place {
  /** RFC 6901 JSON pointer into the document that was checked, e.g. `/sections/0/rows/3/id`. */
  pointer?: string
  section?: string
  row?: string
  col?: string
  /** Narrative item id. */
  item?: string
}

/**
 * A finding about a template or a submission. Diagnostics are data, never exceptions.
 *
 * @example
 * const d: Diagnostic = { ruleId: 'core/schema', severity: 'error', message: 'must have required property "code"', place: { pointer: '' } }
 */
export interface Diagnostic {
  /** `core/<rule>` for built-in checks, `<plugin>/<rule>` for plugin rules, `template/<constraint id>` for template constraints. */
  ruleId: string
  severity: Severity
  message: string
  place: Place
  /** Plugin id that contributed the rule, when not core. */
  source?: string
  /** The actual values involved, for display next to the message. */
  values?: Record<string, unknown>
}

/** True when any diagnostic is an error (errors block submission). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** Stable key of a diagnostic, used to attach a reporter's explanation to a warning. */
export function diagnosticKey(d: Diagnostic): string {
  const p = d.place
  const where =
    p.section !== undefined
      ? `${p.section}!${p.row ?? ''}.${p.col ?? ''}${p.item ?? ''}`
      : (p.pointer ?? '')
  return `${d.ruleId}@${where}`
}
