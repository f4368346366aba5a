import { describe, expect, it } from 'vitest'
import { createFunctionRegistry, defineFunction } from './registry.js'
import type { FormulaFunction } from './types.js'

const tyLe = defineFunction({
  name: 'ty_le',
  minArgs: 2,
  maxArgs: 2,
  description: 'Tỷ lệ phần trăm',
  evaluate: ([a, b]) => (typeof a === 'number' && typeof b === 'number' ? (a / b) * 100 : null),
})

describe('createFunctionRegistry', () => {
  it('holds the built-ins, looked up case-insensitively', () => {
    const functions = createFunctionRegistry()
    for (const name of [
      'SUM',
      'IF',
      'IFERROR',
      'IFNA',
      'IFS',
      'VLOOKUP',
      'HLOOKUP',
      'INDEX',
      'MATCH',
      'XLOOKUP',
      'TEXT',
      'COUNTIF',
      'SUMIF',
      'ROUND',
      'PREV_PERIOD',
      'CHILD_VALUE',
      'STDEV.S',
    ]) {
      expect(functions.has(name), name).toBe(true)
    }
    expect(functions.get('sum')?.name).toBe('SUM')
    expect(functions.has('TODAY')).toBe(false)
    expect(functions.has('RAND')).toBe(false)
    expect(functions.has('NOPE')).toBe(false)
    const names = functions.names()
    expect(names).toEqual([...names].sort())
    expect(new Set(names).size).toBe(names.length)
  })
  it('adds extra functions under their upper-case name', () => {
    const functions = createFunctionRegistry([tyLe])
    expect(functions.get('TY_LE')?.evaluate([1, 4])).toBe(25)
    expect(functions.get('Ty_Le')?.name).toBe('TY_LE')
    expect(functions.names()).toContain('TY_LE')
    expect(createFunctionRegistry().has('TY_LE')).toBe(false)
  })
  it('is frozen', () => {
    const functions = createFunctionRegistry()
    expect(Object.isFrozen(functions)).toBe(true)
    expect(Object.isFrozen(functions.get('SUM'))).toBe(true)
    functions.names().push('X')
    expect(functions.has('X')).toBe(false)
  })
  it('throws on a duplicate, naming it', () => {
    expect(() => createFunctionRegistry([{ ...tyLe, name: 'sum' }])).toThrow(
      'formula function SUM is already defined (built-in)',
    )
    expect(() => createFunctionRegistry([tyLe, { ...tyLe, name: 'TY_LE' }])).toThrow(
      'formula function TY_LE is already defined',
    )
  })
  it('rejects names the parser cannot call and missing implementations', () => {
    expect(() => createFunctionRegistry([{ ...tyLe, name: 'TỶ LỆ' }])).toThrow(
      'formula function name "TỶ LỆ" is not valid',
    )
    const broken = { name: 'X', minArgs: 0, maxArgs: 0 } as unknown as FormulaFunction
    expect(() => createFunctionRegistry([broken])).toThrow('formula function X has no evaluate()')
  })
  it('defineFunction returns its argument', () => {
    expect(defineFunction(tyLe)).toBe(tyLe)
  })
})
