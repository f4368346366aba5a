import { describe, expect, it } from 'vitest'
import type { ResolvedCell, ResolvedGridSection } from './types.js'
import { resolveGridSection } from './resolve-grid.js'
import { grid, num, row, text } from './test-fixtures.js'

function at(g: ResolvedGridSection, r: string, c: string): ResolvedCell {
  const cell = g.cells[g.rowIndex.get(r)! * g.columns.length + g.colIndex.get(c)!]
  if (cell === undefined) throw new Error(`no cell ${r}.${c}`)
  return cell
}

describe('resolveGridSection', () => {
  it('should make one cell per row and column, row-major, keyed section!row.col', () => {
    const g = resolveGridSection(grid(), 0)
    expect(g.cells.map((c) => c.key)).toEqual([
      'main!r1.c1',
      'main!r1.c3',
      'main!r1.c4',
      'main!r1.c5',
      'main!r2.c1',
      'main!r2.c3',
      'main!r2.c4',
      'main!r2.c5',
    ])
    expect(at(g, 'r2', 'c4')).toEqual({
      key: 'main!r2.c4',
      section: 'main',
      row: 'r2',
      col: 'c4',
      kind: 'input',
      type: 'integer',
      required: false,
      pointer: '/sections/0/rows/1',
    })
  })

  it('should build the outline with default level 0 and kind data', () => {
    const g = resolveGridSection(
      grid({
        rows: [
          row('t', { kind: 'total' }),
          row('a', { level: 1 }),
          row('a1', { level: 2 }),
          row('b', { level: 1 }),
        ],
      }),
      0,
    )
    expect(g.rows.map((r) => [r.id, r.index, r.level, r.kind, r.parent, r.children])).toEqual([
      ['t', 0, 0, 'total', undefined, ['a', 'b']],
      ['a', 1, 1, 'data', 't', ['a1']],
      ['a1', 2, 2, 'data', 'a', []],
      ['b', 3, 1, 'data', 't', []],
    ])
    expect('parent' in (g.rows[0] as object)).toBe(false)
  })

  it('should sum the outline children of a total row in number and integer columns only', () => {
    const g = resolveGridSection(
      grid({
        columns: [
          text('c1'),
          num('c3'),
          num('rate', { type: 'percent' }),
          num('amount', { type: 'number', decimals: 2 }),
        ],
        rows: [row('t', { kind: 'total' }), row('a', { level: 1 }), row('b', { level: 1 })],
      }),
      2,
    )
    expect(at(g, 't', 'c3')).toMatchObject({
      kind: 'formula',
      formula: 'SUM(a.c3, b.c3)',
      pointer: '/sections/2/rows/0',
    })
    expect(at(g, 't', 'amount')).toMatchObject({
      kind: 'formula',
      formula: 'SUM(a.amount, b.amount)',
      decimals: 2,
    })
    expect(at(g, 't', 'rate').kind).toBe('input')
    expect(at(g, 't', 'c1').kind).toBe('input')
  })

  it('should look through heading children to the rows under them', () => {
    const g = resolveGridSection(
      grid({
        rows: [
          row('t', { kind: 'total' }),
          row('h', { kind: 'heading', level: 1 }),
          row('x', { level: 2 }),
          row('y', { level: 1 }),
        ],
      }),
      0,
    )
    expect(at(g, 't', 'c3').formula).toBe('SUM(x.c3, y.c3)')
    expect(at(g, 'h', 'c3')).toMatchObject({ kind: 'greyed', pointer: '/sections/0/rows/1' })
  })

  it('should leave a total row without children as inputs', () => {
    const g = resolveGridSection(grid({ rows: [row('t', { kind: 'total' })] }), 0)
    expect(at(g, 't', 'c3').kind).toBe('input')
  })

  it('should fill a column formula into data and total rows with @ bound to the row', () => {
    const g = resolveGridSection(
      grid({
        columns: [text('c1'), num('c3', { formula: '=@.c4 + @.c5' }), num('c4'), num('c5')],
        rows: [row('t', { kind: 'total' }), row('a', { level: 1 }), row('h', { kind: 'heading' })],
      }),
      0,
    )
    expect(at(g, 'a', 'c3')).toMatchObject({
      kind: 'formula',
      formula: 'a.c4+a.c5',
      pointer: '/sections/0/columns/1/formula',
    })
    // The total recomputes from its own summed parts: right for rates, equal to the sum for additive columns.
    expect(at(g, 't', 'c3').formula).toBe('t.c4+t.c5')
    expect(at(g, 't', 'c4').formula).toBe('SUM(a.c4)')
    expect(at(g, 'h', 'c3').kind).toBe('greyed')
  })

  it('should fill a row formula into numeric columns with @ bound to the column, before the column formula', () => {
    const g = resolveGridSection(
      grid({
        columns: [text('c1'), num('c3', { formula: '=@.c4+@.c5' }), num('c4'), num('c5')],
        rows: [row('r1'), row('r2'), row('sum', { formula: '=SUM(r1.@:r2.@)' })],
      }),
      0,
    )
    expect(at(g, 'sum', 'c3')).toMatchObject({
      kind: 'formula',
      formula: 'SUM(r1.c3:r2.c3)',
      pointer: '/sections/0/rows/2/formula',
    })
    expect(at(g, 'sum', 'c5').formula).toBe('SUM(r1.c5:r2.c5)')
    expect(at(g, 'sum', 'c1').kind).toBe('input')
  })

  it('should let a cell override win over everything, binding @ both ways', () => {
    const g = resolveGridSection(
      grid({
        rows: [
          row('h', { kind: 'heading', cells: { c1: { kind: 'fixed', value: 'A' } } }),
          row('r1', {
            formula: '=1',
            cells: {
              c3: { kind: 'formula', formula: '=@.c4*2+r2.@' },
              c4: { kind: 'input', required: true },
              c5: { kind: 'greyed' },
              c1: { kind: 'fixed' },
            },
          }),
          row('r2'),
        ],
      }),
      1,
    )
    expect(at(g, 'h', 'c1')).toMatchObject({
      kind: 'fixed',
      value: 'A',
      pointer: '/sections/1/rows/0/cells/c1',
    })
    expect(at(g, 'r1', 'c3')).toMatchObject({
      kind: 'formula',
      formula: 'r1.c4*2+r2.c3',
      required: false,
    })
    expect(at(g, 'r1', 'c4')).toMatchObject({ kind: 'input', required: true })
    expect(at(g, 'r1', 'c5').kind).toBe('greyed')
    expect(at(g, 'r1', 'c1')).toMatchObject({ kind: 'fixed', value: null })
  })

  it('should treat a formula override without a formula as an input', () => {
    const g = resolveGridSection(
      grid({ rows: [row('r1', { cells: { c3: { kind: 'formula' } } })] }),
      0,
    )
    expect(at(g, 'r1', 'c3').kind).toBe('input')
  })

  it('should keep a formula that does not parse as written, without its =', () => {
    const g = resolveGridSection(grid({ columns: [num('c3', { formula: '= (1+' })] }), 0)
    expect(at(g, 'r1', 'c3').formula).toBe('(1+')
  })

  it('should carry title, unit, columns, header rows and indexes', () => {
    const g = resolveGridSection(grid({ title: 'Biểu', unit: 'Hồ sơ' }), 0)
    expect(g).toMatchObject({ kind: 'grid', id: 'main', title: 'Biểu', unit: 'Hồ sơ' })
    expect(g.headerRows).toHaveLength(1)
    expect([...g.colIndex.keys()]).toEqual(['c1', 'c3', 'c4', 'c5'])
    expect(g.rowIndex.get('r2')).toBe(1)
    expect('title' in resolveGridSection(grid(), 0)).toBe(false)
  })
})
