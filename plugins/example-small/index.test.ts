import { describe, expect, it } from 'vitest'
import { TY_LE } from './index.js'

describe('TY_LE', () => {
  it('divides, and gives 0 for an empty or zero denominator', () => {
    expect(TY_LE.evaluate([3, 4])).toBe(0.75)
    expect(TY_LE.evaluate([null, 4])).toBe(0)
    expect(TY_LE.evaluate([3, 0])).toBe(0)
    expect(TY_LE.evaluate([3, null])).toBe(0)
  })

  it('passes errors through and refuses text and ranges', () => {
    expect(TY_LE.evaluate([{ error: '#REF!' }, 4])).toEqual({ error: '#REF!' })
    expect(TY_LE.evaluate(['ba', 4])).toMatchObject({ error: '#VALUE!' })
    expect(TY_LE.evaluate([[[1]], 4])).toMatchObject({ error: '#VALUE!' })
  })
})
