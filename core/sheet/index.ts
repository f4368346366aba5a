/**
 * The workbook: a resolved template with values. Formulas compiled once over integer slots, a
 * dependency graph in topological order, incremental recompute on edits, constraint checks and
 * input validation as diagnostics.
 */
export { createWorkbook } from './workbook.js'
export type { Workbook, WorkbookOptions } from './workbook.js'
export { checkCycles } from './check-cycles.js'
export { formatCellValue, roundTo } from './format-value.js'
export type { FormatOptions } from './format-value.js'
export {
  externalPeriods,
  externalValuesFromData,
  externalValuesOf,
  reportKey,
} from './external-reports.js'
export type { ExternalLookup, ExternalReportsData, ReportCells } from './external-reports.js'
