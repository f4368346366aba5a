/**
 * Finds the data table of a worksheet laid out like a Vietnamese data form (domain-vn.md §2.6): heading
 * lines, the merged header block, an optional row of column numbers "(1) (2) (3)", the rows, then a footer.
 */
import type { SheetGrid } from './read-sheet.js'

export type ColumnRole = 'code' | 'label' | 'unit' | 'data'

export interface TableShape {
  firstCol: number
  lastCol: number
  headerTop: number
  headerBottom: number
  numberRow?: number
  firstDataRow: number
  lastDataRow: number
  roles: ReadonlyMap<number, ColumnRole>
}

const NUMBER_CELL = /^\(\s*([0-9]{1,3}|[A-Za-z])\s*\)$|^([0-9]{1,3}|[A-Z])$/
export const PREAMBLE =
  /^(biểu\s+(số|mẫu)|kỳ báo cáo|-?\s*đơn vị (báo cáo|nhận|tính)|\(?từ ngày|ban hành (theo|kèm)|cộng hòa|cộng hoà|độc lập|đơn vị tính)/i
export const FOOTER =
  /(ngày\s*\S{0,4}\s*tháng\s*\S{0,4}\s*năm|người lập|người làm báo cáo|thủ trưởng|\(ký[, ]|ký tên|đóng dấu|nơi nhận)/i
const CODE_HEADER = /^(stt|tt|số tt|số thứ tự|mã số|mã|số)$/i
const UNIT_HEADER = /^(đơn vị tính|đvt|đơn vị đo)$/i
const LABEL_HEADER = /chỉ tiêu|nội dung|tên|lĩnh vực|đơn vị|danh mục|diễn giải|hạng mục|công việc/i

const norm = (s: string) => s.replace(/\./g, '').replace(/\s+/g, ' ').trim()

function isNumberRow(g: SheetGrid, r: number): boolean {
  const cols = g.filled(r)
  if (cols.length < 3) return false
  const texts = cols.map((c) => g.text(r, c))
  const matches = texts.filter((t) => NUMBER_CELL.test(t))
  if (matches.length < Math.ceil(cols.length * 0.8)) return false
  const digits = matches
    .map((t) => /[0-9]+/.exec(t)?.[0])
    .filter((d): d is string => d !== undefined)
    .map(Number)
  if (digits.length < 2) return false
  const parenthesised = matches.some((t) => t.startsWith('('))
  return (
    digits.every((d, i) => i === 0 || d > (digits[i - 1] as number)) &&
    (parenthesised || digits.every((d, i) => i === 0 || d === (digits[i - 1] as number) + 1))
  )
}

/** Every position of the span holds text (itself or through a merge). */
function isFullRow(g: SheetGrid, r: number, from: number, to: number): boolean {
  let any = false
  for (let c = from; c <= to; c++) {
    if (g.text(r, c) === '') return false
    any = true
  }
  return any
}

function isPreambleRow(g: SheetGrid, r: number): boolean {
  return g.filled(r).some((c) => PREAMBLE.test(g.text(r, c)))
}

function isEmptyRow(g: SheetGrid, r: number, from: number, to: number): boolean {
  return g.filled(r, from, to).length === 0
}

function isFooterRow(g: SheetGrid, r: number, from: number, to: number): boolean {
  return g.filled(r, from, to).some((c) => FOOTER.test(g.text(r, c)))
}

function headerBlock(
  g: SheetGrid,
): { top: number; bottom: number; first: number; last: number; numberRow?: number } | undefined {
  for (let r = 2; r <= g.maxRow; r++) {
    if (!isNumberRow(g, r) || isEmptyRow(g, r - 1, 1, g.maxCol)) continue
    const cols = g.filled(r)
    const first = cols[0] as number
    const last = cols[cols.length - 1] as number
    const m = g.mergeAt(r - 1, first)
    let top = r - 1
    if (m !== undefined && m.bottom === r - 1) top = m.top
    else while (top > 1 && isFullRow(g, top - 1, first, last) && !isPreambleRow(g, top - 1)) top--
    return { top, bottom: r - 1, first, last, numberRow: r }
  }
  for (let r = 1; r <= g.maxRow; r++) {
    const cols = g.filled(r)
    if (cols.length < 2 || isPreambleRow(g, r) || isFooterRow(g, r, 1, g.maxCol)) continue
    if (cols.some((c) => /^[-+]?[0-9.,]+$/.test(g.text(r, c)))) continue
    const first = g.mergeAt(r, cols[0] as number)?.left ?? (cols[0] as number)
    const lastCol = cols[cols.length - 1] as number
    const last = g.mergeAt(r, lastCol)?.right ?? lastCol
    let bottom = r
    for (let c = first; c <= last; c++) bottom = Math.max(bottom, g.mergeAt(r, c)?.bottom ?? r)
    return { top: r, bottom, first, last }
  }
  return undefined
}

/** Finds the table; `undefined` when the sheet has no header row followed by rows. */
export function detectTable(g: SheetGrid): TableShape | undefined {
  const h = headerBlock(g)
  if (h === undefined) return undefined
  const firstDataRow = (h.numberRow ?? h.bottom) + 1
  let lastDataRow = firstDataRow - 1
  for (let r = firstDataRow; r <= g.maxRow; r++) {
    if (isEmptyRow(g, r, h.first, h.last) || isFooterRow(g, r, h.first, h.last)) break
    lastDataRow = r
  }
  if (lastDataRow < firstDataRow) return undefined
  const leaf = (c: number) => norm(g.text(h.bottom, c))
  const roles = new Map<number, ColumnRole>()
  for (let c = h.first; c <= h.last; c++) roles.set(c, 'data')
  const lead = [h.first, h.first + 1, h.first + 2, h.first + 3].filter((c) => c <= h.last)
  const code = lead.slice(0, 2).find((c) => CODE_HEADER.test(leaf(c)))
  if (code !== undefined) roles.set(code, 'code')
  const unit = lead.find((c) => roles.get(c) === 'data' && UNIT_HEADER.test(leaf(c)))
  if (unit !== undefined) roles.set(unit, 'unit')
  const textShare = (c: number) => {
    let text = 0
    let other = 0
    for (let r = firstDataRow; r <= lastDataRow; r++) {
      const cell = g.cell(r, c)
      if (cell?.formula !== undefined) other++
      else if (typeof cell?.value === 'string' && cell.value.trim() !== '') text++
      else if (cell !== undefined && cell.value !== null) other++
    }
    return text + other === 0 ? undefined : text / (text + other)
  }
  const candidates = lead.slice(0, 3).filter((c) => roles.get(c) === 'data')
  const label =
    candidates.find(
      (c) =>
        (textShare(c) ?? 0) >= 0.5 && (LABEL_HEADER.test(leaf(c)) || (textShare(c) ?? 0) >= 0.8),
    ) ?? candidates.find((c) => textShare(c) === undefined && LABEL_HEADER.test(leaf(c)))
  if (label !== undefined) roles.set(label, 'label')
  return {
    firstCol: h.first,
    lastCol: h.last,
    headerTop: h.top,
    headerBottom: h.bottom,
    ...(h.numberRow !== undefined ? { numberRow: h.numberRow } : {}),
    firstDataRow,
    lastDataRow,
    roles,
  }
}
