import type { GridSection, Severity, TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { jsonPointer } from './json-pointer.js'
import { buildOutline } from './outline.js'

/**
 * Row outline and dynamic-row rules. `core/outline`: a level that jumps more than one step, a
 * total row with nothing to total. `core/dynamic-row`: a list row must be a data row and a leaf
 * of the outline, with minRows <= maxRows, and the ids its added rows get (`<id>_<n>`) must be free.
 */
export function checkRows(def: Readonly<TemplateDefinition>): Diagnostic[] {
  const out: Diagnostic[] = []
  def.sections.forEach((section, s) => {
    if (section.kind === 'grid') checkSection(section, s, out)
  })
  return out
}

function checkSection(section: GridSection, s: number, out: Diagnostic[]): void {
  const emit = (ruleId: string, severity: Severity, pointer: string, message: string): void => {
    out.push({ ruleId, severity, message: `${pointer}: ${message}`, place: { pointer } })
  }
  const outline = buildOutline(section.rows)
  let previousLevel = -1
  section.rows.forEach((row, r) => {
    const at = jsonPointer('sections', s, 'rows', r)
    const level = row.level ?? 0
    if (level > previousLevel + 1) {
      emit(
        'core/outline',
        'warning',
        `${at}/level`,
        `row '${row.id}' is at level ${level} right after level ${Math.max(previousLevel, 0)}; outline levels go down one step at a time`,
      )
    }
    previousLevel = level
    const children = outline.children[r] ?? []
    if (row.kind === 'total' && row.formula === undefined && children.length === 0) {
      emit(
        'core/outline',
        'warning',
        at,
        `total row '${row.id}' has no outline children to sum; its cells become inputs`,
      )
    }
    if (row.dynamic === undefined) return
    const dynAt = `${at}/dynamic`
    if ((row.kind ?? 'data') !== 'data') {
      emit(
        'core/dynamic-row',
        'error',
        dynAt,
        `only data rows can be dynamic; row '${row.id}' is a ${row.kind} row`,
      )
    }
    if (children.length > 0) {
      emit(
        'core/dynamic-row',
        'error',
        dynAt,
        `dynamic row '${row.id}' cannot have outline children (rows added to it would split them)`,
      )
    }
    const { minRows, maxRows } = row.dynamic
    if (minRows !== undefined && maxRows !== undefined && minRows > maxRows) {
      emit(
        'core/dynamic-row',
        'error',
        dynAt,
        `minRows ${minRows} is greater than maxRows ${maxRows} in row '${row.id}'`,
      )
    }
    const added = new RegExp(`^${row.id}_[0-9]+$`)
    section.rows.forEach((other, o) => {
      if (added.test(other.id)) {
        const otherAt = jsonPointer('sections', s, 'rows', o, 'id')
        emit(
          'core/dynamic-row',
          'error',
          otherAt,
          `row id '${other.id}' is reserved for rows added to dynamic row '${row.id}'`,
        )
      }
    })
  })
}
