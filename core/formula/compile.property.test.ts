/**
 * Property tests: random arithmetic/SUM trees over random cell values, compiled (after a trip
 * through formatFormula and parseFormula) and compared with a direct recursive evaluation in
 * plain JS that follows the contract: empty = 0, sums and differences rounded to 15 significant
 * digits, products and quotients in full precision, the cell result rounded to 15 digits, errors
 * propagate left first.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileFormula } from './compile.js'
import { formatFormula } from './format.js'
import { parseFormula } from './parser.js'
import { testGrid } from './test-grid.js'
import type { Ast, Value } from './types.js'

const ROWS = ['r0', 'r1', 'r2', 'r3']
const COLS = ['c0', 'c1', 'c2', 'c3']
const SIZE = ROWS.length * COLS.length

type Outcome = number | '#DIV/0!' | '#NUM!'

function round15(x: number): Outcome {
  if (!Number.isFinite(x)) return '#NUM!'
  const r = Number(x.toPrecision(15))
  if (!Number.isFinite(r)) return '#NUM!'
  return r === 0 ? 0 : r
}

function finite(x: number): Outcome {
  return Number.isFinite(x) ? x : '#NUM!'
}

const cellIndex = (row: string, col: string): number =>
  ROWS.indexOf(row) * COLS.length + COLS.indexOf(col)

/** The value of a tree, rounded as a cell holds it; a bare reference to an empty cell stays empty (null). */
function reference(ast: Ast, cells: readonly (number | null)[]): Outcome | null {
  const v =
    ast.type === 'ref' ? (cells[cellIndex(ast.ref.row, ast.ref.col)] ?? null) : numeric(ast, cells)
  return typeof v === 'number' ? round15(v) : v
}

/** The value of a tree inside arithmetic, where empty counts as 0. */
function numeric(ast: Ast, cells: readonly (number | null)[]): Outcome {
  switch (ast.type) {
    case 'number':
      // literals are stored with 15 digits, as Excel does on entry
      return round15(ast.value)
    case 'ref':
      return cells[cellIndex(ast.ref.row, ast.ref.col)] ?? 0
    case 'unary': {
      const a = numeric(ast.arg, cells)
      if (typeof a !== 'number') return a
      return ast.op === '-' ? (a === 0 ? 0 : -a) : ast.op === '%' ? round15(a / 100) : a
    }
    case 'binary': {
      const a = numeric(ast.left, cells)
      if (typeof a !== 'number') return a
      const b = numeric(ast.right, cells)
      if (typeof b !== 'number') return b
      if (ast.op === '+') return round15(a + b)
      if (ast.op === '-') return round15(a - b)
      if (ast.op === '*') return finite(a * b)
      return b === 0 ? '#DIV/0!' : finite(a / b)
    }
    case 'call': {
      let sum = 0
      for (const arg of ast.args) {
        if (arg.type === 'range') {
          const { from, to } = arg.range
          const [r0, r1] = [ROWS.indexOf(from.row), ROWS.indexOf(to.row)].sort((x, y) => x - y) as [
            number,
            number,
          ]
          const [c0, c1] = [COLS.indexOf(from.col), COLS.indexOf(to.col)].sort((x, y) => x - y) as [
            number,
            number,
          ]
          for (let r = r0; r <= r1; r++)
            for (let c = c0; c <= c1; c++) sum += cells[r * COLS.length + c] ?? 0
        } else {
          const v = numeric(arg, cells)
          if (typeof v !== 'number') return v
          sum += v
        }
      }
      return round15(sum)
    }
    default:
      throw new Error(`not generated: ${ast.type}`)
  }
}

const row = fc.constantFrom(...ROWS)
const col = fc.constantFrom(...COLS)
const refAst: fc.Arbitrary<Ast> = fc.record({ row, col }).map((ref) => ({ type: 'ref', ref }))
const rangeAst: fc.Arbitrary<Ast> = fc.tuple(row, col, row, col).map(([a, b, c, d]) => ({
  type: 'range',
  range: { from: { row: a, col: b }, to: { row: c, col: d } },
}))
const numberAst: fc.Arbitrary<Ast> = fc
  .oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom(0.1, 0.2, 0.3, 1e-9),
  )
  .map((value) => ({ type: 'number', value }))

const { expr } = fc.letrec<{ expr: Ast }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberAst,
    refAst,
    fc.record({
      type: fc.constant('binary' as const),
      op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
      left: tie('expr'),
      right: tie('expr'),
    }),
    fc.record({
      type: fc.constant('unary' as const),
      op: fc.constantFrom('-' as const, '%' as const),
      arg: tie('expr'),
    }),
    fc.record({
      type: fc.constant('call' as const),
      name: fc.constant('SUM'),
      args: fc.array(fc.oneof(rangeAst, tie('expr')), { minLength: 1, maxLength: 3 }),
    }),
  ),
}))

const cellValues = fc.array(
  fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom(0, 0.1, 0.2, 0.7),
  ),
  { minLength: SIZE, maxLength: SIZE },
)

function outcome(v: Value): Outcome | null | string {
  if (typeof v === 'number' || v === null) return v
  if (v !== null && typeof v === 'object') return v.error
  return `unexpected ${JSON.stringify(v)}`
}

describe('compiled arithmetic matches a plain-JS reference', () => {
  it('for random expression trees and cell values', () => {
    const g = testGrid(ROWS, COLS)
    fc.assert(
      fc.property(expr, cellValues, (ast, cells) => {
        const text = formatFormula(ast)
        const parsed = parseFormula(text)
        if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`)
        const compiled = compileFormula(parsed.ast, g.env)
        expect(outcome(compiled(cells)), text).toEqual(reference(ast, cells))
      }),
      { numRuns: 1000 },
    )
  })
  it('for SUM over random ranges (the slot fast path)', () => {
    const g = testGrid(ROWS, COLS)
    fc.assert(
      fc.property(
        fc.array(rangeAst, { minLength: 1, maxLength: 4 }),
        cellValues,
        (ranges, cells) => {
          const ast: Ast = { type: 'call', name: 'SUM', args: ranges }
          expect(outcome(compileFormula(ast, g.env)(cells))).toEqual(reference(ast, cells))
        },
      ),
    )
  })
})
