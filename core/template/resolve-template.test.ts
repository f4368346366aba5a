import { describe, expect, it } from 'vitest'
import { resolveTemplate } from './resolve-template.js'
import { grid, template } from './test-fixtures.js'

describe('resolveTemplate', () => {
  it('should resolve grid and narrative sections in order and index them by id', () => {
    const t = resolveTemplate(
      template({
        formKind: 'linked',
        sections: [
          grid(),
          {
            kind: 'narrative',
            id: 'dc',
            title: 'Đề cương',
            numbering: ['roman', 'arabic'],
            items: [
              { id: 'a', title: 'Kết quả' },
              { id: 'b', title: 'Chi tiết', level: 1 },
            ],
          },
        ],
      }),
    )
    expect(t.sections.map((s) => [s.kind, s.id])).toEqual([
      ['grid', 'main'],
      ['narrative', 'dc'],
    ])
    expect(t.sectionIndex.get('dc')).toBe(t.sections[1])
    const dc = t.sections[1]
    expect(dc?.kind === 'narrative' && dc.items.map((i) => [i.id, i.level, i.number])).toEqual([
      ['a', 0, 'I.'],
      ['b', 1, '1.'],
    ])
    expect(t.constraints).toEqual([])
  })

  it('should index the first of two sections with one id', () => {
    const t = resolveTemplate(
      template({ sections: [grid({ title: 'first' }), grid({ title: 'second' })] }),
    )
    const first = t.sectionIndex.get('main')
    expect(first?.kind === 'grid' && first.title).toBe('first')
  })
})
