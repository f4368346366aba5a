/**
 * .xlsx of a report instance: one worksheet per grid section in the layout of a printed data form
 * (domain-vn.md §2.6: "Biểu số", title, units, period; "Đơn vị tính"; merged multi-row headers; a row of
 * column numbers; rows; place, date and signatures), live formulas translated to A1 with the engine's values
 * cached, number formats per column, and the narrative on a sheet of its own.
 */
import ExcelJS from 'exceljs'
import {
  isFormulaError,
  parseFormula,
  periodLabel,
  type ResolvedCell,
  type ResolvedGridSection,
  type Value,
} from '../../core/index.js'
import { columnLetter, sheetRef } from './a1.js'
import { formulaToA1, type A1Target } from './formula-a1.js'
import { placeAndDate, shortDate, upperVi } from './nd30.js'
import { narrativeItems } from './report-text.js'
import { cellAlign, layoutGrid, type GridLayout, type LayoutOptions } from './sheet-layout.js'
import type { ExportReport, FileDiagnostic } from './types.js'

export interface XlsxExportOptions extends LayoutOptions {
  createdAt?: Date
}

export interface XlsxExport {
  data: Uint8Array
  /** Formulas written as values (not computable by Excel) and other approximations. */
  diagnostics: FileDiagnostic[]
}

const FONT = { name: 'Times New Roman', size: 12 }
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
}
const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } }
/** Sheet row where the header block starts (rows 1-4 hold the form's heading). */
export const HEADER_TOP = 5

/** Excel number format for a column type. Percent columns hold fractions (0.5 = 50%). */
export function numberFormat(type: string, decimals?: number): string | undefined {
  const frac = decimals !== undefined && decimals > 0 ? `.${'0'.repeat(decimals)}` : ''
  switch (type) {
    case 'integer':
      return '#,##0'
    case 'number':
      return decimals === undefined ? 'General' : `#,##0${frac}`
    case 'percent':
      return `0${frac}%`
    case 'date':
      return 'dd/mm/yyyy'
    case 'text':
    case 'choice':
      return '@'
    default:
      return undefined
  }
}

/** Excel forbids []:*?/\ in sheet names and limits them to 31 characters. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31)
      .trim() || 'Sheet'
  let name = base
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`
  taken.add(name.toLowerCase())
  return name
}

interface PlacedSection {
  layout: GridLayout
  sheet: ExcelJS.Worksheet
  firstDataRow: number
}

function cellValue(v: Value | undefined, type: string): ExcelJS.CellValue {
  if (v === undefined || v === null) return null
  if (isFormulaError(v)) return { error: v.error as ExcelJS.CellErrorValue['error'] }
  if (type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    return new Date(`${v}T00:00:00Z`)
  return v
}

function cachedResult(v: Value | undefined, type: string): ExcelJS.CellFormulaValue['result'] {
  const c = cellValue(v, type)
  if (c === null || c === undefined) return undefined
  return c as ExcelJS.CellFormulaValue['result']
}

/** The form's heading (rows 1-4) across `width` columns. */
function writeHeading(
  ws: ExcelJS.Worksheet,
  report: ExportReport,
  section: ResolvedGridSection,
  widths: readonly number[],
  multiSection: boolean,
): void {
  const width = widths.length
  const t = report.template
  const p = report.period
  // forms are issued by a circular (Thông tư); the decree it implements comes first in legalBasis
  const basis = t.definition.legalBasis ?? []
  const issuedBy = basis.find((b) => /thông tư/i.test(b)) ?? basis[basis.length - 1]
  const left = [`Biểu số ${t.code}`, issuedBy !== undefined ? `Ban hành theo ${issuedBy}` : '']
  const centre = [
    upperVi(t.definition.name),
    `Kỳ báo cáo: ${p.label ?? safeLabel(p.code)}`,
    p.startDate !== undefined && p.endDate !== undefined
      ? `(Từ ngày ${shortDate(p.startDate)} đến ngày ${shortDate(p.endDate)})`
      : '',
  ]
  const right = [
    `- Đơn vị báo cáo: ${report.unit.name ?? report.unit.code}`,
    report.receiver !== undefined
      ? `- Đơn vị nhận báo cáo: ${report.receiver.name ?? report.receiver.code}`
      : '',
  ]
  const put = (
    row: number,
    c1: number,
    c2: number,
    text: string,
    font: Partial<ExcelJS.Font>,
    align: ExcelJS.Alignment['horizontal'],
  ) => {
    if (text === '') return
    if (c2 > c1) ws.mergeCells(row, c1, row, c2)
    const cell = ws.getCell(row, c1)
    cell.value = text
    cell.font = { ...FONT, ...font }
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true }
    const w = widths.slice(c1 - 1, c2).reduce((a, b) => a + b, 0)
    const need = Math.ceil((text.length * 1.15) / Math.max(1, w)) * 15 + 3
    if (need > (ws.getRow(row).height ?? 15)) ws.getRow(row).height = need
  }
  if (width >= 5) {
    // split by printed width: the left block takes ~25%, the right block ~30% of the sheet
    const total = widths.reduce((a, b) => a + b, 0)
    let leftTo = 1
    while (leftTo < width - 3 && widths.slice(0, leftTo).reduce((a, b) => a + b, 0) < total * 0.25)
      leftTo++
    let rightFrom = width
    while (
      rightFrom > leftTo + 2 &&
      widths.slice(rightFrom - 1).reduce((a, b) => a + b, 0) < total * 0.3
    )
      rightFrom--
    left.forEach((s, i) =>
      put(i + 1, 1, leftTo, s, i === 0 ? { bold: true } : { italic: true }, 'left'),
    )
    centre.forEach((s, i) =>
      put(
        i + 1,
        leftTo + 1,
        rightFrom - 1,
        s,
        i === 0 ? { bold: true } : i === 2 ? { italic: true } : {},
        'center',
      ),
    )
    right.forEach((s, i) => put(i + 1, rightFrom, width, s, {}, 'left'))
  } else {
    // too narrow for three blocks: title first, the rest below it
    put(1, 1, width, centre[0] as string, { bold: true }, 'center')
    put(2, 1, width, [left[0], centre[1], right[0]].join('  '), {}, 'center')
    put(3, 1, width, centre[2] as string, { italic: true }, 'center')
  }
  if (multiSection && section.title !== undefined)
    put(4, 1, Math.max(1, width - 3), section.title, { bold: true }, 'left')
  if (section.unit !== undefined)
    put(4, Math.max(1, width - 2), width, `Đơn vị tính: ${section.unit}`, { italic: true }, 'right')
}

