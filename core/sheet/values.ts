import { normalizeNumber } from '../formula/index.js'
import type { Scalar, Value } from '../formula/types.js'

/**
 * The stored form of an entered value: numbers normalised to 15 significant digits (so a
 * pasted `0.30000000000000004` is 0.3), an empty string is an empty cell. A number that is not
 * finite cannot come from JSON and is a programmer error.
 */
export function normalizeScalar(value: Scalar): Scalar {
  if (typeof value === 'number') {
    const n = normalizeNumber(value)
    if (typeof n !== 'number') throw new Error(`${value} is not a finite number`)
    return n
  }
  return value === '' ? null : value
}

/** Equality of cell values; error values are equal when code and detail are. */
export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return a.error === b.error && a.detail === b.detail
}

/** True for a cell that holds nothing. */
export function isEmpty(value: Value): boolean {
  return value === null || value === ''
}
