/**
 * .csv of cell values: one line per unit x period x section x row x column (every grid cell, inputs and
 * formulas), UTF-8 with BOM so Excel shows Vietnamese correctly. Numbers are written in the machine form
 * (`1234.5`), so the file is read back exactly; `csv-import.ts` reads the same layout.
 */
import { isFormulaError, type Value } from '../../core/index.js'
import { formatCsv } from './csv-format.js'
import type { ExportReport } from './types.js'

export const CSV_COLUMNS = [
  'template',
  'version',
  'unit',
  'period',
  'section',
  'row',
  'col',
  'row_code',
  'row_label',
  'column_number',
  'column_header',
  'kind',
  'value',
] as const

export function csvValue(v: Value | undefined): string {
  if (v === undefined || v === null) return ''
  if (isFormulaError(v)) return v.error
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  return String(v)
}

/** One CSV for any number of report instances (e.g. every unit of a consolidation). */
export function exportCsv(reports: ExportReport | readonly ExportReport[]): string {
  const list = Array.isArray(reports)
    ? (reports as readonly ExportReport[])
    : [reports as ExportReport]
  const lines: string[][] = [[...CSV_COLUMNS]]
  for (const r of list) {
    const t = r.template
    for (const section of t.sections) {
      if (section.kind !== 'grid') continue
      const rows = new Map(section.rows.map((row) => [row.id, row]))
      const cols = new Map(section.columns.map((c) => [c.id, c]))
      for (const cell of section.cells) {
        const row = rows.get(cell.row)
        const col = cols.get(cell.col)
        lines.push([
          t.code,
          t.version,
          r.unit.code,
          r.period.code,
          cell.section,
          cell.row,
          cell.col,
          row?.code ?? '',
          row?.label ?? '',
          col?.number ?? '',
          col?.header.join(' / ') ?? '',
          cell.kind,
          csvValue(r.values.get(cell.key)),
        ])
      }
    }
  }
  return formatCsv(lines)
}
