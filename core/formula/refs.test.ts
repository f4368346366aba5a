import { describe, expect, it } from 'vitest'
import { formatFormula } from './format.js'
import { parseFormula } from './parser.js'
import { bindRelative, collectRefs } from './refs.js'
import type { Ast } from './types.js'

function parse(src: string): Ast {
  const result = parseFormula(src)
  if (!result.ok) throw new Error(result.error.message)
  return result.ast
}

describe('collectRefs', () => {
  it('lists cells, ranges and functions once each', () => {
    const refs = collectRefs(
      parse('r1.c1 + r1.c1 * SUM(r2.c1:r5.c1, s!r1.c1, r2.c1:r5.c1) + sum(1)'),
    )
    expect(refs).toEqual({
      cells: [
        { row: 'r1', col: 'c1' },
        { section: 's', row: 'r1', col: 'c1' },
      ],
      ranges: [{ from: { row: 'r2', col: 'c1' }, to: { row: 'r5', col: 'c1' } }],
      functions: ['SUM'],
      external: [],
    })
  })
  it('puts cross-template refs and period-function arguments in external, not in cells', () => {
    const refs = collectRefs(
      parse(
        "'T1'!m!r1.c1 + PREV_PERIOD(r2.c2) + SAME_PERIOD_LAST_YEAR(r3.c3) + YEAR_TO_DATE(m!r4.c4) + CHILD_VALUE(u.c, r5.c5)",
      ),
    )
    expect(refs.cells).toEqual([{ row: 'u', col: 'c' }])
    expect(refs.external).toEqual([
      { template: 'T1', section: 'm', row: 'r1', col: 'c1' },
      { row: 'r2', col: 'c2' },
      { row: 'r3', col: 'c3' },
      { section: 'm', row: 'r4', col: 'c4' },
      { row: 'r5', col: 'c5' },
    ])
    expect(refs.functions).toEqual([
      'PREV_PERIOD',
      'SAME_PERIOD_LAST_YEAR',
      'YEAR_TO_DATE',
      'CHILD_VALUE',
    ])
  })
  it('treats a non-reference argument of a period function as ordinary', () => {
    expect(collectRefs(parse('PREV_PERIOD(r1.c1 + 1)')).cells).toEqual([{ row: 'r1', col: 'c1' }])
  })
  it('walks unary operators and literals', () => {
    expect(collectRefs(parse('-r1.c1% & "x" & TRUE & #N/A')).cells).toEqual([
      { row: 'r1', col: 'c1' },
    ])
  })
})

describe('bindRelative', () => {
  it('replaces @ with the current row and column', () => {
    const ast = parse('@.c4 + r1.@ + SUM(@.c1:@.c3) - -PREV_PERIOD(@.c4)')
    expect(formatFormula(bindRelative(ast, { row: 'r7' }))).toBe(
      'r7.c4+r1.@+SUM(r7.c1:r7.c3)--PREV_PERIOD(r7.c4)',
    )
    expect(formatFormula(bindRelative(ast, { col: 'c9' }))).toBe(
      '@.c4+r1.c9+SUM(@.c1:@.c3)--PREV_PERIOD(@.c4)',
    )
    expect(formatFormula(bindRelative(parse('@.@'), { row: 'r', col: 'c' }))).toBe('r.c')
  })
  it('returns the same object when there is nothing to bind', () => {
    const ast = parse('r1.c1 + SUM(r1.c1:r2.c2) * -1 & "x"')
    expect(bindRelative(ast, { row: 'r9', col: 'c9' })).toBe(ast)
  })
  it('shares unchanged subtrees', () => {
    const ast = parse('SUM(r1.c1:r2.c2) + @.c1')
    const bound = bindRelative(ast, { row: 'r3' })
    expect(bound).not.toBe(ast)
    if (bound.type !== 'binary' || ast.type !== 'binary') throw new Error('shape')
    expect(bound.left).toBe(ast.left)
  })
})
