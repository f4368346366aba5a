import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatFormula, formatRef } from './format.js'
import { parseFormula } from './parser.js'
import type { Ast, BinaryOp, CellRef, ErrorCode } from './types.js'
import { ERROR_CODES } from './values.js'

function canonical(src: string): string {
  const result = parseFormula(src)
  if (!result.ok) throw new Error(result.error.message)
  return formatFormula(result.ast)
}

describe('formatFormula', () => {
  it('prints canonical text with minimal parentheses', () => {
    expect(canonical('= 1 + 2 * 3')).toBe('1+2*3')
    expect(canonical('(1 + 2) * 3')).toBe('(1+2)*3')
    expect(canonical('1 - (2 - 3)')).toBe('1-(2-3)')
    expect(canonical('(1 - 2) - 3')).toBe('1-2-3')
    expect(canonical('2^(3^2)')).toBe('2^(3^2)')
    expect(canonical('-(2^2)')).toBe('-(2^2)')
    expect(canonical('-(a.b%)')).toBe('-(a.b%)')
    expect(canonical('(-a.b)%')).toBe('-a.b%')
    expect(canonical('(1+2)%')).toBe('(1+2)%')
    expect(canonical('sum( r1.c1 : r2.c1 ,2)')).toBe('SUM(r1.c1:r2.c1, 2)')
    expect(canonical('"a""b" & TRUE')).toBe('"a""b"&TRUE')
    expect(canonical('#n/a')).toBe('#N/A')
    expect(canonical('m!r1.c1:m!r2.c1')).toBe('m!r1.c1:r2.c1')
    expect(canonical("'a''b'!s!r.c")).toBe("'a''b'!s!r.c")
    expect(canonical('1e21 + 0.000001')).toBe('1e+21+0.000001')
  })
  it('prints numbers that have no literal', () => {
    expect(formatFormula({ type: 'number', value: Infinity })).toBe('#NUM!')
    expect(formatFormula({ type: 'number', value: -1 })).toBe('-1')
  })
  it('qualifies the second end of a range from another section', () => {
    const range = { from: { row: 'a', col: 'b' }, to: { section: 's', row: 'c', col: 'd' } }
    expect(formatFormula({ type: 'range', range })).toBe('a.b:s!c.d')
  })
  it('formats references', () => {
    expect(formatRef({ row: 'r1', col: '@' })).toBe('r1.@')
    expect(formatRef({ template: 'II.06a/VPCP/KSTT', section: 'main', row: 'r1', col: 'c3' })).toBe(
      "'II.06a/VPCP/KSTT'!main!r1.c3",
    )
  })
})

// Arbitrary Asts of the shape the parser produces.
const id = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/)
const place = fc.oneof(id, fc.constant('@'))
const cellRef: fc.Arbitrary<CellRef> = fc.oneof(
  fc.record({ row: place, col: place }),
  fc.record({ section: id, row: place, col: place }),
  fc.record({
    template: fc.string({ minLength: 1, maxLength: 8 }),
    section: id,
    row: place,
    col: place,
  }),
)
const localRef: fc.Arbitrary<CellRef> = fc.oneof(
  fc.record({ row: place, col: place }),
  fc.record({ section: id, row: place, col: place }),
)
const leaf: fc.Arbitrary<Ast> = fc.oneof(
  fc
    .double({ min: 0, noNaN: true, noDefaultInfinity: true })
    .map((value) => ({ type: 'number' as const, value: value === 0 ? 0 : value })),
  fc.string({ maxLength: 6 }).map((value) => ({ type: 'string' as const, value })),
  fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
  fc.constantFrom(...ERROR_CODES).map((code: ErrorCode) => ({ type: 'error' as const, code })),
  cellRef.map((ref) => ({ type: 'ref' as const, ref })),
  localRef.chain((from) =>
    fc.record({ row: place, col: place }).map((end) => ({
      type: 'range' as const,
      range: { from, to: from.section === undefined ? end : { section: from.section, ...end } },
    })),
  ),
)
const binaryOps: BinaryOp[] = ['+', '-', '*', '/', '^', '&', '=', '<>', '<', '<=', '>', '>=']
const fnName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}(\.[A-Z][A-Z0-9]{0,3})?$/)

const { tree } = fc.letrec<{ tree: Ast }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      type: fc.constant('unary' as const),
      op: fc.constantFrom('-' as const, '+' as const, '%' as const),
      arg: tie('tree'),
    }),
    fc.record({
      type: fc.constant('binary' as const),
      op: fc.constantFrom(...binaryOps),
      left: tie('tree'),
      right: tie('tree'),
    }),
    fc.record({
      type: fc.constant('call' as const),
      name: fnName,
      args: fc.array(tie('tree'), { maxLength: 3 }),
    }),
  ),
}))

describe('formatFormula / parseFormula round trip', () => {
  it('parses the printed text back to the same Ast', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        const text = formatFormula(ast)
        const parsed = parseFormula(text)
        if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`)
        expect(parsed.ast).toEqual(ast)
      }),
      { numRuns: 500 },
    )
  })
  it('is a fixed point on canonical text', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        const text = formatFormula(ast)
        expect(canonical(`= ${text}`)).toBe(text)
      }),
      { numRuns: 200 },
    )
  })
})
