import type { CellRef } from '../formula/index.js'
import type { TemplateIndex } from './template-index.js'

/** Where a reference is written: its default section and whether `@` may stand for row / column. */
export interface RefContext {
  section: string | undefined
  relative: { row: boolean; col: boolean }
}

export function showRef(ref: CellRef): string {
  const template = ref.template === undefined ? '' : `'${ref.template}'!`
  const section = ref.section === undefined ? '' : `${ref.section}!`
  return `${template}${section}${ref.row}.${ref.col}`
}

/**
 * Why a reference names nothing in this template, or undefined when it is fine. References
 * to another template are fed by the caller at run time and cannot be checked here.
 */
export function referenceProblem(
  ref: CellRef,
  ctx: RefContext,
  index: TemplateIndex,
): string | undefined {
  if (ref.template !== undefined) return undefined
  const shown = showRef(ref)
  const sectionId = ref.section ?? ctx.section
  if (sectionId === undefined) return `reference ${shown} has no grid section to refer to`
  const grid = index.grids.get(sectionId)
  if (grid === undefined) {
    return index.narratives.has(sectionId)
      ? `reference ${shown}: section '${sectionId}' is a narrative section, not a grid`
      : `reference ${shown}: unknown section '${sectionId}'`
  }
  // `@` means "the row (column) this formula is expanded to", which only exists in its own section.
  const foreign = ref.section !== undefined && ref.section !== ctx.section
  if (ref.row === '@') {
    if (!ctx.relative.row || foreign) {
      return `reference ${shown}: @ for the row is allowed only in column formulas, cell formulas and forEachRow constraints of the same section`
    }
  } else if (!grid.rows.has(ref.row)) {
    return `reference ${shown}: unknown row '${ref.row}' in section '${sectionId}'`
  }
  if (ref.col === '@') {
    if (!ctx.relative.col || foreign) {
      return `reference ${shown}: @ for the column is allowed only in row formulas, cell formulas and forEachColumn constraints of the same section`
    }
  } else if (!grid.cols.has(ref.col)) {
    return `reference ${shown}: unknown column '${ref.col}' in section '${sectionId}'`
  }
  return undefined
}
