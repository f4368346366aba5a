import type { FormulaFunction, Matrix, Value } from '../types.js'
import { firstError, normalizeNumber } from '../values.js'
import { numberArg } from './args.js'

/** x * 10^digits computed on the decimal text, so 1.005 shifts to 100.5 and not 100.49999. */
function shift(x: number, digits: number): number {
  const [mantissa, exponent] = String(x).split('e')
  return Number(`${mantissa}e${Number(exponent ?? 0) + digits}`)
}

type Mode = (shifted: number) => number

/** Rounds |x| with `mode` and restores the sign: Excel rounds half away from zero. */
export function roundTo(x: number, digits: number, mode: Mode): number {
  const n = normalizeNumber(x)
  if (typeof n !== 'number' || n === 0) return 0
  const d = Math.trunc(digits)
  const shifted = shift(Math.abs(n), d)
  // Beyond double range the digits asked for do not exist: the number is already "rounded".
  if (!Number.isFinite(shifted)) return n
  const r = shift(mode(shifted), -d)
  return n < 0 ? -r : r
}

function rounding(name: string, mode: Mode, description: string): FormulaFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    description,
    evaluate(args: ReadonlyArray<Value | Matrix>): Value {
      const error = firstError(args)
      if (error !== undefined) return error
      const x = numberArg(args[0], name)
      if (typeof x !== 'number') return x
      const digits = args.length > 1 ? numberArg(args[1], name) : 0
      if (typeof digits !== 'number') return digits
      return normalizeNumber(roundTo(x, digits, mode))
    },
  }
}

/**
 * ROUND/ROUNDUP/ROUNDDOWN. formulajs rounds ROUND(-2.5, 0) to -2 and ROUND(0.285, 2) to 0.28;
 * Excel (and reports that must match it) gives -3 and 0.29.
 */
export const roundFunctions: FormulaFunction[] = [
  rounding('ROUND', Math.round, 'ROUND(number, [digits]): half away from zero'),
  rounding('ROUNDUP', Math.ceil, 'ROUNDUP(number, [digits]): away from zero'),
  rounding('ROUNDDOWN', Math.floor, 'ROUNDDOWN(number, [digits]): toward zero'),
]
