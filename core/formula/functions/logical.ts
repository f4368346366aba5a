import type { FormulaFunction, Matrix, Value } from '../types.js'
import { formulaError, isFormulaError, isMatrix, NA, toBoolean } from '../values.js'
import { numberArg, scalar } from './args.js'

/**
 * AND/OR over evaluated arguments, Excel's way: logicals and numbers count, text and empty cells
 * are skipped, an error is returned, no logical value at all is #VALUE!.
 */
export function foldLogical(name: 'AND' | 'OR', args: ReadonlyArray<Value | Matrix>): Value {
  let seen = false
  let result = name === 'AND'
  for (const arg of args) {
    const values = isMatrix(arg) ? arg.flat() : [arg]
    for (const v of values) {
      if (isFormulaError(v)) return v
      if (v === null) continue
      const b = typeof v === 'string' ? toBoolean(v) : v === true || v === false ? v : v !== 0
      if (typeof b !== 'boolean') continue
      seen = true
      result = name === 'AND' ? result && b : result || b
    }
  }
  return seen ? result : formulaError('#VALUE!', `${name} found no logical value`)
}

/** IFS over evaluated arguments: the value after the first true condition, else #N/A. */
export function ifs(args: ReadonlyArray<Value | Matrix>): Value {
  for (let i = 0; i + 1 < args.length; i += 2) {
    const c = toBoolean(scalar(args[i], 'IFS'))
    if (typeof c !== 'boolean') return c
    if (c) return scalar(args[i + 1], 'IFS')
  }
  return formulaError('#N/A', 'IFS: no condition is TRUE')
}

/** CHOOSE's index (1-based), or the error to return. */
export function chooseIndex(arg: Value | Matrix | undefined, count: number): number | Value {
  const n = numberArg(arg, 'CHOOSE')
  if (typeof n !== 'number') return n
  const i = Math.trunc(n)
  return i >= 1 && i <= count
    ? i
    : formulaError('#VALUE!', `CHOOSE index ${n} is not between 1 and ${count}`)
}

const isError = (v: Value): boolean => isFormulaError(v)

/**
 * Logical and error functions. IF, IFERROR, IFNA, IFS, AND, OR and CHOOSE are compiled as lazy
 * special forms; the `evaluate` here serves callers that hold evaluated arguments.
 */
export const logicalFunctions: FormulaFunction[] = [
  {
    name: 'IF',
    minArgs: 2,
    maxArgs: 3,
    description: 'IF(condition, value if true, [value if false])',
    evaluate: (args) => {
      const c = toBoolean(scalar(args[0], 'IF'))
      if (typeof c !== 'boolean') return c
      return c ? scalar(args[1], 'IF') : args.length > 2 ? scalar(args[2], 'IF') : false
    },
  },
  {
    name: 'IFERROR',
    minArgs: 2,
    maxArgs: 2,
    description: 'IFERROR(value, value if error)',
    evaluate: (args) => {
      const v = scalar(args[0], 'IFERROR')
      return isFormulaError(v) ? scalar(args[1], 'IFERROR') : v
    },
  },
  {
    name: 'IFNA',
    minArgs: 2,
    maxArgs: 2,
    description: 'IFNA(value, value if #N/A)',
    evaluate: (args) => {
      const v = scalar(args[0], 'IFNA')
      return isFormulaError(v) && v.error === '#N/A' ? scalar(args[1], 'IFNA') : v
    },
  },
  {
    name: 'IFS',
    minArgs: 2,
    maxArgs: Infinity,
    description: 'IFS(condition1, value1, [condition2, value2], ...)',
    evaluate: ifs,
  },
  {
    name: 'AND',
    minArgs: 1,
    maxArgs: Infinity,
    description: 'AND(logical1, ...): TRUE when all are TRUE',
    evaluate: (args) => foldLogical('AND', args),
  },
  {
    name: 'OR',
    minArgs: 1,
    maxArgs: Infinity,
    description: 'OR(logical1, ...): TRUE when any is TRUE',
    evaluate: (args) => foldLogical('OR', args),
  },
  {
    name: 'CHOOSE',
    minArgs: 2,
    maxArgs: Infinity,
    description: 'CHOOSE(index, value1, value2, ...)',
    evaluate: (args) => {
      const i = chooseIndex(args[0], args.length - 1)
      return typeof i === 'number' ? scalar(args[i], 'CHOOSE') : i
    },
  },
  {
    name: 'ISERROR',
    minArgs: 1,
    maxArgs: 1,
    description: 'ISERROR(value): TRUE for any error value',
    evaluate: (args) => isError(scalar(args[0], 'ISERROR')),
  },
  {
    name: 'ISERR',
    minArgs: 1,
    maxArgs: 1,
    description: 'ISERR(value): TRUE for any error value except #N/A',
    evaluate: (args) => {
      const v = scalar(args[0], 'ISERR')
      return isFormulaError(v) && v.error !== '#N/A'
    },
  },
  {
    name: 'ISNA',
    minArgs: 1,
    maxArgs: 1,
    description: 'ISNA(value): TRUE for #N/A',
    evaluate: (args) => {
      const v = scalar(args[0], 'ISNA')
      return isFormulaError(v) && v.error === '#N/A'
    },
  },
  {
    name: 'NA',
    minArgs: 0,
    maxArgs: 0,
    description: 'NA(): the #N/A error value',
    evaluate: () => NA,
  },
]
