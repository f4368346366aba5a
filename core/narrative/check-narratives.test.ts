import { describe, expect, it } from 'vitest'
import type { ResolvedSection } from '../template/types.js'
import { checkNarratives } from './check-narratives.js'
import { resolveNarrativeSection } from './resolve-narrative.js'

const sections: ResolvedSection[] = [
  resolveNarrativeSection({
    kind: 'narrative',
    id: 'dc',
    title: 'Đề cương',
    items: [{ id: 'kq', title: 'Kết quả', input: true, required: true }],
  }),
  resolveNarrativeSection({
    kind: 'narrative',
    id: 'dg',
    title: 'Đánh giá',
    items: [{ id: 'nx', title: 'Đánh giá, nhận xét', input: true, required: true }],
  }),
]

describe('checkNarratives', () => {
  it('should check every narrative section and name the missing item', () => {
    const ds = checkNarratives({ sections }, { dc: { kq: 'Đạt' } })
    expect(ds.map((d) => [d.ruleId, d.place.pointer, d.message])).toEqual([
      [
        'core/narrative-required',
        '/narrative/dg/nx',
        'Mục I. Đánh giá, nhận xét: bắt buộc phải nhập nội dung',
      ],
    ])
  })

  it('should find nothing once every required item is filled', () => {
    expect(checkNarratives({ sections }, { dc: { kq: 'Đạt' }, dg: { nx: 'Tốt' } })).toEqual([])
  })

  it('should treat a submission without narrative as all empty', () => {
    expect(checkNarratives({ sections }, undefined)).toHaveLength(2)
  })
})
