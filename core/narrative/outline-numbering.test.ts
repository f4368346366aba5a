import { describe, expect, it } from 'vitest'
import { formatOutlineNumber, numberOutline, toRoman, toViLetters } from './outline-numbering.js'

describe('numberOutline', () => {
  it('should number per level and restart deeper levels under a new parent', () => {
    const levels = [0, 1, 1, 2, 2, 3, 0, 1, 2]
    expect(numberOutline(levels.map((level) => ({ level })))).toEqual([
      'I.',
      '1.',
      '2.',
      'a)',
      'b)',
      '-',
      'II.',
      '1.',
      'a)',
    ])
  })

  it('should use the styles given and the last one past the list', () => {
    const items = [{}, { level: 1 }, { level: 2 }, { level: 2 }]
    expect(numberOutline(items, ['arabic', 'dash'])).toEqual(['1.', '-', '-', '-'])
    expect(numberOutline(items, ['none', 'alpha'])).toEqual(['', 'a)', 'a)', 'b)'])
  })

  it('should fall back to I. / 1. / a) / - for an empty list', () => {
    expect(numberOutline([{ level: 0 }, { level: 1 }], [])).toEqual(['I.', '1.'])
  })

  it('should start a first item below level 0 at 1 without inventing its parents', () => {
    expect(numberOutline([{ level: 1 }, { level: 0 }])).toEqual(['1.', 'I.'])
  })
})

describe('labels', () => {
  it('should write roman numerals', () => {
    expect([1, 4, 9, 14, 40, 90, 400, 1994].map(toRoman)).toEqual([
      'I',
      'IV',
      'IX',
      'XIV',
      'XL',
      'XC',
      'CD',
      'MCMXCIV',
    ])
  })

  it('should letter points with the Vietnamese alphabet', () => {
    expect([1, 4, 5, 6, 7, 23, 24, 25].map(toViLetters)).toEqual([
      'a',
      'd',
      'đ',
      'e',
      'g',
      'y',
      'aa',
      'ab',
    ])
  })

  it('should format each style', () => {
    expect(
      (['roman', 'arabic', 'alpha', 'dash', 'none'] as const).map((s) => formatOutlineNumber(s, 3)),
    ).toEqual(['III.', '3.', 'c)', '-', ''])
  })
})
