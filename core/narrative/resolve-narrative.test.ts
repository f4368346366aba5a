import { describe, expect, it } from 'vitest'
import { resolveNarrativeSection } from './resolve-narrative.js'

describe('resolveNarrativeSection', () => {
  it('should give every item its level and outline number, keeping its fields', () => {
    const s = resolveNarrativeSection({
      kind: 'narrative',
      id: 'dc',
      title: 'Đề cương báo cáo',
      items: [
        { id: 'a', title: 'Tình hình', prompt: 'Nêu khái quát' },
        { id: 'b', title: 'Kết quả', level: 1, input: true },
        { id: 'c', title: 'Kiến nghị' },
      ],
    })
    expect(s).toEqual({
      kind: 'narrative',
      id: 'dc',
      title: 'Đề cương báo cáo',
      items: [
        { id: 'a', title: 'Tình hình', prompt: 'Nêu khái quát', level: 0, number: 'I.' },
        { id: 'b', title: 'Kết quả', level: 1, input: true, number: '1.' },
        { id: 'c', title: 'Kiến nghị', level: 0, number: 'II.' },
      ],
    })
  })
})