function safeLabel(code: string): string {
  try {
    return periodLabel(code)
  } catch {
    return code
  }
}

function writeHeader(ws: ExcelJS.Worksheet, layout: GridLayout): number {
  for (const box of layout.header) {
    const top = HEADER_TOP + box.row
    const left = box.col + 1
    if (box.rowSpan > 1 || box.colSpan > 1)
      ws.mergeCells(top, left, top + box.rowSpan - 1, left + box.colSpan - 1)
    const cell = ws.getCell(top, left)
    cell.value = box.text
  }
  const width = layout.leading.length + layout.columns.length
  for (let r = HEADER_TOP; r < HEADER_TOP + layout.headerDepth; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c)
      cell.font = { ...FONT, bold: true }
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      cell.border = THIN
    }
  }
  // wrapped header texts need taller rows: ~1.2 characters per width unit, 15 points a line
  const heights = Array.from({ length: layout.headerDepth }, () => 18)
  for (const box of [...layout.header].sort((a, b) => a.rowSpan - b.rowSpan)) {
    const w = layout.widths.slice(box.col, box.col + box.colSpan).reduce((a, b) => a + b, 0)
    const need = Math.ceil((box.text.length * 1.15) / Math.max(1, w)) * 15 + 4
    const have = heights.slice(box.row, box.row + box.rowSpan).reduce((a, b) => a + b, 0)
    const last = box.row + box.rowSpan - 1
    if (need > have) heights[last] = (heights[last] as number) + need - have
  }
  heights.forEach((h, i) => {
    ws.getRow(HEADER_TOP + i).height = h
  })
  let next = HEADER_TOP + layout.headerDepth
  if (layout.numbers !== undefined) {
    layout.numbers.forEach((n, i) => {
      const cell = ws.getCell(next, i + 1)
      cell.value = n
      cell.font = { ...FONT, italic: true }
      cell.alignment = { horizontal: 'center' }
      cell.border = THIN
    })
    next++
  }
  return next
}

