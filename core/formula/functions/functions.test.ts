import { describe, expect, it } from 'vitest'
import { createFunctionRegistry } from '../registry.js'
import type { Matrix, Value } from '../types.js'

const functions = createFunctionRegistry()
function call(name: string, ...args: (Value | Matrix)[]): Value {
  const fn = functions.get(name)
  if (fn === undefined) throw new Error(`no ${name}`)
  return fn.evaluate(args)
}
const col = (...values: Value[]): Matrix => values.map((v) => [v])
const row = (...values: Value[]): Matrix => [values]
const na = { error: '#N/A' } as const

describe('criteria functions (Excel semantics)', () => {
  const data = col(1, 2, '2', 'abc', 'ABD', null, '', true, 3.5)
  it.each([
    ['a*', 2],
    ['ab?', 2],
    ['ABC', 1],
    ['<>', 7],
    ['=', 2],
    ['', 2],
    ['>=2', 2],
    ['<3', 2],
    [2, 2],
    ['2', 2],
    ['=2', 2],
    ['<>2', 7],
    ['<>abc', 8],
    ['>a', 2],
    ['TRUE', 1],
    [true, 1],
    ['<=FALSE', 0],
    ['~*', 0],
  ] as [Value, number][])('COUNTIF(data, %j) = %i', (criterion, expected) => {
    expect(call('COUNTIF', data, criterion)).toBe(expected)
  })
  it('COUNTIF ignores error cells unless the test is <>', () => {
    expect(call('COUNTIF', col(na, 1), 1)).toBe(1)
    expect(call('COUNTIF', col(na, 1), '<>1')).toBe(1)
    expect(call('COUNTIF', col(1), na)).toEqual(na)
  })
  it('COUNTIFS needs every pair to match', () => {
    expect(call('COUNTIFS', col(1, 2, 3), '>1', col('a', 'b', 'a'), 'a')).toBe(1)
    expect(call('COUNTIFS', col(1, 2), '>1', col('a'), 'a')).toMatchObject({ error: '#VALUE!' })
    expect(call('COUNTIFS', col(1, 2), '>1', col(1, 2))).toMatchObject({ error: '#VALUE!' })
  })
  it('SUMIF sums the sum range where the range matches', () => {
    expect(call('SUMIF', col(1, 2, 3), '>1')).toBe(5)
    expect(call('SUMIF', col('x', 'y', 'x'), 'x', col(10, 20, 0.1))).toBe(10.1)
    expect(call('SUMIF', col('x', 'y'), 'x', col('t', 5))).toBe(0)
    expect(call('SUMIF', col('x', 'y'), 'y', col(1, na))).toEqual(na)
    expect(call('SUMIF', col('x', 'y'), 'x', col(1, na))).toBe(1)
    expect(call('SUMIF', col(1, 2), 1, col(1))).toMatchObject({
      error: '#VALUE!',
      detail: 'SUMIF: the sum range must have the shape of the range',
    })
  })
  it('SUMIFS and AVERAGEIFS take the value range first', () => {
    expect(call('SUMIFS', col(10, 20, 30), col('a', 'b', 'a'), 'a', col(1, 1, 0), 1)).toBe(10)
    expect(call('AVERAGEIFS', col(10, 20, 30), col('a', 'b', 'a'), 'a')).toBe(20)
    expect(call('SUMIFS', col(1), col(1))).toMatchObject({ error: '#VALUE!' })
  })
  it('AVERAGEIF averages the numbers that match, #DIV/0! when none', () => {
    expect(call('AVERAGEIF', col(1, 2, 3), '>1', col(10, 20, 30))).toBe(25)
    expect(call('AVERAGEIF', col(1, 2, 3), '>5')).toEqual({ error: '#DIV/0!' })
  })
})

describe('logical functions', () => {
  it('IF, IFERROR, IFNA, IFS, CHOOSE evaluate eagerly when called directly', () => {
    expect(call('IF', 1, 'a', 'b')).toBe('a')
    expect(call('IF', 0, 'a')).toBe(false)
    expect(call('IF', 'x', 1, 2)).toMatchObject({ error: '#VALUE!' })
    expect(call('IF', col(0), 1, 2)).toBe(2)
    expect(call('IFERROR', { error: '#DIV/0!' }, 0)).toBe(0)
    expect(call('IFERROR', 5, 0)).toBe(5)
    expect(call('IFNA', na, 'none')).toBe('none')
    expect(call('IFNA', { error: '#REF!' }, 'none')).toEqual({ error: '#REF!' })
    expect(call('IFS', false, 1, true, 2)).toBe(2)
    expect(call('IFS', false, 1)).toMatchObject({ error: '#N/A' })
    expect(call('IFS', 'x', 1)).toMatchObject({ error: '#VALUE!' })
    expect(call('CHOOSE', 2, 'a', 'b')).toBe('b')
    expect(call('CHOOSE', 3, 'a', 'b')).toMatchObject({ error: '#VALUE!' })
    expect(call('CHOOSE', 'x', 'a')).toMatchObject({ error: '#VALUE!' })
  })
  it('AND and OR skip text and empty cells, return errors, need one logical', () => {
    expect(call('AND', true, col(1, null, 'x'))).toBe(true)
    expect(call('AND', true, 0)).toBe(false)
    expect(call('OR', false, 'TRUE')).toBe(true)
    expect(call('OR', col(na), true)).toEqual(na)
    expect(call('AND', col(null, 'x'))).toMatchObject({
      error: '#VALUE!',
      detail: 'AND found no logical value',
    })
  })
  it('ISERROR, ISERR, ISNA, NA', () => {
    expect(call('ISERROR', na)).toBe(true)
    expect(call('ISERROR', 1)).toBe(false)
    expect(call('ISERR', na)).toBe(false)
    expect(call('ISERR', { error: '#REF!' })).toBe(true)
    expect(call('ISNA', na)).toBe(true)
    expect(call('ISNA', 0)).toBe(false)
    expect(call('NA')).toEqual(na)
  })
})

