import type { Constraint, TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { Severity } from '../../schemas/generated/index.js'
import { jsonPointer } from './json-pointer.js'
import type { TemplateIndex } from './template-index.js'

/** What each kind needs; the schema cannot say it because all kinds share one object shape. */
const NEEDS: Record<Constraint['kind'], { fields: Array<keyof Constraint>; minCells: number }> = {
  assert: { fields: ['expression'], minCells: 0 },
  compare: { fields: ['left', 'right'], minCells: 0 },
  'required-if': { fields: ['cells'], minCells: 1 },
  'both-or-neither': { fields: ['cells'], minCells: 2 },
  'not-both': { fields: ['cells'], minCells: 2 },
}

/**
 * Constraint shapes (`core/invalid-constraint`): the fields each kind needs, tolerances only on
 * compare; and the sections forEachRow / forEachColumn name (`core/unknown-reference`).
 */
export function checkConstraints(
  def: Readonly<TemplateDefinition>,
  index: TemplateIndex,
): Diagnostic[] {
  const out: Diagnostic[] = []
  const emit = (ruleId: string, severity: Severity, pointer: string, message: string): void => {
    out.push({ ruleId, severity, message: `${pointer}: ${message}`, place: { pointer } })
  }
  def.constraints?.forEach((c, i) => {
    const at = jsonPointer('constraints', i)
    const needs = NEEDS[c.kind]
    for (const field of needs.fields) {
      if (c[field] === undefined)
        emit(
          'core/invalid-constraint',
          'error',
          at,
          `${c.kind} constraint '${c.id}' needs "${field}"`,
        )
    }
    if (c.cells !== undefined && c.cells.length < needs.minCells) {
      emit(
        'core/invalid-constraint',
        'error',
        `${at}/cells`,
        `${c.kind} constraint '${c.id}' needs at least ${needs.minCells} cells`,
      )
    }
    if (c.kind !== 'compare') {
      for (const field of ['tolerance', 'relativeTolerance', 'operator'] as const) {
        if (c[field] !== undefined)
          emit(
            'core/invalid-constraint',
            'warning',
            `${at}/${field}`,
            `"${field}" only applies to compare constraints; '${c.id}' is ${c.kind}`,
          )
      }
    }
    for (const field of ['forEachRow', 'forEachColumn'] as const) {
      const section = c[field]
      if (section !== undefined && !index.grids.has(section)) {
        emit(
          'core/unknown-reference',
          'error',
          `${at}/${field}`,
          `${field} names '${section}', which is not a grid section of this template`,
        )
      }
    }
    if (
      c.forEachRow !== undefined &&
      c.forEachColumn !== undefined &&
      c.forEachRow !== c.forEachColumn
    ) {
      emit(
        'core/invalid-constraint',
        'error',
        `${at}/forEachColumn`,
        `forEachRow and forEachColumn of '${c.id}' must name the same section`,
      )
    }
  })
  return out
}
