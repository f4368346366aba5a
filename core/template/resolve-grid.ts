import type { Cell, Column, GridSection, Row } from '../../schemas/generated/index.js'
import { formatFormula } from '../formula/index.js'
import { canonicalFormula } from './canonical-formula.js'
import { buildHeaderRows } from './header-rows.js'
import { jsonPointer } from './json-pointer.js'
import { buildOutline } from './outline.js'
import { cellKey } from './types.js'
import type { ResolvedCell, ResolvedGridSection, ResolvedRow } from './types.js'

/** Column types a total row sums. Percentages are never summed (DESIGN §3.5): they need a formula. */
const SUMMABLE = new Set<Column['type']>(['number', 'integer'])
const NUMERIC = new Set<Column['type']>(['number', 'integer', 'percent'])

/**
 * Resolves one grid section: outline, merged header rows and one cell per row x column.
 * Precedence per cell: the row's cell override; heading rows are greyed; the row formula (numeric
 * columns); the column formula (data and total rows, so a rate column recomputes its total from
 * the summed parts); a total row sums its outline children; otherwise an input.
 *
 * @example
 * const g = resolveGridSection(section, 0)
 * g.cells[g.rowIndex.get('tong')! * g.columns.length + g.colIndex.get('c4')!].formula // 'SUM(r1.c4, r2.c4)'
 */
export function resolveGridSection(section: Readonly<GridSection>, s: number): ResolvedGridSection {
  const outline = buildOutline(section.rows)
  const rows: ResolvedRow[] = section.rows.map((row, i) => {
    const parent = outline.parent[i]
    const resolved: ResolvedRow = {
      ...row,
      index: i,
      level: row.level ?? 0,
      kind: row.kind ?? 'data',
      children: (outline.children[i] ?? []).map((c) => (section.rows[c] as Row).id),
    }
    if (parent !== undefined) resolved.parent = (section.rows[parent] as Row).id
    return resolved
  })
  const cells: ResolvedCell[] = []
  rows.forEach((row, r) => {
    const summed = summedRows(rows, outline.children, r)
    section.columns.forEach((column, c) => {
      cells.push(resolveCell(section.id, s, row, r, column, c, summed))
    })
  })
  const out: ResolvedGridSection = {
    kind: 'grid',
    id: section.id,
    columns: section.columns,
    rows,
    headerRows: buildHeaderRows(section.columns),
    rowIndex: new Map(rows.map((row, i) => [row.id, i])),
    colIndex: new Map(section.columns.map((col, i) => [col.id, i])),
    cells,
  }
  if (section.title !== undefined) out.title = section.title
  if (section.unit !== undefined) out.unit = section.unit
  return out
}

/** Rows a total row adds up: its children, looking through heading children to their own children. */
function summedRows(
  rows: readonly ResolvedRow[],
  children: readonly number[][],
  r: number,
): string[] {
  const out: string[] = []
  for (const c of children[r] ?? []) {
    const child = rows[c] as ResolvedRow
    if (child.kind === 'heading') out.push(...summedRows(rows, children, c))
    else out.push(child.id)
  }
  return out
}

function resolveCell(
  section: string,
  s: number,
  row: ResolvedRow,
  r: number,
  column: Column,
  c: number,
  summed: readonly string[],
): ResolvedCell {
  const rowAt = jsonPointer('sections', s, 'rows', r)
  const base = {
    key: cellKey(section, row.id, column.id),
    section,
    row: row.id,
    col: column.id,
    type: column.type,
    required: false,
    ...(column.decimals === undefined ? {} : { decimals: column.decimals }),
  }
  const override: Cell | undefined = row.cells?.[column.id]
  if (override !== undefined) {
    const at = `${rowAt}${jsonPointer('cells', column.id)}`
    const required = override.required ?? false
    if (override.kind === 'formula' && override.formula !== undefined) {
      return {
        ...base,
        required,
        kind: 'formula',
        formula: canonicalFormula(override.formula, { row: row.id, col: column.id }),
        pointer: at,
      }
    }
    if (override.kind === 'fixed')
      return { ...base, required, kind: 'fixed', value: override.value ?? null, pointer: at }
    return { ...base, required, kind: override.kind === 'greyed' ? 'greyed' : 'input', pointer: at }
  }
  if (row.kind === 'heading') return { ...base, kind: 'greyed', pointer: rowAt }
  if (row.formula !== undefined && NUMERIC.has(column.type)) {
    return {
      ...base,
      kind: 'formula',
      formula: canonicalFormula(row.formula, { col: column.id }),
      pointer: `${rowAt}/formula`,
    }
  }
  if (column.formula !== undefined) {
    const at = jsonPointer('sections', s, 'columns', c, 'formula')
    return {
      ...base,
      kind: 'formula',
      formula: canonicalFormula(column.formula, { row: row.id }),
      pointer: at,
    }
  }
  if (row.kind === 'total' && summed.length > 0 && SUMMABLE.has(column.type)) {
    const args = summed.map((id) => ({ type: 'ref' as const, ref: { row: id, col: column.id } }))
    return {
      ...base,
      kind: 'formula',
      formula: formatFormula({ type: 'call', name: 'SUM', args }),
      pointer: rowAt,
    }
  }
  return { ...base, kind: 'input', pointer: rowAt }
}
