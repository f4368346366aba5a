import { describe, expect, it } from 'vitest'
import { layoutGrid, slotOfKey, slotOfRef, slotsOfRange } from './layout.js'
import { buildTemplate } from './test-template.js'

const t = buildTemplate({
  sections: [
    { id: 'a', columns: [{ id: 'x' }, { id: 'y' }], rows: ['r1', 'r2', 'r3'] },
    { id: 'b', columns: [{ id: 'z' }], rows: ['q1'] },
  ],
})
const layout = layoutGrid(t)

describe('grid layout', () => {
  it('numbers cells section by section, row-major', () => {
    expect(layout.cellCount).toBe(7)
    expect(layout.keys).toEqual([
      'a!r1.x',
      'a!r1.y',
      'a!r2.x',
      'a!r2.y',
      'a!r3.x',
      'a!r3.y',
      'b!q1.z',
    ])
    expect(slotOfKey(layout, 'b!q1.z')).toBe(6)
    expect(slotOfKey(layout, 'a!r2.y')).toBe(3)
    expect(slotOfKey(layout, 'a!r2')).toBe(-1)
    expect(slotOfKey(layout, 'r2.y')).toBe(-1)
    expect(slotOfKey(layout, 'a!r9.y')).toBe(-1)
    expect(slotOfKey(layout, 'x!r2.y')).toBe(-1)
    expect(layout.columns[3]!.id).toBe('y')
  })

  it('resolves references against the formula section unless qualified', () => {
    expect(slotOfRef(layout, { row: 'r2', col: 'y' }, 'a')).toBe(3)
    expect(slotOfRef(layout, { section: 'b', row: 'q1', col: 'z' }, 'a')).toBe(6)
    expect(slotOfRef(layout, { row: 'r2', col: 'y' }, 'b')).toMatchObject({
      error: '#REF!',
      detail: "no row 'r2' in section 'b'",
    })
    expect(slotOfRef(layout, { section: 'nope', row: 'r1', col: 'x' }, 'a')).toMatchObject({
      detail: "no grid section 'nope'",
    })
    expect(
      slotOfRef(layout, { template: 'X/Y', section: 'a', row: 'r1', col: 'x' }, 'a'),
    ).toMatchObject({
      error: '#REF!',
      detail: "a!r1.x is in template 'X/Y', not a cell of this report",
    })
  })

  it('gives a range as the row-major rectangle, whichever corner comes first', () => {
    expect(
      slotsOfRange(layout, { from: { row: 'r1', col: 'x' }, to: { row: 'r3', col: 'y' } }, 'a'),
    ).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ])
    expect(
      slotsOfRange(layout, { from: { row: 'r3', col: 'y' }, to: { row: 'r2', col: 'x' } }, 'a'),
    ).toEqual([
      [2, 3],
      [4, 5],
    ])
    expect(
      slotsOfRange(
        layout,
        { from: { section: 'b', row: 'q1', col: 'z' }, to: { row: 'q1', col: 'z' } },
        'a',
      ),
    ).toEqual([[6]])
  })

  it('refuses a range across sections or with an unknown end', () => {
    expect(
      slotsOfRange(
        layout,
        { from: { section: 'a', row: 'r1', col: 'x' }, to: { section: 'b', row: 'q1', col: 'z' } },
        'a',
      ),
    ).toMatchObject({
      error: '#REF!',
      detail: 'range a!r1.x:b!q1.z spans two sections',
    })
    expect(
      slotsOfRange(layout, { from: { row: 'r9', col: 'x' }, to: { row: 'r1', col: 'x' } }, 'a'),
    ).toMatchObject({ error: '#REF!' })
    expect(
      slotsOfRange(layout, { from: { row: 'r1', col: 'x' }, to: { row: 'r1', col: 'w' } }, 'a'),
    ).toMatchObject({ error: '#REF!' })
  })
})