function writeFooter(
  ws: ExcelJS.Worksheet,
  report: ExportReport,
  fromRow: number,
  width: number,
): void {
  const d = report.document
  const split = Math.max(2, Math.floor(width / 2))
  const put = (row: number, c1: number, c2: number, text: string, font: Partial<ExcelJS.Font>) => {
    if (c2 > c1) ws.mergeCells(row, c1, row, c2)
    const cell = ws.getCell(row, c1)
    cell.value = text
    cell.font = { ...FONT, ...font }
    cell.alignment = { horizontal: 'center', wrapText: true }
  }
  const r = fromRow + 1
  put(r, split + 1, width, placeAndDate(d?.place ?? '……', d?.date), { italic: true })
  put(r + 1, 1, split, 'NGƯỜI LẬP BIỂU', { bold: true })
  put(r + 1, split + 1, width, upperVi(d?.signer?.position ?? 'Thủ trưởng đơn vị'), { bold: true })
  put(r + 2, 1, split, '(Ký, ghi rõ họ tên)', { italic: true })
  put(r + 2, split + 1, width, d?.signer?.signedNote ?? '(Ký, đóng dấu)', { italic: true })
  if (d?.signer !== undefined) put(r + 6, split + 1, width, d.signer.name, { bold: true })
}

function describeCell(
  section: string,
  c: ResolvedCell,
): { section: string; row: string; col: string } {
  return { section, row: c.row, col: c.col }
}

