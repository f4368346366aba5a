import { describe, expect, it } from 'vitest'
import { compareSemver, parseSemver, parseSemverRange, satisfies } from './semver.js'

const ok = (version: string, range: string): boolean => satisfies(version, parseSemverRange(range))

describe('parseSemver / compareSemver', () => {
  it('should parse versions with prerelease and build', () => {
    expect(parseSemver('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] })
    expect(parseSemver('1.2.3-beta.1+sha.5')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: ['beta', 1],
    })
    for (const bad of ['1.2', '01.2.3', '1.2.3-', 'v1.2.3', '1.2.3.4', ''])
      expect(parseSemver(bad)).toBeUndefined()
  })

  it('should order by semver precedence', () => {
    const order = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ]
    const parsed = order.map((v) => parseSemver(v)!)
    for (let i = 1; i < parsed.length; i += 1) {
      expect(compareSemver(parsed[i - 1]!, parsed[i]!)).toBe(-1)
      expect(compareSemver(parsed[i]!, parsed[i - 1]!)).toBe(1)
    }
    expect(compareSemver(parseSemver('1.0.0+a')!, parseSemver('1.0.0+b')!)).toBe(0)
  })
})

describe('satisfies', () => {
  it.each([
    ['0.1.0', '^0.1.0', true],
    ['0.1.9', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['1.9.9', '^1.2.3', true],
    ['2.0.0', '^1.2.3', false],
    ['1.2.2', '^1.2.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.5.0', '1.x', true],
    ['2.0.0', '1.x', false],
    ['1.2.7', '1.2', true],
    ['1.3.0', '1.2', false],
    ['3.0.0', '*', true],
    ['1.0.0', '>=1.0.0 <2.0.0', true],
    ['2.0.0', '>=1.0.0 <2.0.0', false],
    ['2.0.0', '>= 1.0.0 < 2.0.0', false],
    ['1.2.3', '1.2.3', true],
    ['1.2.4', '=1.2.3', false],
    ['3.1.0', '^1.0.0 || ^3.0.0', true],
    ['2.1.0', '^1.0.0 || ^3.0.0', false],
    ['1.3.0', '>1.2', true],
    ['1.2.9', '>1.2', false],
    ['1.2.9', '<=1.2', true],
    ['1.3.0', '<=1.2', false],
    ['1.9.0', '<2', true],
    ['1.2.4', '>1.2.3', true],
    ['1.2.3', '<=1.2.3', true],
    ['0.5.0', '^0', true],
    ['0.5.0', '~1.2', false],
    ['0.1.0', '^0.0', false],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(ok(version, range)).toBe(expected)
  })

  it('should let prereleases match only ranges that name them', () => {
    expect(ok('1.0.0-beta.2', '^1.0.0')).toBe(false)
    expect(ok('1.0.0-beta.2', '>=1.0.0-beta.1 <2.0.0')).toBe(true)
    expect(ok('1.0.1-beta.2', '>=1.0.0-beta.1 <2.0.0')).toBe(false)
    expect(ok('not a version', '*')).toBe(false)
  })

  it('should name what it cannot read', () => {
    expect(() => parseSemverRange('')).toThrow('Invalid semver range "": empty')
    expect(() => parseSemverRange('^1.0.0 ||')).toThrow(/empty alternative/)
    expect(() => parseSemverRange('^1.0.0 banana')).toThrow(
      'Invalid semver range "^1.0.0 banana": cannot read "banana"',
    )
    expect(() => parseSemverRange('1.0.0 - 2.0.0')).toThrow(/cannot read "-"/)
  })
})
