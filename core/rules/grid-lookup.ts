import type { CellRef } from '../formula/index.js'
import type { ResolvedCell, ResolvedGridSection, ResolvedSection } from '../template/types.js'

/** Finds resolved cells by (section-qualified) reference. */
export class GridLookup {
  readonly grids: ReadonlyMap<string, ResolvedGridSection>
  /** First grid section: where unqualified references of constraints point. */
  readonly defaultSection: string | undefined

  constructor(sections: readonly ResolvedSection[]) {
    const grids = new Map<string, ResolvedGridSection>()
    for (const s of sections) if (s.kind === 'grid' && !grids.has(s.id)) grids.set(s.id, s)
    this.grids = grids
    this.defaultSection = grids.keys().next().value
  }

  cell(r: CellRef): ResolvedCell | undefined {
    if (r.template !== undefined || r.section === undefined) return undefined
    const grid = this.grids.get(r.section)
    const ri = grid?.rowIndex.get(r.row)
    const ci = grid?.colIndex.get(r.col)
    if (grid === undefined || ri === undefined || ci === undefined) return undefined
    return grid.cells[ri * grid.columns.length + ci]
  }

  /** The cells of a range in section order (row-major), or undefined when an end is unknown. */
  rangeCells(from: CellRef, to: CellRef): CellRef[] | undefined {
    const grid = from.section === undefined ? undefined : this.grids.get(from.section)
    if (
      grid === undefined ||
      from.template !== undefined ||
      (to.section ?? from.section) !== from.section
    )
      return undefined
    const r = [grid.rowIndex.get(from.row), grid.rowIndex.get(to.row)]
    const c = [grid.colIndex.get(from.col), grid.colIndex.get(to.col)]
    if (r[0] === undefined || r[1] === undefined || c[0] === undefined || c[1] === undefined)
      return undefined
    const out: CellRef[] = []
    for (let i = Math.min(r[0], r[1]); i <= Math.max(r[0], r[1]); i++) {
      for (let j = Math.min(c[0], c[1]); j <= Math.max(c[0], c[1]); j++) {
        out.push({
          section: grid.id,
          row: (grid.rows[i] as { id: string }).id,
          col: (grid.columns[j] as { id: string }).id,
        })
      }
    }
    return out
  }
}
