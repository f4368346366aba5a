import { describe, expect, it } from 'vitest'
import { compareVersionLabels } from './version-label.js'

describe('compareVersionLabels', () => {
  it('should compare numerically, part by part', () => {
    expect(['1.10', '1.9', '2', '1.0.1', '1'].sort(compareVersionLabels)).toEqual([
      '1',
      '1.0.1',
      '1.9',
      '1.10',
      '2',
    ])
    expect(compareVersionLabels('1.0', '1')).toBe(0)
    expect(compareVersionLabels('1.0.0', '1.0')).toBe(0)
  })
})