/** Builds the workbook. Formulas Excel cannot compute are written as their values with a note, and reported. */
export async function exportXlsx(
  report: ExportReport,
  opts: XlsxExportOptions = {},
): Promise<XlsxExport> {
  const diagnostics: FileDiagnostic[] = []
  const wb = new ExcelJS.Workbook()
  wb.creator = report.document?.agency ?? report.unit.name ?? report.unit.code
  wb.created = opts.createdAt ?? new Date()
  wb.modified = wb.created
  wb.title = `${report.template.code} ${report.period.code} ${report.unit.code}`
  // viewers without a calculation engine show the cached values; Excel recomputes on open
  wb.calcProperties.fullCalcOnLoad = true
  const grids = report.template.sections.filter((s): s is ResolvedGridSection => s.kind === 'grid')
  const taken = new Set<string>()
  const placed = new Map<string, PlacedSection>()
  for (const section of grids) {
    const layout = layoutGrid(section, opts)
    const name = sheetName(
      grids.length === 1 ? report.template.code : (section.title ?? section.id),
      taken,
    )
    const sheet = wb.addWorksheet(name, {
      pageSetup: {
        paperSize: 9,
        orientation: layout.widths.length > 8 ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    })
    placed.set(section.id, { layout, sheet, firstDataRow: 0 })
  }
  const target: A1Target = {
    sheet: (s) => placed.get(s)?.sheet.name,
    row: (s, r) => {
      const p = placed.get(s)
      const i = p?.layout.rowPos.get(r)
      return p === undefined || i === undefined ? undefined : p.firstDataRow + i
    },
    col: (s, c) => {
      const i = placed.get(s)?.layout.colPos.get(c)
      return i === undefined ? undefined : i + 1
    },
    columnOrder: (s) => placed.get(s)?.layout.section.columns.map((c) => c.id) ?? [],
  }
  // first pass: place every section, so cross-section formulas know their target rows
  for (const p of placed.values()) {
    p.firstDataRow = HEADER_TOP + p.layout.headerDepth + (p.layout.numbers !== undefined ? 1 : 0)
  }
  for (const p of placed.values()) {
    const { layout, sheet: ws } = p
    const section = layout.section
    const width = layout.widths.length
    layout.widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w
    })
    writeHeading(ws, report, section, layout.widths, grids.length > 1)
    writeHeader(ws, layout)
    const lead = layout.leading.length
    layout.rows.forEach((row, i) => {
      const r = p.firstDataRow + i
      const strong = row.kind !== 'data'
      layout.leading.forEach((l, li) => {
        const cell = ws.getCell(r, li + 1)
        cell.value =
          l.kind === 'code'
            ? (row.code ?? null)
            : l.kind === 'label'
              ? row.label
              : (row.unit ?? null)
        cell.font = { ...FONT, bold: strong }
        cell.alignment =
          l.kind === 'label'
            ? { wrapText: true, vertical: 'top', indent: row.level }
            : { horizontal: 'center', vertical: 'top' }
        cell.border = THIN
      })
      const ri = section.rowIndex.get(row.id) as number
      section.columns.forEach((col, ci) => {
        const pos = layout.colPos.get(col.id)
        if (pos === undefined) return
        const rc = section.cells[ri * section.columns.length + ci] as ResolvedCell
        const cell = ws.getCell(r, pos + 1)
        const at = sheetRef(ws.name, `${columnLetter(pos + 1)}${r}`)
        const v = report.values.get(rc.key)
        cell.font = { ...FONT, bold: strong }
        cell.border = THIN
        const labelLike = rc.kind === 'fixed' && rc.value === row.label
        cell.alignment = {
          vertical: 'top',
          horizontal: cellAlign(col, labelLike),
          wrapText: col.type === 'text',
          ...(labelLike ? { indent: row.level } : {}),
        }
        const fmt = numberFormat(col.type, rc.decimals ?? col.decimals)
        if (fmt !== undefined) cell.numFmt = fmt
        if (rc.kind === 'formula' && rc.formula !== undefined) {
          const parsed = parseFormula(rc.formula)
          const a1 = parsed.ok
            ? formulaToA1(parsed.ast, section.id, target)
            : { ok: false as const, reason: parsed.error.message }
          if (a1.ok) {
            const result = cachedResult(v, col.type)
            cell.value =
              result === undefined ? { formula: a1.formula } : { formula: a1.formula, result }
          } else {
            cell.value = cellValue(v, col.type)
            cell.note = `Công thức của hệ thống: =${rc.formula}`
            diagnostics.push({
              ruleId: 'xlsx/formula-as-value',
              severity: 'info',
              message: `${at}: =${rc.formula} is written as its value: ${a1.reason}`,
              place: describeCell(section.id, rc),
              at,
            })
          }
          return
        }
        if (rc.kind === 'greyed') cell.fill = GREY
        if (rc.kind === 'fixed') {
          cell.value = cellValue(rc.value ?? null, col.type)
          return
        }
        cell.value = cellValue(v, col.type)
        if (rc.kind === 'input') {
          if (col.type === 'choice' && col.choices !== undefined) {
            const list = `"${col.choices.join(',')}"`
            if (
              list.length <= 257 &&
              !col.choices.some((c) => c.includes(',') || c.includes('"'))
            ) {
              cell.dataValidation = { type: 'list', allowBlank: true, formulae: [list] }
            }
          } else if (
            (col.min !== undefined || col.max !== undefined) &&
            (col.type === 'number' || col.type === 'integer' || col.type === 'percent')
          ) {
            const kind = col.type === 'integer' ? 'whole' : 'decimal'
            if (col.min !== undefined && col.max !== undefined)
              cell.dataValidation = {
                type: kind,
                operator: 'between',
                allowBlank: true,
                formulae: [col.min, col.max],
              }
            else if (col.min !== undefined)
              cell.dataValidation = {
                type: kind,
                operator: 'greaterThanOrEqual',
                allowBlank: true,
                formulae: [col.min],
              }
            else
              cell.dataValidation = {
                type: kind,
                operator: 'lessThanOrEqual',
                allowBlank: true,
                formulae: [col.max],
              }
          }
        }
      })
      if (row.kind === 'heading' && lead > 0) ws.getCell(r, 2).font = { ...FONT, bold: true }
    })
    const lastRow = p.firstDataRow + layout.rows.length - 1
    writeFooter(ws, report, lastRow + 1, width)
    ws.views = [{ state: 'frozen', xSplit: lead, ySplit: p.firstDataRow - 1 }]
    ws.pageSetup.printTitlesRow = `${HEADER_TOP}:${p.firstDataRow - 1}`
    ws.pageSetup.margins = {
      left: 0.6,
      right: 0.4,
      top: 0.6,
      bottom: 0.6,
      header: 0.3,
      footer: 0.3,
    }
  }
  const narrative = narrativeItems(report)
  if (narrative.length > 0) {
    const ws = wb.addWorksheet(sheetName('Thuyết minh', taken))
    ws.getColumn(1).width = 8
    ws.getColumn(2).width = 40
    ws.getColumn(3).width = 90
    narrative.forEach((item, i) => {
      const row = ws.getRow(i + 1)
      row.getCell(1).value = item.number
      row.getCell(2).value = item.title
      row.getCell(3).value = item.text
      row.eachCell((c) => {
        c.font = { ...FONT, bold: item.text === '' }
        c.alignment = { wrapText: true, vertical: 'top' }
      })
    })
  }
  const buf = await wb.xlsx.writeBuffer()
  return { data: new Uint8Array(buf as ArrayBuffer), diagnostics }
}
