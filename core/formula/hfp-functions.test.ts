import { describe, expect, it } from 'vitest'
import { fromJs, thrownToError } from './hfp-functions.js'
import { createFunctionRegistry } from './registry.js'
import type { Matrix, Value } from './types.js'

const functions = createFunctionRegistry()
function call(name: string, ...args: (Value | Matrix)[]): Value {
  const fn = functions.get(name)
  if (fn === undefined) throw new Error(`no ${name}`)
  return fn.evaluate(args)
}
const col = (...values: Value[]): Matrix => values.map((v) => [v])

describe('hot-formula-parser functions (checked against Excel)', () => {
  it('COUNTIF, SUMIF, COUNTA, COUNT', () => {
    expect(call('COUNTIF', col(1, 2, 3, null), '>1')).toBe(2)
    expect(call('COUNTIF', col('a', 'b', 'a'), 'a')).toBe(2)
    expect(call('SUMIF', col(1, 2, 3), '>1')).toBe(5)
    expect(call('SUMIF', col(1, 2), '>1', col(10, 20))).toBe(20)
    expect(call('COUNTA', col(1, 'x', null, { error: '#N/A' }))).toBe(3)
    expect(call('COUNT', col(1, 'x', null, 2, { error: '#N/A' }))).toBe(2)
  })
  it('MIN, MAX, AVERAGE skip empty cells; an average of nothing is #DIV/0!', () => {
    expect(call('MIN', col(1, null, -3))).toBe(-3)
    expect(call('MAX', col(1, null, -3))).toBe(1)
    expect(call('AVERAGE', col(1, null, 3))).toBe(2)
    expect(call('AVERAGE', col(null))).toEqual({ error: '#DIV/0!' })
  })
  it('AND, OR, NOT, ISBLANK', () => {
    expect(call('AND', true, 1)).toBe(true)
    expect(call('AND', [[true, false]])).toBe(false)
    expect(call('OR', false, 0)).toBe(false)
    expect(call('NOT', 0)).toBe(true)
    expect(call('ISBLANK', null)).toBe(true)
    expect(call('ISBLANK', 0)).toBe(false)
    expect(call('ISNUMBER', { error: '#N/A' })).toBe(false)
  })
  it('propagates error arguments instead of ignoring them', () => {
    expect(call('SUMPRODUCT', col(1, { error: '#DIV/0!' }), col(1, 2))).toEqual({
      error: '#DIV/0!',
    })
    expect(call('ABS', { error: '#REF!' })).toEqual({ error: '#REF!' })
  })
  it('reads an empty argument as 0 in numeric functions and "" in text functions', () => {
    expect(call('ABS', null)).toBe(0)
    expect(call('LEN', null)).toBe(0)
    expect(call('UPPER', 'abc')).toBe('ABC')
  })
  it('normalises results and maps formulajs errors', () => {
    expect(call('SUMPRODUCT', col(0.1), col(3))).toBe(0.3)
    expect(call('MOD', 5, 0)).toEqual({ error: '#DIV/0!', detail: 'MOD' })
    expect(call('SQRT', -1)).toMatchObject({ error: '#NUM!' })
    expect(call('DATE', 2025, 1, 31)).toBe(45688)
    expect(call('FACT', 200)).toEqual({ error: '#NUM!' })
  })
})

describe('conversion helpers', () => {
  it('converts formulajs results', () => {
    expect(fromJs(undefined, 'F')).toBeNull()
    expect(fromJs(null, 'F')).toBeNull()
    expect(fromJs('x', 'F')).toBe('x')
    expect(fromJs([[7]], 'F')).toBe(7)
    expect(fromJs([8], 'F')).toBe(8)
    expect(fromJs([1, 2], 'F')).toMatchObject({
      error: '#VALUE!',
      detail: 'F returned a list where one value is expected',
    })
    expect(fromJs(new Date(Number.NaN), 'F')).toEqual({ error: '#VALUE!' })
    expect(fromJs(new Error('#N/A'), 'F')).toEqual({ error: '#N/A', detail: 'F' })
    expect(fromJs(new Error('weird'), 'F')).toEqual({ error: '#VALUE!', detail: 'F' })
    expect(fromJs({}, 'F')).toMatchObject({ error: '#VALUE!' })
  })
  it('converts what formulajs throws', () => {
    expect(thrownToError(new Error('NAME'), 'F')).toEqual({ error: '#NAME?', detail: 'F' })
    expect(thrownToError(new TypeError('x is null'), 'F')).toEqual({
      error: '#VALUE!',
      detail: 'F: x is null',
    })
    expect(thrownToError('VALUE', 'F')).toEqual({ error: '#VALUE!', detail: 'F' })
  })
})
