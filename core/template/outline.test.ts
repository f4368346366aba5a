import { describe, expect, it } from 'vitest'
import { buildOutline } from './outline.js'

describe('buildOutline', () => {
  it('should make each row a child of the nearest earlier row with a lower level', () => {
    const o = buildOutline([
      { level: 0 },
      { level: 1 },
      { level: 2 },
      { level: 1 },
      { level: 0 },
      {},
    ])
    expect(o.parent).toEqual([undefined, 0, 1, 0, undefined, undefined])
    expect(o.children).toEqual([[1, 3], [2], [], [], [], []])
  })

  it('should attach a row that jumps levels to the nearest shallower row', () => {
    const o = buildOutline([{ level: 0 }, { level: 2 }, { level: 1 }])
    expect(o.parent).toEqual([undefined, 0, 0])
  })
})
