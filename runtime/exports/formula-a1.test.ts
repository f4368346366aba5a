import { describe, expect, it } from 'vitest'
import { parseFormula } from '../../core/index.js'
import { formulaToA1, type A1Target } from './formula-a1.js'

// main: rows r1..r3 on sheet rows 8..10; columns c1 (C), c2 (D), hidden (not printed), c3 (E)
const target: A1Target = {
  sheet: (s) => ({ main: 'Biểu 01', other: 'Phụ lục' })[s],
  row: (_s, r) => ({ r1: 8, r2: 9, r3: 10 })[r],
  col: (_s, c) => ({ c1: 3, c2: 4, c3: 5 })[c],
  columnOrder: () => ['c1', 'c2', 'hidden', 'c3'],
}

const a1 = (src: string) => {
  const p = parseFormula(src)
  if (!p.ok) throw new Error(p.error.message)
  return formulaToA1(p.ast, 'main', target)
}

describe('formulaToA1', () => {
  it('maps references, ranges and other sections', () => {
    expect(a1('r1.c1+r2.c2')).toEqual({ ok: true, formula: 'C8+D9' })
    expect(a1('SUM(r1.c1:r3.c2)')).toEqual({ ok: true, formula: 'SUM(C8:D10)' })
    expect(a1('other!r2.c1*2')).toEqual({ ok: true, formula: "'Phụ lục'!C9*2" })
    expect(a1('IF(r1.c1=0,"không có ""số""",r1.c2/r1.c1)')).toEqual({
      ok: true,
      formula: 'IF(C8=0,"không có ""số""",D8/C8)',
    })
  })

  it('keeps the meaning of operators with the fewest parentheses', () => {
    expect(a1('(r1.c1+r1.c2)*r2.c1')).toEqual({ ok: true, formula: '(C8+D8)*C9' })
    expect(a1('r1.c1-(r1.c2-r2.c1)')).toEqual({ ok: true, formula: 'C8-(D8-C9)' })
    expect(a1('r1.c1-r1.c2-r2.c1')).toEqual({ ok: true, formula: 'C8-D8-C9' })
    expect(a1('-(r1.c1+1)')).toEqual({ ok: true, formula: '-(C8+1)' })
    expect(a1('(r1.c1+r1.c2)%')).toEqual({ ok: true, formula: '(C8+D8)%' })
    expect(a1('50%*r1.c1&"x"')).toEqual({ ok: true, formula: '50%*C8&"x"' })
  })

  it('refuses what Excel would compute differently, saying why', () => {
    expect(a1('PREV_PERIOD(r1.c1)')).toMatchObject({ ok: false, reason: /PREV_PERIOD/ })
    expect(a1("'II.06a/VPCP/KSTT'!main!r1.c1")).toMatchObject({
      ok: false,
      reason: /another template/,
    })
    expect(a1('SUM(r1.c2:r1.c3)')).toMatchObject({ ok: false, reason: /left out/ })
    expect(a1('missing!r1.c1')).toMatchObject({ ok: false, reason: /"missing"/ })
    expect(a1('r9.c1')).toMatchObject({ ok: false, reason: /main!r9.c1/ })
  })
})
