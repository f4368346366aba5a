import type { FormulaError, FormulaFunction, Matrix, Value } from '../types.js'
import { compareValues, formulaError, isFormulaError } from '../values.js'
import { matrixArg, numberArg, scalar, vectorArg } from './args.js'

type Plain = Exclude<Value, FormulaError>
type MatchMode = 'exact' | 'next-smaller' | 'next-larger' | 'wildcard'

/** Excel's wildcard pattern as a case-insensitive RegExp matching the whole text. */
export function wildcard(pattern: string): RegExp {
  // Excel: * any run, ? one character, ~ escapes the next one.
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string
    if (ch === '~' && i + 1 < pattern.length) re += escape(pattern[++i] as string)
    else if (ch === '*') re += '.*'
    else if (ch === '?') re += '.'
    else re += escape(ch)
  }
  return new RegExp(`^${re}$`, 'is')
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const sameKind = (a: Value, b: Value): boolean =>
  a !== null && b !== null && typeof a === typeof b && !isFormulaError(a) && !isFormulaError(b)

/**
 * Position (0-based) of `needle` in `list`, or -1. Approximate modes scan linearly for the best
 * candidate of the same type, so unsorted data still gets a sensible answer.
 */
export function findIn(
  needle: Value,
  list: readonly Value[],
  mode: MatchMode,
  reverse = false,
): number {
  const pattern = mode === 'wildcard' && typeof needle === 'string' ? wildcard(needle) : undefined
  let best = -1
  for (let k = 0; k < list.length; k++) {
    const i = reverse ? list.length - 1 - k : k
    const item = list[i] as Value
    if (!sameKind(item, needle)) continue
    if (pattern !== undefined) {
      if (pattern.test(String(item))) return i
      continue
    }
    const c = compareValues(item as Plain, needle as Plain)
    if (c === 0) return i
    if (
      mode === 'next-smaller' &&
      c < 0 &&
      (best < 0 || compareValues(item as Plain, list[best] as Plain) > 0)
    )
      best = i
    if (
      mode === 'next-larger' &&
      c > 0 &&
      (best < 0 || compareValues(item as Plain, list[best] as Plain) < 0)
    )
      best = i
  }
  return best
}

function notFound(name: string, needle: Value): Value {
  return formulaError('#N/A', `${name}: ${JSON.stringify(needle)} not found`)
}

function matchModeOf(type: number): MatchMode {
  return type > 0 ? 'next-smaller' : type < 0 ? 'next-larger' : 'wildcard'
}

function lookupValue(args: ReadonlyArray<Value | Matrix>, name: string): Value {
  return scalar(args[0], name)
}

function truthy(arg: Value | Matrix | undefined, name: string, fallback: boolean): boolean | Value {
  if (arg === undefined) return fallback
  const v = scalar(arg, name)
  if (isFormulaError(v)) return v
  return v === null ? false : typeof v === 'number' ? v !== 0 : v === true || v === 'TRUE'
}

/** VLOOKUP/HLOOKUP: search the first column (row) of the table, return from column (row) `index`. */
function tableLookup(name: 'VLOOKUP' | 'HLOOKUP', args: ReadonlyArray<Value | Matrix>): Value {
  const needle = lookupValue(args, name)
  if (isFormulaError(needle)) return needle
  const table = matrixArg(args[1] as Value | Matrix)
  const index = numberArg(args[2], name)
  if (typeof index !== 'number') return index
  const approximate = truthy(args[3], name, true)
  if (typeof approximate !== 'boolean') return approximate
  const vertical = name === 'VLOOKUP'
  const lines = vertical
    ? table
    : (table[0] ?? []).map((_, c) => table.map((row) => row[c] ?? null))
  const width = lines[0]?.length ?? 0
  const k = Math.trunc(index)
  if (k < 1) return formulaError('#VALUE!', `${name}: index ${index} is less than 1`)
  if (k > width)
    return formulaError('#REF!', `${name}: index ${index} is beyond the table (${width})`)
  const keys = lines.map((line) => line[0] ?? null)
  const at = findIn(needle, keys, approximate ? 'next-smaller' : 'wildcard')
  return at < 0 ? notFound(name, needle) : ((lines[at] as Value[])[k - 1] ?? null)
}

