import type { ErrorCode, FormulaError, Matrix, Value } from './types.js'

/** Every error code, as the lexer and `toFormulaError` recognise them. */
export const ERROR_CODES: readonly ErrorCode[] = [
  '#DIV/0!',
  '#N/A',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#REF!',
  '#VALUE!',
  '#ERROR!',
  '#CYCLE!',
]

/**
 * True when a value (or a function argument) is an error value.
 *
 * @example
 * isFormulaError({ error: '#DIV/0!' }) // true
 * isFormulaError(0) // false
 */
export function isFormulaError(value: unknown): value is FormulaError {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { error?: unknown }).error === 'string'
  )
}

/** An error value, frozen so shared constants cannot be changed by a caller. */
export function formulaError(error: ErrorCode, detail?: string): FormulaError {
  return Object.freeze(detail === undefined ? { error } : { error, detail })
}

// Shared constants keep the hot path free of allocations for the common errors.
export const DIV0 = formulaError('#DIV/0!')
export const VALUE = formulaError('#VALUE!')
export const NUM = formulaError('#NUM!')
export const NA = formulaError('#N/A')

/**
 * Rounds to 15 significant digits, as Excel stores numbers, so `0.1 + 0.2` is `0.3`; turns
 * infinities and NaN into `#NUM!`. Applied to sums, differences, function results and cell results.
 *
 * @example
 * normalizeNumber(0.1 + 0.2) // 0.3
 * normalizeNumber(1 / 0) // { error: '#NUM!' }
 */
export function normalizeNumber(n: number): number | FormulaError {
  // Integers below 2^53 already have at most 16 digits; below 1e15 they are exact with 15.
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return n === 0 ? 0 : n
  if (!Number.isFinite(n)) return NUM
  const r = Number(n.toPrecision(15))
  // Rounding up the largest doubles overflows.
  if (!Number.isFinite(r)) return NUM
  return r === 0 ? 0 : r
}

/** Maps `#DIV/0!`, `DIV/0` or `Error('#DIV/0!')` style messages to an error code. */
export function errorCodeOf(message: string): ErrorCode | undefined {
  const bare = message.replace(/[#!?]/g, '').trim().toUpperCase()
  return ERROR_CODES.find((c) => c.replace(/[#!?]/g, '') === bare)
}

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?%?$/i

/**
 * Excel's coercion of a value to a number for arithmetic: empty is 0, TRUE is 1, numeric text
 * (`"12"`, `"50%"`) is read, other text is `#VALUE!`, errors pass through.
 */
export function toNumber(value: Value): number | FormulaError {
  if (typeof value === 'number') return value
  if (value === null) return 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string') {
    const text = value.trim()
    if (!NUMERIC_TEXT.test(text)) return formulaError('#VALUE!', `"${value}" is not a number`)
    return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text)
  }
  return value
}

/** Excel's text of a value for `&` and text functions: empty is "", TRUE is "TRUE". */
export function toText(value: Exclude<Value, FormulaError>): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') return String(value).toUpperCase()
  return value
}

/** Excel's truth of a value for IF/AND/OR: numbers are true unless 0, text "TRUE"/"FALSE" is read. */
export function toBoolean(value: Value): boolean | FormulaError {
  if (typeof value === 'boolean') return value
  if (value === null) return false
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'string') {
    const upper = value.trim().toUpperCase()
    if (upper === 'TRUE') return true
    if (upper === 'FALSE') return false
    return formulaError('#VALUE!', `"${value}" is not TRUE or FALSE`)
  }
  return value
}

const TYPE_RANK = { number: 0, string: 1, boolean: 2 } as const

/**
 * Excel's ordering for comparisons: numbers < text < logicals; text compares case-insensitively;
 * an empty cell is 0, "" or FALSE, whichever the other side is.
 */
export function compareValues(
  a: Exclude<Value, FormulaError>,
  b: Exclude<Value, FormulaError>,
): number {
  const x = a ?? emptyLike(b)
  const y = b ?? emptyLike(a)
  const tx = typeof x as keyof typeof TYPE_RANK
  const ty = typeof y as keyof typeof TYPE_RANK
  if (tx !== ty) return TYPE_RANK[tx] - TYPE_RANK[ty]
  if (typeof x === 'string') {
    const lx = x.toLowerCase()
    const ly = (y as string).toLowerCase()
    return lx < ly ? -1 : lx > ly ? 1 : 0
  }
  // Compared at 15 significant digits, as Excel does: `0.3/0.1=3` is TRUE.
  const nx = typeof x === 'number' ? Number(x.toPrecision(15)) : Number(x)
  const ny = typeof y === 'number' ? Number(y.toPrecision(15)) : Number(y)
  return nx < ny ? -1 : nx > ny ? 1 : 0
}

function emptyLike(other: Exclude<Value, FormulaError>): number | string | boolean {
  if (typeof other === 'string') return ''
  if (typeof other === 'boolean') return false
  return 0
}

/** True when a function argument is a range value. */
export function isMatrix(arg: Value | Matrix): arg is Matrix {
  return Array.isArray(arg)
}

/** A function argument as a list of values: a range is read row by row. */
export function flatten(arg: Value | Matrix): Value[] {
  return isMatrix(arg) ? arg.flat() : [arg]
}

/** The first error among function arguments (ranges included), if any. */
export function firstError(args: ReadonlyArray<Value | Matrix>): FormulaError | undefined {
  for (const arg of args) {
    if (isMatrix(arg)) {
      for (const row of arg) for (const v of row) if (isFormulaError(v)) return v
    } else if (isFormulaError(arg)) return arg
  }
  return undefined
}