describe('rounding', () => {
  it('rounds half away from zero on the decimal value', () => {
    expect(call('ROUND', 2.5, 0)).toBe(3)
    expect(call('ROUND', -2.5, 0)).toBe(-3)
    expect(call('ROUND', 0.285, 2)).toBe(0.29)
    expect(call('ROUND', 1.005, 2)).toBe(1.01)
    expect(call('ROUND', 1234.5, -2)).toBe(1200)
    expect(call('ROUND', 2.4)).toBe(2)
    expect(call('ROUND', 1e-7, 2)).toBe(0)
    expect(call('ROUND', 1e300, 100)).toBe(1e300)
    expect(call('ROUND', 0, 2)).toBe(0)
  })
  it('ROUNDUP goes away from zero, ROUNDDOWN toward zero', () => {
    expect(call('ROUNDUP', 2.341, 2)).toBe(2.35)
    expect(call('ROUNDUP', -2.341, 2)).toBe(-2.35)
    expect(call('ROUNDDOWN', -2.349, 2)).toBe(-2.34)
    expect(call('ROUNDDOWN', 0.1 + 0.2, 1)).toBe(0.3)
  })
  it('propagates errors and rejects text', () => {
    expect(call('ROUND', na, 1)).toEqual(na)
    expect(call('ROUND', 'x', 1)).toMatchObject({ error: '#VALUE!' })
    expect(call('ROUND', 1, 'x')).toMatchObject({ error: '#VALUE!' })
    expect(call('ROUND', col(1, 2), 1)).toMatchObject({
      error: '#VALUE!',
      detail: 'ROUND expects one value, not a range',
    })
  })
})

