import type { Column } from '../../schemas/generated/index.js'
import type { CellRef, FormulaError, RangeRef } from '../formula/types.js'
import type {
  CellKey,
  ResolvedCell,
  ResolvedGridSection,
  ResolvedTemplate,
} from '../template/types.js'

/** Where every grid cell of a template lives in the values array. */
export interface GridLayout {
  /** Number of grid cells; they occupy slots `0 .. cellCount - 1`, section by section, row-major. */
  cellCount: number
  keys: CellKey[]
  cells: ResolvedCell[]
  /** Column definition of each cell slot (type, decimals, min/max, choices, aggregate rule). */
  columns: Column[]
  sections: ReadonlyMap<string, { section: ResolvedGridSection; base: number }>
}

/** Gives every cell of every grid section an integer slot, in template order. */
export function layoutGrid(template: ResolvedTemplate): GridLayout {
  const keys: CellKey[] = []
  const cells: ResolvedCell[] = []
  const columns: Column[] = []
  const sections = new Map<string, { section: ResolvedGridSection; base: number }>()
  for (const section of template.sections) {
    if (section.kind !== 'grid') continue
    sections.set(section.id, { section, base: cells.length })
    const width = section.columns.length
    section.cells.forEach((cell, i) => {
      keys.push(cell.key)
      cells.push(cell)
      columns.push(section.columns[i % width]!)
    })
  }
  return { cellCount: cells.length, keys, cells, columns, sections }
}

/** The slot of a grid cell, or -1 when the section, row or column does not exist. */
export function slotOfCell(layout: GridLayout, section: string, row: string, col: string): number {
  const entry = layout.sections.get(section)
  if (entry === undefined) return -1
  const r = entry.section.rowIndex.get(row)
  const c = entry.section.colIndex.get(col)
  if (r === undefined || c === undefined) return -1
  return entry.base + r * entry.section.columns.length + c
}

/**
 * The slot of a cell key `section!row.col`, or -1. Ids cannot contain `!` or `.`, so the key
 * splits unambiguously; this spares a 10,000-entry key map per template.
 */
export function slotOfKey(layout: GridLayout, key: CellKey): number {
  const bang = key.indexOf('!')
  const dot = key.indexOf('.', bang + 1)
  if (bang < 0 || dot < 0) return -1
  return slotOfCell(layout, key.slice(0, bang), key.slice(bang + 1, dot), key.slice(dot + 1))
}

function refError(detail: string): FormulaError {
  return Object.freeze({ error: '#REF!', detail })
}

function describe(ref: CellRef, section: string): string {
  return `${ref.section ?? section}!${ref.row}.${ref.col}`
}

interface Located {
  entry: { section: ResolvedGridSection; base: number }
  row: number
  col: number
}

function locate(layout: GridLayout, ref: CellRef, section: string): Located | FormulaError {
  if (ref.template !== undefined) {
    return refError(
      `${describe(ref, section)} is in template '${ref.template}', not a cell of this report`,
    )
  }
  const entry = layout.sections.get(ref.section ?? section)
  if (entry === undefined) return refError(`no grid section '${ref.section ?? section}'`)
  const row = entry.section.rowIndex.get(ref.row)
  if (row === undefined) return refError(`no row '${ref.row}' in section '${entry.section.id}'`)
  const col = entry.section.colIndex.get(ref.col)
  if (col === undefined) return refError(`no column '${ref.col}' in section '${entry.section.id}'`)
  return { entry, row, col }
}

/** The slot of one cell reference made in `section`, or `#REF!` naming what is missing. */
export function slotOfRef(
  layout: GridLayout,
  ref: CellRef,
  section: string,
): number | FormulaError {
  const at = locate(layout, ref, section)
  if ('error' in at) return at
  return at.entry.base + at.row * at.entry.section.columns.length + at.col
}

/**
 * Row-major slots of the rectangle between two references in section order (so a row inserted
 * between the ends is inside the range), or `#REF!`.
 */
export function slotsOfRange(
  layout: GridLayout,
  range: RangeRef,
  section: string,
): number[][] | FormulaError {
  const from = locate(layout, range.from, section)
  if ('error' in from) return from
  const to = locate(
    layout,
    { ...range.to, section: range.to.section ?? range.from.section ?? section },
    section,
  )
  if ('error' in to) return to
  if (from.entry !== to.entry) {
    return refError(
      `range ${describe(range.from, section)}:${describe(range.to, section)} spans two sections`,
    )
  }
  const width = from.entry.section.columns.length
  const out: number[][] = []
  for (let r = Math.min(from.row, to.row); r <= Math.max(from.row, to.row); r++) {
    const line: number[] = []
    for (let c = Math.min(from.col, to.col); c <= Math.max(from.col, to.col); c++) {
      line.push(from.entry.base + r * width + c)
    }
    out.push(line)
  }
  return out
}
