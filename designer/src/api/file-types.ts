import type { Diagnostic, TemplateDefinition } from '../../../core/index.js'

/** Formats of GET /instances/:id/export.<format>, and the signed package. */
export type ExportFormat = 'xlsx' | 'docx' | 'pdf' | 'csv' | 'json' | 'zip'

/** A problem of a file import, with its place in the file (`'Sheet'!A1`, `line 4, column 3`). */
export interface FileDiagnostic extends Diagnostic {
  at: string
}

/** POST /templates/import-xlsx: the draft version created, and what the workbook held that it does not carry. */
export interface XlsxImported {
  id: number
  templateId: number
  code: string
  version: string
  status: string
  definition: TemplateDefinition
  diagnostics: FileDiagnostic[]
  values: Record<string, Record<string, Record<string, unknown>>>
}

/** POST /instances/:id/import.csv */
export interface CsvImported {
  version: number
  cells: number
  dynamicRows: Record<string, string[]>
  diagnostics: Diagnostic[]
}
