import type { Column } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { Value } from '../formula/types.js'
import type { ResolvedCell } from '../template/types.js'
import { isEmpty } from './values.js'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** How a value reads in a message: text quoted, so `"12"` and `12` are told apart. */
export function showValue(value: Value): string {
  if (value === null) return 'empty'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') return String(value)
  return value.error
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** JSON pointer of a cell's value inside a SubmissionDocument. */
export function valuePointer(cell: Pick<ResolvedCell, 'section' | 'row' | 'col'>): string {
  return `/values/${escapePointer(cell.section)}/${escapePointer(cell.row)}/${escapePointer(cell.col)}`
}

function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text)
  if (m === null) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** Why a non-empty value does not fit the column type, or undefined when it fits. */
function typeProblem(
  type: Column['type'],
  column: Column,
  value: Exclude<Value, null>,
): string | undefined {
  switch (type) {
    case 'number':
    case 'percent':
      return typeof value === 'number' ? undefined : 'is not a number'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? undefined
        : 'is not a whole number'
    case 'text':
      return typeof value === 'string' ? undefined : 'is not text'
    case 'date':
      return typeof value === 'string' && isIsoDate(value)
        ? undefined
        : 'is not a date (YYYY-MM-DD)'
    case 'choice':
      if (typeof value !== 'string') return 'is not one of the choices'
      if (column.choices === undefined || column.choices.includes(value)) return undefined
      return `is not one of ${column.choices.map((c) => JSON.stringify(c)).join(', ')}`
  }
}

/**
 * Problems of the value of one input cell: required and empty (`core/required`), wrong type for
 * the column (`core/type`), outside min/max (`core/range`). Messages start with the cell key.
 */
export function inputProblems(
  cell: ResolvedCell,
  column: Column,
  value: Value,
): readonly Diagnostic[] {
  if (value === null)
    return cell.required ? problem(cell, value, 'core/required', 'a value is required') : NONE
  if (typeof value === 'number' && column.min === undefined && column.max === undefined) {
    // The common case, checked without allocating.
    if (cell.type === 'number' || cell.type === 'percent') return NONE
    if (cell.type === 'integer' && Number.isInteger(value)) return NONE
  }
  if (isEmpty(value))
    return cell.required ? problem(cell, value, 'core/required', 'a value is required') : NONE
  const v = value as Exclude<Value, null>
  const wrong = typeProblem(cell.type, column, v)
  if (wrong !== undefined) return problem(cell, v, 'core/type', `${showValue(v)} ${wrong}`)
  if (typeof v === 'number') {
    if (column.min !== undefined && v < column.min) {
      return problem(cell, v, 'core/range', `${v} is less than the minimum ${column.min}`)
    }
    if (column.max !== undefined && v > column.max) {
      return problem(cell, v, 'core/range', `${v} is greater than the maximum ${column.max}`)
    }
  }
  return NONE
}

const NONE: readonly Diagnostic[] = Object.freeze([])

function problem(
  cell: ResolvedCell,
  value: Value,
  ruleId: string,
  why: string,
): readonly Diagnostic[] {
  const place = { section: cell.section, row: cell.row, col: cell.col, pointer: valuePointer(cell) }
  return [{ ruleId, severity: 'error', message: `${cell.key}: ${why}`, place, values: { value } }]
}
