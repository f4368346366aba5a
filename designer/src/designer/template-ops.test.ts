import { describe, expect, it } from 'vitest'
import type { GridSection } from '../../../schemas/generated/index.js'
import { History } from './history.js'
import * as ops from './template-ops.js'

const grid = (d: ReturnType<typeof ops.newTemplate>): GridSection => d.sections[0] as GridSection

describe('template operations', () => {
  it('inserts, moves, indents and deletes rows with fresh stable ids', () => {
    let d = ops.newTemplate()
    d = ops.insertRow(d, 'main', 1)
    d = ops.insertRow(d, 'main', 0)
    expect(grid(d).rows.map((r) => r.id)).toEqual(['r3', 'r1', 'r2'])
    d = ops.indentRow(d, 'main', 2, 1)
    d = ops.indentRow(d, 'main', 2, 1) // at most one level below the row above
    expect(grid(d).rows[2]!.level).toBe(1)
    d = ops.moveRow(d, 'main', 0, 2)
    expect(grid(d).rows.map((r) => r.id)).toEqual(['r1', 'r2', 'r3'])
    d = ops.deleteRow(d, 'main', 1)
    expect(grid(d).rows.map((r) => r.id)).toEqual(['r1', 'r3'])
  })

  it('deleting a column drops its cell overrides; the last column stays', () => {
    let d = ops.insertColumn(ops.newTemplate(), 'main', 1, { type: 'percent' })
    d = ops.setCell(d, 'main', 'r1', 'c2', { kind: 'formula', formula: '=r1.c1' })
    expect(grid(d).rows[0]!.cells).toEqual({ c2: { kind: 'formula', formula: '=r1.c1' } })
    d = ops.deleteColumn(d, 'main', 1)
    expect(grid(d).columns.map((c) => c.id)).toEqual(['c1'])
    expect(grid(d).rows[0]!.cells).toBeUndefined()
    expect(grid(ops.deleteColumn(d, 'main', 0)).columns).toHaveLength(1)
  })

  it('patches remove keys set to undefined and parse header paths', () => {
    const d = ops.updateRow(
      ops.updateRow(ops.newTemplate(), 'main', 0, { unit: 'Người' }),
      'main',
      0,
      { unit: undefined },
    )
    expect('unit' in grid(d).rows[0]!).toBe(false)
    expect(ops.parseHeaderPath(' Số hồ sơ / Trong đó /Trực tuyến ')).toEqual([
      'Số hồ sơ',
      'Trong đó',
      'Trực tuyến',
    ])
  })

  it('adds constraints and sections with fresh ids', () => {
    let d = ops.addConstraint(ops.addConstraint(ops.newTemplate()))
    expect(d.constraints?.map((c) => c.id)).toEqual(['rb1', 'rb2'])
    d = ops.addSection(d, 'narrative')
    expect(d.sections.map((s) => s.kind)).toEqual(['grid', 'narrative'])
    d = ops.addNarrativeItem(d, d.sections[1]!.id)
    expect((d.sections[1] as { items: unknown[] }).items).toHaveLength(2)
  })
})

describe('history', () => {
  it('undoes and redoes, merging edits of one group within the window', () => {
    const h = new History<number>(0, 10, 1000)
    h.push(1, 'label', 0)
    h.push(2, 'label', 500) // merged with the previous step
    h.push(3, undefined, 600)
    expect(h.undo()).toBe(2)
    expect(h.undo()).toBe(0)
    expect(h.canUndo).toBe(false)
    expect(h.redo()).toBe(2)
    h.push(9)
    expect(h.canRedo).toBe(false)
  })
})
