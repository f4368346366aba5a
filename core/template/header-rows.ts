import type { Column } from '../../schemas/generated/index.js'
import type { HeaderCell } from './types.js'

/**
 * Merged header cells from the columns' header paths, top row first. Neighbouring columns merge
 * where they have the same text under the same parent path and the same height; the last text
 * of a path shorter than the deepest one spans down to the bottom header row.
 *
 * @example
 * buildHeaderRows([
 *   { id: 'c1', type: 'text', header: ['STT'] },
 *   { id: 'c3', type: 'integer', header: ['Số hồ sơ', 'Tổng số'] },
 *   { id: 'c4', type: 'integer', header: ['Số hồ sơ', 'Trực tuyến'] },
 * ])
 * // [[{ text: 'STT', colStart: 0, colSpan: 1, rowSpan: 2 }, { text: 'Số hồ sơ', colStart: 1, colSpan: 2, rowSpan: 1 }],
 * //  [{ text: 'Tổng số', colStart: 1, colSpan: 1, rowSpan: 1 }, { text: 'Trực tuyến', colStart: 2, colSpan: 1, rowSpan: 1 }]]
 */
export function buildHeaderRows(columns: ReadonlyArray<Pick<Column, 'header'>>): HeaderCell[][] {
  const depth = Math.max(0, ...columns.map((c) => c.header.length))
  const rows: HeaderCell[][] = []
  for (let r = 0; r < depth; r++) {
    const row: HeaderCell[] = []
    let k = 0
    while (k < columns.length) {
      const path = (columns[k] as Pick<Column, 'header'>).header
      if (r >= path.length) {
        k++
        continue
      }
      const rowSpan = r === path.length - 1 ? depth - r : 1
      let span = 1
      while (
        k + span < columns.length &&
        sameCell(path, (columns[k + span] as Pick<Column, 'header'>).header, r, depth)
      )
        span++
      row.push({ text: path[r] as string, colStart: k, colSpan: span, rowSpan })
      k += span
    }
    rows.push(row)
  }
  return rows
}

function sameCell(a: readonly string[], b: readonly string[], r: number, depth: number): boolean {
  if (r >= b.length) return false
  const spanA = r === a.length - 1 ? depth - r : 1
  const spanB = r === b.length - 1 ? depth - r : 1
  if (spanA !== spanB) return false
  for (let i = 0; i <= r; i++) if (a[i] !== b[i]) return false
  return true
}
