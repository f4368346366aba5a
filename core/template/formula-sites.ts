import type { TemplateDefinition } from '../../schemas/generated/index.js'
import { jsonPointer } from './json-pointer.js'
import type { TemplateIndex } from './template-index.js'

/** One formula written in a template definition, with what its references may mean. */
export interface FormulaSite {
  pointer: string
  text: string
  /** Section of unqualified references; undefined when the template has no grid section. */
  section: string | undefined
  /** Whether `@` may stand for the row / the column here. */
  relative: { row: boolean; col: boolean }
  /** The column a column formula fills, for type checks. */
  col?: string
}

/** Every formula of a definition: column, row and cell formulas, and constraint operands. */
export function formulaSites(
  def: Readonly<TemplateDefinition>,
  index: TemplateIndex,
): FormulaSite[] {
  const sites: FormulaSite[] = []
  def.sections.forEach((section, s) => {
    if (section.kind !== 'grid') return
    section.columns.forEach((column, c) => {
      if (column.formula === undefined) return
      sites.push({
        pointer: jsonPointer('sections', s, 'columns', c, 'formula'),
        text: column.formula,
        section: section.id,
        relative: { row: true, col: false },
        col: column.id,
      })
    })
    section.rows.forEach((row, r) => {
      if (row.formula !== undefined) {
        sites.push({
          pointer: jsonPointer('sections', s, 'rows', r, 'formula'),
          text: row.formula,
          section: section.id,
          relative: { row: false, col: true },
        })
      }
      for (const [col, cell] of Object.entries(row.cells ?? {})) {
        if (cell.formula === undefined) continue
        sites.push({
          pointer: jsonPointer('sections', s, 'rows', r, 'cells', col, 'formula'),
          text: cell.formula,
          section: section.id,
          // A cell formula is bound to its own row and column, so `@` is allowed both ways.
          relative: { row: true, col: true },
          col,
        })
      }
    })
  })
  def.constraints?.forEach((c, i) => {
    const section = c.forEachRow ?? c.forEachColumn ?? index.defaultSection
    const relative = { row: c.forEachRow !== undefined, col: c.forEachColumn !== undefined }
    const add = (text: string | undefined, ...at: Array<string | number>): void => {
      if (text !== undefined)
        sites.push({ pointer: jsonPointer('constraints', i, ...at), text, section, relative })
    }
    add(c.expression, 'expression')
    add(c.left, 'left')
    add(c.right, 'right')
    add(c.when, 'when')
    c.cells?.forEach((cell, k) => add(cell, 'cells', k))
  })
  return sites
}
