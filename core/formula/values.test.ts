import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  compareValues,
  errorCodeOf,
  firstError,
  flatten,
  isFormulaError,
  normalizeNumber,
  toBoolean,
  toNumber,
  toText,
} from './values.js'

describe('normalizeNumber', () => {
  it('rounds to 15 significant digits', () => {
    expect(normalizeNumber(0.1 + 0.2)).toBe(0.3)
    expect(normalizeNumber(1.1 * 3)).toBe(3.3)
    expect(normalizeNumber(123456789012345678)).toBe(123456789012346000)
    expect(normalizeNumber(1 / 3)).toBe(0.333333333333333)
  })
  it('keeps integers and turns -0 into 0', () => {
    expect(normalizeNumber(42)).toBe(42)
    expect(Object.is(normalizeNumber(-0), 0)).toBe(true)
    expect(normalizeNumber(-1.7976931348623151e308)).toEqual({ error: '#NUM!' })
  })
  it('turns non-finite numbers into #NUM!', () => {
    expect(normalizeNumber(Infinity)).toEqual({ error: '#NUM!' })
    expect(normalizeNumber(NaN)).toEqual({ error: '#NUM!' })
  })
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const once = normalizeNumber(x)
        if (typeof once === 'number') expect(normalizeNumber(once)).toBe(once)
        else expect(Math.abs(x)).toBeGreaterThan(1.79e308)
      }),
    )
  })
})

describe('coercion', () => {
  it('reads numbers the way Excel arithmetic does', () => {
    expect(toNumber(null)).toBe(0)
    expect(toNumber(true)).toBe(1)
    expect(toNumber(' 12 ')).toBe(12)
    expect(toNumber('50%')).toBe(0.5)
    expect(toNumber('1e3')).toBe(1000)
    expect(toNumber('abc')).toMatchObject({ error: '#VALUE!', detail: '"abc" is not a number' })
    expect(toNumber('')).toMatchObject({ error: '#VALUE!' })
    expect(toNumber({ error: '#N/A' })).toEqual({ error: '#N/A' })
  })
  it('writes text the way & does', () => {
    expect(toText(null)).toBe('')
    expect(toText(true)).toBe('TRUE')
    expect(toText(1.5)).toBe('1.5')
    expect(toText(1e21)).toBe('1E+21')
  })
  it('reads truth values', () => {
    expect(toBoolean(2)).toBe(true)
    expect(toBoolean(0)).toBe(false)
    expect(toBoolean(null)).toBe(false)
    expect(toBoolean('true')).toBe(true)
    expect(toBoolean('FALSE')).toBe(false)
    expect(toBoolean('x')).toMatchObject({ error: '#VALUE!' })
    expect(toBoolean({ error: '#REF!' })).toEqual({ error: '#REF!' })
  })
  it('orders numbers < text < logicals, text case-insensitively, empty as the other side', () => {
    expect(compareValues(1, 2)).toBeLessThan(0)
    expect(compareValues(100, 'a')).toBeLessThan(0)
    expect(compareValues('z', true)).toBeLessThan(0)
    expect(compareValues('ABC', 'abc')).toBe(0)
    expect(compareValues('b', 'a')).toBeGreaterThan(0)
    expect(compareValues(null, 0)).toBe(0)
    expect(compareValues('', null)).toBe(0)
    expect(compareValues(null, false)).toBe(0)
    expect(compareValues(true, false)).toBeGreaterThan(0)
  })
})

describe('error helpers', () => {
  it('recognises error values only', () => {
    expect(isFormulaError({ error: '#N/A' })).toBe(true)
    expect(isFormulaError([[1]])).toBe(false)
    expect(isFormulaError(null)).toBe(false)
    expect(isFormulaError('#N/A')).toBe(false)
  })
  it('maps messages to codes', () => {
    expect(errorCodeOf('NAME')).toBe('#NAME?')
    expect(errorCodeOf('#DIV/0!')).toBe('#DIV/0!')
    expect(errorCodeOf('N/A')).toBe('#N/A')
    expect(errorCodeOf('boom')).toBeUndefined()
  })
  it('finds the first error in arguments and ranges', () => {
    expect(firstError([1, [[2, { error: '#REF!' }]], { error: '#N/A' }])).toEqual({
      error: '#REF!',
    })
    expect(firstError([1, [[2]]])).toBeUndefined()
    expect(
      flatten([
        [1, 2],
        [3, null],
      ]),
    ).toEqual([1, 2, 3, null])
    expect(flatten(4)).toEqual([4])
  })
})