function matchFn(args: ReadonlyArray<Value | Matrix>): Value {
  const needle = lookupValue(args, 'MATCH')
  if (isFormulaError(needle)) return needle
  const list = vectorArg(args[1] as Value | Matrix)
  if (list === undefined) return formulaError('#N/A', 'MATCH needs a one-row or one-column range')
  const type = args.length > 2 ? numberArg(args[2], 'MATCH') : 1
  if (typeof type !== 'number') return type
  const at = findIn(needle, list, matchModeOf(type))
  return at < 0 ? notFound('MATCH', needle) : at + 1
}

function indexFn(args: ReadonlyArray<Value | Matrix>): Value {
  const m = matrixArg(args[0] as Value | Matrix)
  const height = m.length
  const width = m[0]?.length ?? 0
  const first = numberArg(args[1], 'INDEX')
  if (typeof first !== 'number') return first
  const second = args.length > 2 ? numberArg(args[2], 'INDEX') : undefined
  if (second !== undefined && typeof second !== 'number') return second
  let row = Math.trunc(first)
  let col = second === undefined ? 1 : Math.trunc(second)
  // INDEX(one_row_range, n) counts along the row, as in Excel.
  if (second === undefined && height === 1) [row, col] = [1, row]
  if (row === 0 && height === 1) row = 1
  if (col === 0 && width === 1) col = 1
  if (row < 1 || col < 1) {
    return formulaError(
      '#VALUE!',
      'INDEX: row and column must be at least 1 (whole rows or columns are not values)',
    )
  }
  if (row > height || col > width) {
    return formulaError('#REF!', `INDEX: (${row}, ${col}) is outside the ${height}x${width} range`)
  }
  return (m[row - 1] as Value[])[col - 1] ?? null
}

function xlookupFn(args: ReadonlyArray<Value | Matrix>): Value {
  const needle = lookupValue(args, 'XLOOKUP')
  if (isFormulaError(needle)) return needle
  const keys = vectorArg(args[1] as Value | Matrix)
  if (keys === undefined)
    return formulaError('#VALUE!', 'XLOOKUP needs a one-row or one-column lookup range')
  const results = vectorArg(args[2] as Value | Matrix)
  if (results === undefined || results.length !== keys.length) {
    return formulaError(
      '#VALUE!',
      'XLOOKUP: the return range must have the size of the lookup range',
    )
  }
  const modeArg = args.length > 4 ? numberArg(args[4], 'XLOOKUP') : 0
  const searchArg = args.length > 5 ? numberArg(args[5], 'XLOOKUP') : 1
  if (typeof modeArg !== 'number') return modeArg
  if (typeof searchArg !== 'number') return searchArg
  const modes: Record<number, MatchMode> = {
    0: 'exact',
    [-1]: 'next-smaller',
    1: 'next-larger',
    2: 'wildcard',
  }
  const mode = modes[modeArg]
  if (mode === undefined)
    return formulaError('#VALUE!', `XLOOKUP: match mode ${modeArg} is not 0, -1, 1 or 2`)
  const at = findIn(needle, keys, mode, searchArg < 0)
  if (at >= 0) return results[at] ?? null
  return args.length > 3 ? scalar(args[3], 'XLOOKUP') : notFound('XLOOKUP', needle)
}

/** Lookup functions formulajs lacks (VLOOKUP, HLOOKUP, INDEX, XLOOKUP) or gets wrong (MATCH on a column). */
export const lookupFunctions: FormulaFunction[] = [
  {
    name: 'VLOOKUP',
    minArgs: 3,
    maxArgs: 4,
    description: 'VLOOKUP(value, table, column index, [approximate = TRUE])',
    evaluate: (args) => tableLookup('VLOOKUP', args),
  },
  {
    name: 'HLOOKUP',
    minArgs: 3,
    maxArgs: 4,
    description: 'HLOOKUP(value, table, row index, [approximate = TRUE])',
    evaluate: (args) => tableLookup('HLOOKUP', args),
  },
  {
    name: 'MATCH',
    minArgs: 2,
    maxArgs: 3,
    description: 'MATCH(value, range, [type = 1]): 1-based position',
    evaluate: matchFn,
  },
  {
    name: 'INDEX',
    minArgs: 2,
    maxArgs: 3,
    description: 'INDEX(range, row, [column])',
    evaluate: indexFn,
  },
  {
    name: 'XLOOKUP',
    minArgs: 3,
    maxArgs: 6,
    description:
      'XLOOKUP(value, lookup range, return range, [if not found], [match mode], [search mode])',
    evaluate: xlookupFn,
  },
]
