/**
 * A printable report as a flat list of blocks, built once from a report instance and rendered by both the
 * .docx and the .pdf writers, so the two always carry the same content.
 */
import type { DocumentMeta } from './types.js'

/** A table cell placed on the grid explicitly (row/col of its top-left corner), header or body alike. */
export interface DocCell {
  row: number
  col: number
  rowSpan?: number
  colSpan?: number
  text: string
  bold?: boolean
  italic?: boolean
  align?: 'left' | 'center' | 'right'
  /** Outline indent steps for row labels. */
  indent?: number
  /** Greyed-out cell (not to be filled). */
  shaded?: boolean
}

export interface DocTable {
  title?: string
  /** "Đơn vị tính: ..." printed right-aligned above the table. */
  unit?: string
  /** Relative column widths; their count is the number of grid columns. */
  widths: number[]
  /** Header rows (repeated on each page); body rows follow. */
  headerRows: number
  rows: number
  cells: DocCell[]
}

export type DocBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: DocTable }

export interface ReportDocument {
  meta: DocumentMeta
  blocks: DocBlock[]
}

/** Tables wider than this go on landscape pages. */
export const LANDSCAPE_FROM_COLUMNS = 8
