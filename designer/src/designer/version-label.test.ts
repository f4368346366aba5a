import { describe, expect, it } from 'vitest'
import { nextVersion } from './version-label.js'

describe('nextVersion', () => {
  it('adds one to the last number', () => {
    expect(nextVersion('1.0')).toBe('1.1')
    expect(nextVersion('2025.9')).toBe('2025.10')
    expect(nextVersion('3')).toBe('4')
  })

  it('skips labels the template already has', () => {
    expect(nextVersion('1.0', ['1.0', '1.1', '1.2'])).toBe('1.3')
  })

  it('appends a number to a label that has none', () => {
    expect(nextVersion('beta')).toBe('beta.1')
    expect(nextVersion('beta', ['beta.1'])).toBe('beta.2')
  })
})
