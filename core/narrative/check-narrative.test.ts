import { describe, expect, it } from 'vitest'
import { checkNarrative, visibleLength } from './check-narrative.js'
import type { NarrativeSectionLike } from './check-narrative.js'
import { resolveNarrativeSection } from './resolve-narrative.js'

const section: NarrativeSectionLike = {
  id: 'dc',
  items: [
    { id: 'kq', title: 'Kết quả', input: true, required: true },
    { id: 'ct', title: 'Chi tiết', level: 1, input: true, minLength: 5, maxLength: 10 },
    { id: 'tt', title: 'Tồn tại', input: true },
  ],
}

describe('checkNarrative', () => {
  it('should require a required item and name it with its outline number', () => {
    expect(checkNarrative(section, { kq: '   ' })).toEqual([
      {
        ruleId: 'core/narrative-required',
        severity: 'error',
        message: 'Mục I. Kết quả: bắt buộc phải nhập nội dung',
        place: { section: 'dc', item: 'kq', pointer: '/narrative/dc/kq' },
        values: { length: 0 },
      },
    ])
  })

  it('should check length limits of filled items only', () => {
    const ds = checkNarrative(section, { kq: 'Đạt', ct: 'ngắn' })
    expect(ds.map((d) => [d.ruleId, d.place.item, d.message])).toEqual([
      ['core/narrative-min-length', 'ct', 'Mục 1. Chi tiết: cần ít nhất 5 ký tự (hiện có 4)'],
    ])
    const long = checkNarrative(section, { kq: 'Đạt', ct: 'quá dài so với giới hạn' })
    expect(long.map((d) => [d.ruleId, d.values])).toEqual([
      ['core/narrative-max-length', { length: 23, maxLength: 10 }],
    ])
    expect(checkNarrative(section, { kq: 'Đạt', ct: 'vừa đủ' })).toEqual([])
  })

  it('should treat missing texts as empty', () => {
    expect(checkNarrative(section, undefined).map((d) => d.ruleId)).toEqual([
      'core/narrative-required',
    ])
  })

  it('should use the numbers of a resolved section', () => {
    const resolved = resolveNarrativeSection({
      kind: 'narrative',
      id: 'dc',
      title: 'Đề cương',
      numbering: ['arabic'],
      items: [{ id: 'a', title: 'Một', input: true, required: true }],
    })
    expect(checkNarrative(resolved, {})[0]?.message).toBe('Mục 1. Một: bắt buộc phải nhập nội dung')
  })
})

describe('visibleLength', () => {
  it('should count what a reader sees: no tags, composed Vietnamese marks', () => {
    expect(visibleLength('<p>Kết <b>quả</b></p>')).toBe(7)
    expect(visibleLength('e\u0302\u0301')).toBe(1)
    expect(visibleLength('a < b > c')).toBe(9)
  })
})
