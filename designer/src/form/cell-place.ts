import type { ResolvedGridSection } from '../../../core/index.js'

/**
 * Where a cell is, in the words of the form: the row's label and the column's lowest header
 * (`Họp chuyên đề · Ghi chú`), not the ids a reporter never sees. Ids stand in for what has no text.
 *
 * @example
 * cellPlace(section, 'chuyen_de', 'ghi_chu') // 'Họp chuyên đề · Ghi chú'
 */
export function cellPlace(section: ResolvedGridSection, rowId: string, colId?: string): string {
  const r = section.rowIndex.get(rowId)
  const row = r === undefined ? undefined : section.rows[r]
  const rowText = nonEmpty(row?.label) ?? nonEmpty(row?.code) ?? rowId
  if (colId === undefined) return rowText
  const c = section.colIndex.get(colId)
  const col = c === undefined ? undefined : section.columns[c]
  const colText = nonEmpty(col?.header.at(-1)) ?? nonEmpty(col?.number) ?? colId
  return `${rowText} · ${colText}`
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s.trim()
}
