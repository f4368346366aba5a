import type { Column, GridSection, TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { Severity } from '../../schemas/generated/index.js'
import { jsonPointer } from './json-pointer.js'

const NUMERIC = new Set<Column['type']>(['number', 'integer', 'percent'])

type Emit = (ruleId: string, severity: Severity, pointer: string, message: string) => void

function emitter(out: Diagnostic[]): Emit {
  return (ruleId, severity, pointer, message) => {
    out.push({ ruleId, severity, message: `${pointer}: ${message}`, place: { pointer } })
  }
}

/**
 * Column and cell definitions that contradict their type (`core/type-mismatch`): a choice column
 * without choices, decimals or min/max on a non-numeric column, min > max, a fixed cell without a
 * value, a formula cell without a formula; and cell overrides naming unknown columns.
 */
export function checkColumnsAndCells(def: Readonly<TemplateDefinition>): Diagnostic[] {
  const out: Diagnostic[] = []
  const emit = emitter(out)
  def.sections.forEach((section, s) => {
    if (section.kind !== 'grid') return
    section.columns.forEach((column, c) =>
      checkColumn(column, jsonPointer('sections', s, 'columns', c), emit),
    )
    checkCells(section, s, emit)
  })
  return out
}

function checkColumn(column: Column, at: string, emit: Emit): void {
  const numeric = NUMERIC.has(column.type)
  if (column.type === 'choice' && (column.choices === undefined || column.choices.length === 0)) {
    emit(
      'core/type-mismatch',
      'error',
      at,
      `choice column '${column.id}' needs a non-empty "choices" list`,
    )
  }
  if (column.type !== 'choice' && column.choices !== undefined) {
    emit(
      'core/type-mismatch',
      'warning',
      `${at}/choices`,
      `"choices" is ignored on a ${column.type} column ('${column.id}')`,
    )
  }
  if (column.decimals !== undefined && !numeric) {
    emit(
      'core/type-mismatch',
      'error',
      `${at}/decimals`,
      `"decimals" needs a numeric column, '${column.id}' is ${column.type}`,
    )
  }
  if (column.type === 'integer' && column.decimals !== undefined && column.decimals > 0) {
    emit(
      'core/type-mismatch',
      'error',
      `${at}/decimals`,
      `integer column '${column.id}' cannot have ${column.decimals} decimals`,
    )
  }
  for (const bound of ['min', 'max'] as const) {
    if (column[bound] !== undefined && !numeric) {
      emit(
        'core/type-mismatch',
        'error',
        `${at}/${bound}`,
        `"${bound}" needs a numeric column, '${column.id}' is ${column.type}`,
      )
    }
  }
  if (column.min !== undefined && column.max !== undefined && column.min > column.max) {
    emit(
      'core/type-mismatch',
      'error',
      `${at}/min`,
      `min ${column.min} is greater than max ${column.max} in column '${column.id}'`,
    )
  }
}

function checkCells(section: GridSection, s: number, emit: Emit): void {
  const columns = new Set(section.columns.map((c) => c.id))
  section.rows.forEach((row, r) => {
    const rowAt = jsonPointer('sections', s, 'rows', r)
    if ((row.kind ?? 'data') === 'heading' && row.formula !== undefined) {
      emit(
        'core/type-mismatch',
        'error',
        `${rowAt}/formula`,
        `heading row '${row.id}' holds labels only and cannot have a formula`,
      )
    }
    for (const [col, cell] of Object.entries(row.cells ?? {})) {
      const at = `${rowAt}${jsonPointer('cells', col)}`
      if (!columns.has(col)) {
        emit(
          'core/unknown-reference',
          'error',
          at,
          `cell override of row '${row.id}' names unknown column '${col}'`,
        )
      }
      if (cell.kind === 'fixed' && cell.value === undefined) {
        emit('core/type-mismatch', 'error', at, `fixed cell ${row.id}.${col} needs a "value"`)
      }
      if (cell.kind === 'formula' && cell.formula === undefined) {
        emit('core/type-mismatch', 'error', at, `formula cell ${row.id}.${col} needs a "formula"`)
      }
      if (cell.kind !== 'formula' && cell.formula !== undefined) {
        emit(
          'core/type-mismatch',
          'error',
          `${at}/formula`,
          `cell ${row.id}.${col} is ${cell.kind}, so its formula would be ignored; use kind "formula"`,
        )
      }
      if (cell.kind !== 'fixed' && cell.value !== undefined) {
        emit(
          'core/type-mismatch',
          'warning',
          `${at}/value`,
          `cell ${row.id}.${col} is ${cell.kind}, so its value is ignored; use kind "fixed"`,
        )
      }
    }
  })
}
