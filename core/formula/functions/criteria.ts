import type { Value } from '../types.js'
import { compareValues, isFormulaError, toNumber } from '../values.js'
import { wildcard } from './lookup.js'

type Op = '=' | '<>' | '<' | '<=' | '>' | '>='

interface Criterion {
  op: Op
  operand: number | string | boolean
}

/** Reads a COUNTIF-style criterion: `5`, `">=5"`, `"<>"`, `"ab*"`, `TRUE`. */
export function parseCriterion(value: Exclude<Value, { error: string }>): Criterion {
  if (typeof value === 'number' || typeof value === 'boolean') return { op: '=', operand: value }
  const [, sign, operand = ''] = /^(<=|>=|<>|<|>|=)?(.*)$/s.exec(value ?? '') as RegExpExecArray
  const op = (sign ?? '=') as Op
  const upper = operand.toUpperCase()
  if (upper === 'TRUE' || upper === 'FALSE') return { op, operand: upper === 'TRUE' }
  const n = operand.trim() === '' ? undefined : toNumber(operand)
  return { op, operand: typeof n === 'number' ? n : operand }
}

function holds(op: Op, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0
    case '<>':
      return c !== 0
    case '<':
      return c < 0
    case '<=':
      return c <= 0
    case '>':
      return c > 0
    case '>=':
      return c >= 0
  }
}

/**
 * Excel's criteria matching: `=`/`<>` against "" test for empty cells; numbers also match numeric
 * text for equality; text compares case-insensitively with `*` `?` wildcards; ordering operators
 * only compare cells of the operand's type.
 */
export function matchesCriterion(cell: Value, { op, operand }: Criterion): boolean {
  if (operand === '' && (op === '=' || op === '<>')) {
    const blank = cell === null || cell === ''
    return op === '=' ? blank : !blank
  }
  if (op === '<>') return !matchesCriterion(cell, { op: '=', operand })
  if (cell === null || isFormulaError(cell)) return false
  if (typeof operand === 'number') {
    const n =
      typeof cell === 'number'
        ? cell
        : op === '=' && typeof cell === 'string'
          ? toNumber(cell)
          : undefined
    return typeof n === 'number' && holds(op, n < operand ? -1 : n > operand ? 1 : 0)
  }
  if (typeof operand === 'boolean')
    return typeof cell === 'boolean' && holds(op, Number(cell) - Number(operand))
  if (typeof cell !== 'string') return false
  if (op === '=') return wildcard(operand).test(cell)
  return holds(op, compareValues(cell, operand))
}
