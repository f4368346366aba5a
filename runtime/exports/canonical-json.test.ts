import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json.js'

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'ừ' }], c: undefined } })
    const b = canonicalJson({ a: { d: [3, { y: 'ừ', z: null }] }, b: 1 })
    expect(a).toBe(b)
    expect(a).toBe('{"a":{"d":[3,{"y":"ừ","z":null}]},"b":1}')
  })

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/NaN/)
    expect(() => canonicalJson({ x: 1n })).toThrow(/bigint/)
  })
})
