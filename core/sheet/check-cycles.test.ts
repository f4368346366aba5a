import { describe, expect, it } from 'vitest'
import { checkCycles } from './check-cycles.js'
import { buildTemplate } from './test-template.js'

describe('checkCycles', () => {
  it('names each cycle in reading order and points at its first cell', () => {
    const t = buildTemplate({
      sections: [
        {
          columns: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }],
          rows: [
            {
              id: 'r1',
              cells: {
                c3: { kind: 'formula', formula: 'r2.c3+1' },
                c1: { kind: 'formula', formula: 'c1_self()+r1.c1' },
              },
            },
            { id: 'r2', cells: { c3: { kind: 'formula', formula: 'r1.c3' } } },
          ],
        },
      ],
    })
    const found = checkCycles(t)
    expect(found).toEqual([
      {
        ruleId: 'core/circular-reference',
        severity: 'error',
        message: 'Circular reference: main!r1.c1 -> main!r1.c1',
        place: { section: 'main', row: 'r1', col: 'c1', pointer: '/sections/0/rows/0/cells/c1' },
        values: { cycle: ['main!r1.c1', 'main!r1.c1'] },
      },
      {
        ruleId: 'core/circular-reference',
        severity: 'error',
        message: 'Circular reference: main!r1.c3 -> main!r2.c3 -> main!r1.c3',
        place: { section: 'main', row: 'r1', col: 'c3', pointer: '/sections/0/rows/0/cells/c3' },
        values: { cycle: ['main!r1.c3', 'main!r2.c3', 'main!r1.c3'] },
      },
    ])
  })

  it('finds a cycle through a range and across sections', () => {
    const t = buildTemplate({
      sections: [
        {
          id: 'a',
          columns: [{ id: 'x' }],
          rows: ['r1', { id: 't', cells: { x: { kind: 'formula', formula: 'SUM(r1.x:t.x)' } } }],
        },
        { id: 'b', columns: [{ id: 'y', formula: 'a!t.x' }], rows: ['r1'] },
        { id: 'c', columns: [{ id: 'z', formula: 'd!r1.w' }], rows: ['r1'] },
        { id: 'd', columns: [{ id: 'w', formula: 'c!r1.z' }], rows: ['r1'] },
      ],
    })
    expect(checkCycles(t).map((d) => d.message)).toEqual([
      'Circular reference: a!t.x -> a!t.x',
      'Circular reference: c!r1.z -> d!r1.w -> c!r1.z',
    ])
  })

  it('finds a cycle through the arguments of a function it does not know', () => {
    const t = buildTemplate({
      sections: [
        {
          columns: [
            { id: 'a', formula: 'PLUGIN_FN(@.b)' },
            { id: 'b', formula: '@.a' },
          ],
          rows: ['r1'],
        },
      ],
    })
    expect(checkCycles(t).map((d) => d.message)).toEqual([
      'Circular reference: main!r1.a -> main!r1.b -> main!r1.a',
    ])
  })

  it('returns nothing for a template without cycles', () => {
    const t = buildTemplate({
      sections: [{ columns: [{ id: 'a' }, { id: 'b', formula: '@.a*2' }], rows: ['r1', 'r2'] }],
    })
    expect(checkCycles(t)).toEqual([])
  })
})