describe('lookup functions', () => {
  const table: Matrix = [
    [1, 'one', 'I'],
    [2, 'two', 'II'],
    [5, 'five', 'V'],
  ]
  it('VLOOKUP exact and approximate', () => {
    expect(call('VLOOKUP', 2, table, 2, false)).toBe('two')
    expect(call('VLOOKUP', 3, table, 3)).toBe('II')
    expect(call('VLOOKUP', 3, table, 3, 0)).toMatchObject({
      error: '#N/A',
      detail: 'VLOOKUP: 3 not found',
    })
    expect(call('VLOOKUP', 0, table, 2, true)).toMatchObject({ error: '#N/A' })
    expect(call('VLOOKUP', 2, table, 4, false)).toMatchObject({ error: '#REF!' })
    expect(call('VLOOKUP', 2, table, 0, false)).toMatchObject({ error: '#VALUE!' })
    expect(call('VLOOKUP', na, table, 2)).toEqual(na)
    expect(call('VLOOKUP', 2, table, 'x')).toMatchObject({ error: '#VALUE!' })
    expect(call('VLOOKUP', 2, table, 2, na)).toEqual(na)
    expect(call('VLOOKUP', 'T*', col('one', 'two'), 1, false)).toBe('two')
  })
  it('HLOOKUP searches the first row', () => {
    const h: Matrix = [
      ['a', 'b', 'c'],
      [10, 20, 30],
    ]
    expect(call('HLOOKUP', 'B', h, 2, false)).toBe(20)
    expect(call('HLOOKUP', 'bb', h, 2, true)).toBe(20)
    expect(call('HLOOKUP', 'b', h, 3, false)).toMatchObject({ error: '#REF!' })
  })
  it('MATCH works on columns and rows, exact and approximate', () => {
    expect(call('MATCH', 5, col(1, 2, 5), 0)).toBe(3)
    expect(call('MATCH', 2, row(1, 2, 3), 0)).toBe(2)
    expect(call('MATCH', 2.5, col(1, 2, 3))).toBe(2)
    expect(call('MATCH', 2.5, col(3, 2, 1), -1)).toBe(1)
    expect(call('MATCH', 'B', col('a', 'b'), 0)).toBe(2)
    expect(call('MATCH', 9, col(1, 2), 0)).toMatchObject({ error: '#N/A' })
    expect(call('MATCH', 1, table, 0)).toMatchObject({
      error: '#N/A',
      detail: 'MATCH needs a one-row or one-column range',
    })
    expect(call('MATCH', 1, col(1), 'x')).toMatchObject({ error: '#VALUE!' })
    expect(call('MATCH', na, col(1))).toEqual(na)
  })
  it('INDEX picks a cell; one index counts along a single row', () => {
    expect(call('INDEX', table, 2, 3)).toBe('II')
    expect(call('INDEX', col(7, 8, 9), 2)).toBe(8)
    expect(call('INDEX', row(7, 8, 9), 3)).toBe(9)
    expect(call('INDEX', row(7, 8, 9), 0, 2)).toBe(8)
    expect(call('INDEX', col(7, 8, 9), 2, 0)).toBe(8)
    expect(call('INDEX', table, 4, 1)).toMatchObject({ error: '#REF!' })
    expect(call('INDEX', table, 0, 1)).toMatchObject({ error: '#VALUE!' })
    expect(call('INDEX', table, 'x')).toMatchObject({ error: '#VALUE!' })
    expect(call('INDEX', table, 1, 'x')).toMatchObject({ error: '#VALUE!' })
    expect(call('INDEX', 5, 1)).toBe(5)
  })
  it('XLOOKUP with modes, search direction and a not-found value', () => {
    const keys = col('a', 'b', 'a')
    const vals = col(1, 2, 3)
    expect(call('XLOOKUP', 'a', keys, vals)).toBe(1)
    expect(call('XLOOKUP', 'a', keys, vals, na, 0, -1)).toBe(3)
    expect(call('XLOOKUP', 'z', keys, vals, 'none')).toBe('none')
    expect(call('XLOOKUP', 'z', keys, vals)).toMatchObject({ error: '#N/A' })
    expect(call('XLOOKUP', 4, col(1, 3, 5), row(10, 30, 50), null, -1)).toBe(30)
    expect(call('XLOOKUP', 4, col(1, 3, 5), col(10, 30, 50), null, 1)).toBe(50)
    expect(call('XLOOKUP', 'b?', col('a1', 'b2'), col(1, 2), null, 2)).toBe(2)
    expect(call('XLOOKUP', 1, table, col(1, 2, 3))).toMatchObject({ error: '#VALUE!' })
    expect(call('XLOOKUP', 1, col(1, 2), col(1))).toMatchObject({ error: '#VALUE!' })
    expect(call('XLOOKUP', 1, col(1), col(1), null, 3)).toMatchObject({ error: '#VALUE!' })
    expect(call('XLOOKUP', 1, col(1), col(1), null, 'x')).toMatchObject({ error: '#VALUE!' })
    expect(call('XLOOKUP', 1, col(1), col(1), null, 0, 'x')).toMatchObject({ error: '#VALUE!' })
    expect(call('XLOOKUP', na, col(1), col(1))).toEqual(na)
  })
})

describe('TEXT', () => {
  it.each([
    [1234.5, '#,##0.00', '1,234.50'],
    [1234.5, '0', '1235'],
    [0.256, '0.0%', '25.6%'],
    [-1234.5, '#,##0', '-1,235'],
    [-5, '0;(0)', '(5)'],
    [0, '0;-0;"zero"', 'zero'],
    [0.5, '#.##', '.5'],
    [3, '0.0#', '3.0'],
    [3.14159, '0.0#', '3.14'],
    [42, '"Tổng: "0', 'Tổng: 42'],
    [7, '000', '007'],
    [-0.001, '0.00', '0.00'],
    [45688, 'dd/mm/yyyy', '31/01/2025'],
    [45688, 'd/m/yy', '31/1/25'],
    [45688, '"ngày "d', 'ngày 31'],
    [1.5, 'General', '1.5'],
    [1.5, '', '1.5'],
    ['abc', '0.00', 'abc'],
    ['abc', '[@]', '[abc]'],
    [5, 'x', 'x'],
    [5, '\\#0', '#5'],
  ] as [Value, string, string][])('TEXT(%j, %j) = %j', (value, format, expected) => {
    expect(call('TEXT', value, format)).toBe(expected)
  })
  it('passes errors and rejects negative dates', () => {
    expect(call('TEXT', na, '0')).toEqual(na)
    expect(call('TEXT', 1, na)).toEqual(na)
    expect(call('TEXT', -1, 'dd/mm/yyyy')).toMatchObject({ error: '#VALUE!' })
  })
})

describe('period functions called directly', () => {
  it('explain that they need the compiler', () => {
    for (const name of ['PREV_PERIOD', 'SAME_PERIOD_LAST_YEAR', 'YEAR_TO_DATE', 'CHILD_VALUE']) {
      expect(call(name, 1)).toMatchObject({ error: '#N/A', detail: expect.stringContaining(name) })
    }
  })
})
