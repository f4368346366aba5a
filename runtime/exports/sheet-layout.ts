/**
 * Where each part of a grid section lands on a printed sheet (xlsx worksheet, docx/pdf table): the leading
 * STT / label / unit columns, the merged header rows computed from the column header paths, the row of
 * column numbers, and one line per template row. `system` columns (supporting data outside the official
 * form) are left out of the printed layout.
 */
import type { Column, ResolvedGridSection, ResolvedRow } from '../../core/index.js'

export const DEFAULT_CODE_HEADER = 'STT'
export const DEFAULT_LABEL_HEADER = 'Chỉ tiêu'
export const DEFAULT_UNIT_HEADER = 'Đơn vị tính'

export interface LeadingColumn {
  kind: 'code' | 'label' | 'unit'
  header: string
}

/** A merged header cell on the printed grid (0-based, relative to the header block). */
export interface HeaderBox {
  row: number
  col: number
  rowSpan: number
  colSpan: number
  text: string
}

export interface GridLayout {
  section: ResolvedGridSection
  leading: LeadingColumn[]
  /** Printed data columns, in order (system columns removed). */
  columns: Column[]
  /** 0-based printed column of each data column id. */
  colPos: ReadonlyMap<string, number>
  /** Number of header rows (without the column-number row). */
  headerDepth: number
  header: HeaderBox[]
  /** Text of the column-number row per printed column, or undefined when the form has none. */
  numbers?: string[]
  rows: ResolvedRow[]
  /** 0-based body line of each row id. */
  rowPos: ReadonlyMap<string, number>
  /** Width of every printed column in characters. */
  widths: number[]
}

/** Column ids left out of the printed layout. */
export function isPrinted(c: Column): boolean {
  return c.system !== true
}

/**
 * Merges header paths: the deepest path sets the depth; equal neighbouring texts under the same parent
 * merge across; a path shorter than the depth stretches its last text down to the bottom.
 */
export function headerBoxes(
  paths: readonly (readonly string[])[],
  depth: number,
  colOffset = 0,
): HeaderBox[] {
  const boxes: HeaderBox[] = []
  const visit = (level: number, from: number, to: number) => {
    let c = from
    while (c < to) {
      const path = paths[c] as readonly string[]
      const text = path[level]
      if (text === undefined) {
        c++
        continue
      }
      const isLeaf = level === path.length - 1
      let end = c + 1
      if (!isLeaf) {
        while (end < to) {
          const next = paths[end] as readonly string[]
          if (next[level] !== text || next.length - 1 === level) break
          end++
        }
      }
      boxes.push({
        row: level,
        col: colOffset + c,
        colSpan: end - c,
        rowSpan: isLeaf ? depth - level : 1,
        text,
      })
      if (!isLeaf) visit(level + 1, c, end)
      c = end
    }
  }
  visit(0, 0, paths.length)
  return boxes
}

export interface LayoutOptions {
  codeHeader?: string
  labelHeader?: string
}

/**
 * Whether the section prints its own STT / label columns, as the official forms do (a text column whose
 * fixed cells hold the row labels, e.g. "(2) Lĩnh vực, công việc giải quyết theo cấp"). Then no leading
 * columns are added.
 */
export function carriesOwnLabels(section: ResolvedGridSection): boolean {
  const n = section.columns.length
  return section.columns.some((col, ci) => {
    if (col.type !== 'text' || !isPrinted(col)) return false
    let fixed = 0
    for (const [ri, row] of section.rows.entries()) {
      const cell = section.cells[ri * n + ci]
      if (cell?.kind !== 'fixed') continue
      if (cell.value !== row.label) return false
      fixed++
    }
    return fixed > 0 && fixed * 2 >= section.rows.length
  })
}

export function layoutGrid(section: ResolvedGridSection, opts: LayoutOptions = {}): GridLayout {
  const columns = section.columns.filter(isPrinted)
  const leading: LeadingColumn[] = []
  if (!carriesOwnLabels(section)) {
    leading.push(
      { kind: 'code', header: opts.codeHeader ?? DEFAULT_CODE_HEADER },
      { kind: 'label', header: opts.labelHeader ?? DEFAULT_LABEL_HEADER },
    )
    if (section.rows.some((r) => r.unit !== undefined && r.unit !== ''))
      leading.push({ kind: 'unit', header: DEFAULT_UNIT_HEADER })
  }
  const lead = leading.length
  const depth = Math.max(1, ...columns.map((c) => c.header.length))
  const header: HeaderBox[] = [
    ...leading.map((l, i) => ({ row: 0, col: i, rowSpan: depth, colSpan: 1, text: l.header })),
    ...headerBoxes(
      columns.map((c) => c.header),
      depth,
      lead,
    ),
  ]
  let numbers: string[] | undefined
  if (columns.some((c) => c.number !== undefined && c.number !== '')) {
    const first = /^\(?(\d+)\)?$/.exec(columns[0]?.number ?? '')
    const start = first !== null ? Number(first[1]) - lead : 0
    const leadNumbers = leading.map((_, i) =>
      start >= 1 ? `(${start + i})` : String.fromCharCode(65 + i),
    )
    numbers = [...leadNumbers, ...columns.map((c) => c.number ?? '')]
  }
  const widths = [
    ...leading.map((l) => (l.kind === 'label' ? 40 : l.kind === 'code' ? 8 : 12)),
    ...columns.map((c) =>
      c.width !== undefined ? Math.max(5, Math.round(c.width / 8)) : c.type === 'text' ? 24 : 12,
    ),
  ]
  return {
    section,
    leading,
    columns,
    colPos: new Map(columns.map((c, i) => [c.id, lead + i])),
    headerDepth: depth,
    header,
    ...(numbers !== undefined ? { numbers } : {}),
    rows: section.rows,
    rowPos: new Map(section.rows.map((r, i) => [r.id, i])),
    widths,
  }
}

/** Horizontal alignment of a data cell: numbers right, labels left, short codes (STT) centred. */
export function cellAlign(col: Column, labelLike: boolean): 'left' | 'center' | 'right' {
  if (col.type !== 'text' && col.type !== 'choice') return 'right'
  if (labelLike) return 'left'
  return col.width !== undefined && col.width <= 80 ? 'center' : 'left'
}
