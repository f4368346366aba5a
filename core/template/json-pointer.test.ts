import { describe, expect, it } from 'vitest'
import { jsonPointer, showPointer } from './json-pointer.js'

describe('jsonPointer', () => {
  it('should join segments with slashes', () => {
    expect(jsonPointer('sections', 0, 'columns', 2, 'type')).toBe('/sections/0/columns/2/type')
  })

  it('should escape ~ and / as RFC 6901 says', () => {
    expect(jsonPointer('a/b', 'c~d')).toBe('/a~1b/c~0d')
  })

  it('should give the empty pointer for no segments, shown as (root)', () => {
    expect(jsonPointer()).toBe('')
    expect(showPointer('')).toBe('(root)')
    expect(showPointer('/code')).toBe('/code')
  })
})
