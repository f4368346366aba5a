import type {
  ResolvedCell,
  ResolvedGridSection,
  ResolvedRow,
} from '../../../core/template/types.js'

/** A rectangle of merged grid cells (Handsontable's mergeCells shape). */
export interface Merge {
  row: number
  col: number
  rowspan: number
  colspan: number
}

export type LeadColumn = 'code' | 'label' | 'unit'

/**
 * Where each template part sits on the screen grid. Header rows are real grid rows at the top
 * (frozen), so multi-row headers merge both ways as on the printed form; lead columns (STT,
 * label, unit) are frozen on the left, unless the template carries its labels in its own
 * columns (official forms often do: `c1` = STT, `c2` = label as fixed cells).
 */
export interface SheetLayout {
  section: ResolvedGridSection
  headerCount: number
  lead: LeadColumn[]
  /** Columns frozen on the left: the lead columns, or the template's own STT/label columns. */
  frozenCols: number
  rowCount: number
  colCount: number
  /** Header text per header grid row and grid column ('' under a merge). */
  headers: string[][]
  merges: Merge[]
  /** Grid row of a template row index; grid column of a template column index. */
  gridRowOf(rowIndex: number): number
  gridColOf(colIndex: number): number
  /** Template row at a grid row, or undefined in the header. */
  rowAt(gridRow: number): ResolvedRow | undefined
  /** Resolved cell at a grid position, or undefined for header and lead cells. */
  cellAt(gridRow: number, gridCol: number): ResolvedCell | undefined
  leadAt(gridCol: number): LeadColumn | undefined
  /**
   * What to write in an empty cell as a hint: a row reporters add carries its label (`Cuộc họp
   * khác (liệt kê)`) in the label column, where they type their own, so it shows there until then.
   */
  hintAt(gridRow: number, gridCol: number): string | undefined
}

export interface LeadLabels {
  code: string
  label: string
  unit: string
}

/** True when some row repeats its label as a fixed cell: the grid shows its own labels then. */
export function labelsInGrid(section: ResolvedGridSection): boolean {
  return section.rows.some((row) =>
    Object.values(row.cells ?? {}).some(
      (c) => c.kind === 'fixed' && c.value === row.label && row.label !== '',
    ),
  )
}

/** The first column where some row repeats its label as a fixed cell. */
function firstLabelColumn(section: ResolvedGridSection): number | undefined {
  let first: number | undefined
  for (const row of section.rows)
    for (const [colId, c] of Object.entries(row.cells ?? {})) {
      const i = section.colIndex.get(colId)
      if (c.kind !== 'fixed' || c.value !== row.label || row.label === '' || i === undefined)
        continue
      first = first === undefined ? i : Math.min(first, i)
    }
  return first
}

/** 1 + the last column index where some row repeats its label as a fixed cell (0 when none). */
function labelColumnsEnd(section: ResolvedGridSection): number {
  let end = 0
  for (const row of section.rows) {
    for (const [colId, c] of Object.entries(row.cells ?? {})) {
      if (c.kind !== 'fixed' || c.value !== row.label || row.label === '') continue
      end = Math.max(end, (section.colIndex.get(colId) ?? -1) + 1)
    }
  }
  return end
}

export function buildLayout(section: ResolvedGridSection, labels: LeadLabels): SheetLayout {
  const lead: LeadColumn[] = labelsInGrid(section)
    ? []
    : section.rows.some((r) => r.unit !== undefined && r.unit !== '')
      ? ['code', 'label', 'unit']
      : ['code', 'label']
  const nCols = section.columns.length
  const headerRowCount = Math.max(1, section.headerRows.length)
  const hasNumbers = section.columns.some((c) => c.number !== undefined && c.number !== '')
  const headerCount = headerRowCount + (hasNumbers ? 1 : 0)
  const colCount = lead.length + nCols
  const headers: string[][] = Array.from({ length: headerCount }, () =>
    Array<string>(colCount).fill(''),
  )
  const merges: Merge[] = []

  lead.forEach((l, i) => {
    headers[0]![i] = labels[l]
    if (headerRowCount > 1) merges.push({ row: 0, col: i, rowspan: headerRowCount, colspan: 1 })
  })
  if (section.headerRows.length === 0) {
    section.columns.forEach((c, i) => (headers[0]![lead.length + i] = c.header.join(' / ')))
  }
  section.headerRows.forEach((hr, r) => {
    for (const h of hr) {
      const col = lead.length + h.colStart
      headers[r]![col] = h.text
      if (h.colSpan > 1 || h.rowSpan > 1)
        merges.push({ row: r, col, rowspan: h.rowSpan, colspan: h.colSpan })
    }
  })
  if (hasNumbers) {
    section.columns.forEach((c, i) => (headers[headerRowCount]![lead.length + i] = c.number ?? ''))
  }

  // With a lead label column the label shows there already.
  const labelCol = lead.includes('label') ? undefined : firstLabelColumn(section)
  return {
    section,
    headerCount,
    lead,
    frozenCols: Math.min(3, lead.length > 0 ? lead.length : labelColumnsEnd(section)),
    rowCount: headerCount + section.rows.length,
    colCount,
    headers,
    merges,
    gridRowOf: (i) => headerCount + i,
    gridColOf: (i) => lead.length + i,
    rowAt: (gr) => (gr < headerCount ? undefined : section.rows[gr - headerCount]),
    cellAt(gr, gc) {
      if (gr < headerCount || gc < lead.length) return undefined
      return section.cells[(gr - headerCount) * nCols + (gc - lead.length)]
    },
    leadAt: (gc) => lead[gc],
    hintAt(gr, gc) {
      const row = gr < headerCount ? undefined : section.rows[gr - headerCount]
      if (row === undefined || labelCol === undefined || gc - lead.length !== labelCol)
        return undefined
      if (row.dynamic === undefined && row.addedTo === undefined) return undefined
      const cell = section.cells[(gr - headerCount) * nCols + labelCol]
      return cell?.kind === 'input' && row.label.trim() !== '' ? row.label : undefined
    },
  }
}
