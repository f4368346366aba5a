import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { rewriteA1 } from './a1.js'

const grid = {
  rowIds: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10'],
  colIds: ['c1', 'c2', 'c3', 'c4'],
}

function rewrite(src: string, section?: string): string {
  const result = rewriteA1(src, section === undefined ? grid : { ...grid, section })
  if (!result.ok) throw new Error(result.error.message)
  return result.formula
}

describe('rewriteA1', () => {
  it('maps A1 references to row and column ids', () => {
    expect(rewrite('=D5+A1')).toBe('r5.c4+r1.c1')
    expect(rewrite('=SUM(D5:D9)')).toBe('SUM(r5.c4:r9.c4)')
    expect(rewrite('=$D$5*B$2-$C3')).toBe('r5.c4*r2.c2-r3.c3')
    expect(rewrite('=d5')).toBe('r5.c4')
  })
  it('qualifies references with the section when given', () => {
    expect(rewrite('=SUM(A1:B2)+C3', 'main')).toBe('SUM(main!r1.c1:r2.c2)+main!r3.c3')
  })
  it('leaves strings, numbers, function names and canonical references alone', () => {
    expect(rewrite('=IF(A1>1e5, "A1", LOG10(B2))')).toBe('IF(r1.c1>100000, "A1", LOG10(r2.c2))')
    expect(rewrite('=tong.c10 + main!r1.c3 + @.c4 + A1')).toBe('tong.c10+main!r1.c3+@.c4+r1.c1')
    expect(rewrite("='T'!s!r1.c1 + 1")).toBe("'T'!s!r1.c1+1")
  })
  it('rejects references to other sheets', () => {
    for (const src of ['=Sheet1!A1+1', "='My sheet'!$B$2", '=S1!A1:A2']) {
      const result = rewriteA1(src, grid)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.message).toContain(
          'references to other sheets (Sheet!A1) are not supported',
        )
        expect(result.error.offset).toBe(1)
      }
    }
  })
  it('names a reference outside the grid', () => {
    expect(rewriteA1('=A1+D12', grid)).toEqual({
      ok: false,
      error: { message: 'D12 is outside the grid (10 rows)', token: 'D12', offset: 4 },
    })
    expect(rewriteA1('=$E$1', grid)).toEqual({
      ok: false,
      error: { message: '$E$1 is outside the grid (4 columns)', token: '$E$1', offset: 1 },
    })
    expect(rewriteA1('=A0', grid)).toMatchObject({ ok: false, error: { token: 'A0' } })
  })
  it('reports syntax errors at their place in the source', () => {
    expect(
      rewriteA1('=AA1', { rowIds: ['r'], colIds: Array.from({ length: 30 }, (_, i) => `c${i}`) }),
    ).toEqual({
      ok: true,
      formula: 'r.c26',
    })
    expect(rewriteA1('=$A$1 + )', grid)).toEqual({
      ok: false,
      error: { message: 'unexpected token ")" at 8', token: ')', offset: 8 },
    })
    expect(rewriteA1('=B2:C3 (', grid)).toMatchObject({ ok: false, error: { offset: 7 } })
    expect(rewriteA1('=foo + A1', grid)).toMatchObject({
      ok: false,
      error: { token: 'foo', offset: 1 },
    })
  })
  it('rewrites any cell of the grid to its ids', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (row, col, abs) => {
          const letter = String.fromCharCode(64 + col)
          const address = abs ? `$${letter}$${row}` : `${letter}${row}`
          expect(rewrite(`=${address}*2`)).toBe(`r${row}.c${col}*2`)
        },
      ),
    )
  })
})
