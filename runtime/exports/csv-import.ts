/**
 * Reads the CSV layout of `csv-export.ts` back into submissions (one per unit and period), to prefill
 * reports. Only input cells are taken; every problem names the line and the column of the file.
 */
import type { ResolvedGridSection, ResolvedTemplate } from '../../core/index.js'
import type { CellValue, SubmissionDocument } from '../../schemas/generated/index.js'
import { CSV_COLUMNS } from './csv-export.js'
import { CsvSyntaxError, parseCsv } from './csv-format.js'
import type { FileDiagnostic } from './types.js'

export interface CsvImport {
  /** One submission per unit x period found in the file, in order of first appearance. */
  submissions: SubmissionDocument[]
  diagnostics: FileDiagnostic[]
}

const REQUIRED = [
  'template',
  'version',
  'unit',
  'period',
  'section',
  'row',
  'col',
  'value',
] as const
type Field = (typeof CSV_COLUMNS)[number]

function diag(
  severity: FileDiagnostic['severity'],
  rule: string,
  line: number,
  column: number | undefined,
  name: string,
  message: string,
  cell?: { section: string; row?: string; col?: string },
): FileDiagnostic {
  const at = column === undefined ? `line ${line}` : `line ${line}, column ${column} (${name})`
  return {
    ruleId: `csv/${rule}`,
    severity,
    message: `${at}: ${message}`,
    place: { ...(cell ?? {}) },
    at,
  }
}

/** Parses a cell text for the column type; returns an error message when it does not fit. */
function typedValue(
  text: string,
  type: ResolvedGridSection['columns'][number]['type'],
  choices?: readonly string[],
): { value: CellValue } | { error: string } {
  if (text === '') return { value: null }
  switch (type) {
    case 'number':
    case 'integer':
    case 'percent': {
      const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())
        ? Number(text.trim())
        : Number.NaN
      if (!Number.isFinite(n)) {
        const hint = /^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+,\d+$/.test(text.trim())
          ? ' (write numbers as 1234.5, without thousands separators)'
          : ''
        return { error: `"${text}" is not a number${hint}` }
      }
      if (type === 'integer' && !Number.isInteger(n))
        return { error: `"${text}" is not a whole number` }
      return { value: n }
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? { value: text }
        : { error: `"${text}" is not a date (YYYY-MM-DD)` }
    case 'choice':
      return choices === undefined || choices.includes(text)
        ? { value: text }
        : { error: `"${text}" is not one of ${choices.map((c) => `"${c}"`).join(', ')}` }
    default:
      return { value: text }
  }
}

