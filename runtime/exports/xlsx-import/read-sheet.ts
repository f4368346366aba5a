/**
 * An exceljs worksheet flattened into what the importer needs: per-cell value, formula, cached result,
 * number format, font and fill, with merged areas resolved to their top-left (master) cell.
 */
import type ExcelJS from 'exceljs'
import { a1, sheetRef } from '../a1.js'

export type Raw = number | string | boolean | Date | null | { error: string }

export interface SheetCell {
  row: number
  col: number
  value: Raw
  /** Formula text without `=`, for formula cells. */
  formula?: string
  /** Cached result of a formula cell. */
  result?: Raw
  numFmt?: string
  bold: boolean
  grey: boolean
  locked: boolean
  indent: number
  validation?: ExcelJS.DataValidation
}

export interface Merge {
  top: number
  left: number
  bottom: number
  right: number
}

export interface SheetGrid {
  name: string
  maxRow: number
  maxCol: number
  protected: boolean
  /** Cells that hold something (value, formula, or a style the importer cares about). */
  cell(row: number, col: number): SheetCell | undefined
  /** The merge covering a position, if any. */
  mergeAt(row: number, col: number): Merge | undefined
  /** Text shown at a position: the master's text for merged positions. */
  text(row: number, col: number): string
  /** Non-empty positions of a row (merged positions count once, at their master). */
  filled(row: number, fromCol?: number, toCol?: number): number[]
  /** `Sheet!D7` for diagnostics. */
  where(row: number, col: number): string
}

/** Fill that reads as "greyed out": a solid neutral grey, or a darkened white / lightened black theme colour. */
export function isGreyFill(fill: ExcelJS.Fill | undefined): boolean {
  if (fill === undefined || fill.type !== 'pattern' || fill.pattern !== 'solid') return false
  const color = fill.fgColor as
    { argb?: string; theme?: number; tint?: number; indexed?: number } | undefined
  if (color === undefined) return false
  if (color.argb !== undefined) {
    const m = /^(?:[0-9A-F]{2})?([0-9A-F]{2})([0-9A-F]{2})([0-9A-F]{2})$/i.exec(color.argb)
    if (m === null) return false
    const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16)) as [
      number,
      number,
      number,
    ]
    return (
      Math.max(r, g, b) - Math.min(r, g, b) <= 16 &&
      Math.max(r, g, b) <= 0xf2 &&
      Math.min(r, g, b) >= 0x60
    )
  }
  if (color.theme === 0) return (color.tint ?? 0) < -0.04
  if (color.theme === 1) return (color.tint ?? 0) > 0.3
  return color.indexed === 22 || color.indexed === 55
}

function rawOf(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return null
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date)
    return v
  if (typeof v === 'object' && 'error' in v) return { error: String(v.error) }
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('')
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text
  return null
}

export function displayText(v: Raw): string {
  if (v === null) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') return v.error
  return String(v).replace(/\s+/g, ' ').trim()
}

export function readSheet(ws: ExcelJS.Worksheet): SheetGrid {
  const cells = new Map<number, SheetCell>()
  const key = (r: number, c: number) => r * 20000 + c
  let maxRow = 0
  let maxCol = 0
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: true }, (c) => {
      if (c.isMerged && c.master !== c) return
      const v = c.value
      const isFormula =
        v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)
      const formula = isFormula ? c.formula : undefined
      const cell: SheetCell = {
        row: Number(c.row),
        col: Number(c.col),
        value: isFormula ? null : rawOf(v),
        ...(formula !== undefined && formula !== ''
          ? { formula, result: rawOf((c.result ?? null) as ExcelJS.CellValue) }
          : {}),
        ...(c.numFmt !== undefined && c.numFmt !== '' ? { numFmt: c.numFmt } : {}),
        bold: c.font?.bold === true,
        grey: isGreyFill(c.fill),
        locked: c.protection?.locked !== false,
        indent: c.alignment?.indent ?? 0,
        ...(c.dataValidation !== undefined ? { validation: c.dataValidation } : {}),
      }
      const meaningful =
        cell.value !== null ||
        cell.formula !== undefined ||
        cell.grey ||
        cell.validation !== undefined
      if (!meaningful) return
      cells.set(key(cell.row, cell.col), cell)
      maxRow = Math.max(maxRow, cell.row)
      maxCol = Math.max(maxCol, cell.col)
    })
  })
  const merges: Merge[] = (ws.model.merges ?? []).map((range) => {
    const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(range)
    if (m === null) throw new Error(`${ws.name}: cannot read the merged range "${range}"`)
    const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)
    return {
      top: Number(m[2]),
      left: col(m[1] as string),
      bottom: Number(m[4]),
      right: col(m[3] as string),
    }
  })
  const mergeIndex = new Map<number, Merge>()
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) mergeIndex.set(key(r, c), m)
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection
  const grid: SheetGrid = {
    name: ws.name,
    maxRow,
    maxCol,
    protected: protection?.sheet === true,
    cell: (r, c) => cells.get(key(r, c)),
    mergeAt: (r, c) => mergeIndex.get(key(r, c)),
    text(r, c) {
      const m = mergeIndex.get(key(r, c))
      const cell = m !== undefined ? cells.get(key(m.top, m.left)) : cells.get(key(r, c))
      return cell === undefined
        ? ''
        : displayText(cell.formula !== undefined ? (cell.result ?? null) : cell.value)
    },
    filled(r, from = 1, to = maxCol) {
      const out: number[] = []
      for (let c = from; c <= to; c++) {
        const m = mergeIndex.get(key(r, c))
        if (m !== undefined && (m.top !== r || m.left !== c) && !(m.left < from && c === from))
          continue
        const cell = m !== undefined ? cells.get(key(m.top, m.left)) : cells.get(key(r, c))
        if (cell !== undefined && (cell.formula !== undefined || displayText(cell.value) !== ''))
          out.push(c)
      }
      return out
    },
    where: (r, c) => sheetRef(ws.name, a1(r, c)),
  }
  return grid
}
