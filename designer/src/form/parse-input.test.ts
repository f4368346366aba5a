import { describe, expect, it } from 'vitest'
import { parseInput, parseNumber } from './parse-input.js'

describe('parseInput', () => {
  it('reads Vietnamese and English number formats', () => {
    expect(parseNumber('1.234,5')).toBe(1234.5)
    expect(parseNumber('1,234.5')).toBe(1234.5)
    expect(parseNumber('1,5')).toBe(1.5)
    expect(parseNumber('1.234.567')).toBe(1234567)
    expect(parseNumber('1 234')).toBe(1234)
    expect(parseNumber('-2.5e3')).toBe(-2500)
    expect(parseNumber('abc')).toBeUndefined()
  })

  it('stores percent columns as fractions, as Excel does', () => {
    expect(parseInput('45', 'percent')).toBe(0.45)
    expect(parseInput('45%', 'percent')).toBe(0.45)
    expect(parseInput('12,5 %', 'percent')).toBe(0.125)
  })

  it('keeps text columns as text, empties as null, and unparseable numbers as text for the sheet to flag', () => {
    expect(parseInput('  ', 'number')).toBeNull()
    expect(parseInput('001', 'text')).toBe('001')
    expect(parseInput('mười', 'integer')).toBe('mười')
    expect(parseInput(7, 'number')).toBe(7)
  })
})