/** Reads the CSV for `template`. Lines for other templates, unknown cells or bad values are reported, not guessed. */
export function importCsv(text: string, template: ResolvedTemplate): CsvImport {
  const diagnostics: FileDiagnostic[] = []
  let records
  try {
    records = parseCsv(text)
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      diagnostics.push(
        diag(
          'error',
          'syntax',
          e.line,
          e.column,
          'text',
          e.message.replace(/^line \d+, column \d+: /, ''),
        ),
      )
      return { submissions: [], diagnostics }
    }
    throw e
  }
  const header = records[0]
  if (header === undefined) {
    diagnostics.push(diag('error', 'empty', 1, undefined, '', 'the file is empty'))
    return { submissions: [], diagnostics }
  }
  const index = new Map<string, number>(header.fields.map((f, i) => [f.trim(), i]))
  const missing = REQUIRED.filter((c) => !index.has(c))
  if (missing.length > 0) {
    diagnostics.push(
      diag(
        'error',
        'header',
        header.line,
        undefined,
        '',
        `missing column(s) ${missing.join(', ')}; expected ${CSV_COLUMNS.join(',')}`,
      ),
    )
    return { submissions: [], diagnostics }
  }
  const byInstance = new Map<string, SubmissionDocument>()
  const firstSeen = new Map<string, number>()
  for (const rec of records.slice(1)) {
    const get = (f: Field) => rec.fields[index.get(f) ?? -1] ?? ''
    const colNo = (f: Field) => (index.get(f) ?? 0) + 1
    const bad = (
      rule: string,
      f: Field,
      message: string,
      cell?: { section: string; row?: string; col?: string },
    ) => diagnostics.push(diag('error', rule, rec.line, colNo(f), f, message, cell))
    if (rec.fields.length !== header.fields.length) {
      diagnostics.push(
        diag(
          'error',
          'field-count',
          rec.line,
          undefined,
          '',
          `${rec.fields.length} fields, the header has ${header.fields.length}`,
        ),
      )
      continue
    }
    if (get('template') !== template.code) {
      bad('template-mismatch', 'template', `template "${get('template')}" is not ${template.code}`)
      continue
    }
    if (get('version') !== template.version) {
      bad('template-mismatch', 'version', `version "${get('version')}" is not ${template.version}`)
      continue
    }
    const unit = get('unit')
    const period = get('period')
    if (unit === '') {
      bad('required', 'unit', 'unit is empty')
      continue
    }
    if (period === '') {
      bad('required', 'period', 'period is empty')
      continue
    }
    const sectionId = get('section')
    const rowId = get('row')
    const colId = get('col')
    const cell = { section: sectionId, row: rowId, col: colId }
    const section = template.sectionIndex.get(sectionId)
    if (section === undefined || section.kind !== 'grid') {
      bad(
        'unknown-cell',
        'section',
        `"${sectionId}" is not a grid section of ${template.code}`,
        cell,
      )
      continue
    }
    const ci = section.colIndex.get(colId)
    if (ci === undefined) {
      bad('unknown-cell', 'col', `"${colId}" is not a column of section "${sectionId}"`, cell)
      continue
    }
    const column = section.columns[ci] as ResolvedGridSection['columns'][number]
    const ri = section.rowIndex.get(rowId)
    let added: string | undefined
    if (ri === undefined) {
      const m = /^(.+)_(\d+)$/.exec(rowId)
      const bi = m?.[1] !== undefined ? section.rowIndex.get(m[1]) : undefined
      const base = bi === undefined ? undefined : section.rows[bi]
      if (bi === undefined || base?.dynamic === undefined) {
        bad(
          'unknown-cell',
          'row',
          `"${rowId}" is not a row of section "${sectionId}" (nor a row added to a list row)`,
          cell,
        )
        continue
      }
      // an added row copies its list row: only the list row's input cells are imported
      if (section.cells[bi * section.columns.length + ci]?.kind !== 'input') continue
      added = rowId
    } else {
      const kind = section.cells[ri * section.columns.length + ci]?.kind
      if (kind !== 'input') continue // formula, fixed and greyed cells are exported for reading, not imported
    }
    const key = `${unit}\u0000${period}\u0000${sectionId}!${rowId}.${colId}`
    const dup = firstSeen.get(key)
    if (dup !== undefined) {
      bad(
        'duplicate-cell',
        'value',
        `the cell ${sectionId}!${rowId}.${colId} of ${unit} ${period} was already given on line ${dup}`,
        cell,
      )
      continue
    }
    firstSeen.set(key, rec.line)
    const typed = typedValue(get('value'), column.type, column.choices)
    if ('error' in typed) {
      bad('value-type', 'value', `${typed.error} for the ${column.type} column "${colId}"`, cell)
      continue
    }
    const instanceKey = `${unit}\u0000${period}`
    let sub = byInstance.get(instanceKey)
    if (sub === undefined) {
      sub = {
        template: { code: template.code, version: template.version },
        unit,
        period,
        values: {},
      }
      byInstance.set(instanceKey, sub)
    }
    if (added !== undefined) {
      const list = ((sub.dynamicRows ??= {})[sectionId] ??= [])
      if (!list.includes(added)) list.push(added)
    }
    ;((sub.values[sectionId] ??= {})[rowId] ??= {})[colId] = typed.value
  }
  return { submissions: [...byInstance.values()], diagnostics }
}
