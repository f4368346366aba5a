import type { FormulaError, Matrix, Value } from '../types.js'
import { formulaError, isMatrix, toNumber } from '../values.js'

/** One value from an argument: a 1x1 range is its cell, a larger range is #VALUE!. */
export function scalar(arg: Value | Matrix | undefined, name: string): Value {
  if (arg === undefined) return null
  if (!isMatrix(arg)) return arg
  const only = arg.length === 1 && arg[0]?.length === 1 ? arg[0][0] : undefined
  return only === undefined
    ? formulaError('#VALUE!', `${name} expects one value, not a range`)
    : only
}

/** A numeric argument (coerced as in arithmetic), or the error to return. */
export function numberArg(arg: Value | Matrix | undefined, name: string): number | FormulaError {
  return toNumber(scalar(arg, name))
}

/** An argument as a matrix: a scalar is a 1x1 matrix. */
export function matrixArg(arg: Value | Matrix): Matrix {
  return isMatrix(arg) ? arg : [[arg]]
}

/** The cells of a one-row or one-column range, or undefined for a 2-D range. */
export function vectorArg(arg: Value | Matrix): Value[] | undefined {
  const m = matrixArg(arg)
  if (m.length === 1) return m[0] as Value[]
  if (m.every((row) => row.length === 1)) return m.map((row) => row[0] as Value)
  return undefined
}
