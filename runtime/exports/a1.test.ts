import { describe, expect, it } from 'vitest'
import { a1, columnLetter, columnNumber, quoteSheet, sheetRef } from './a1.js'

describe('A1 helpers', () => {
  it('converts columns both ways', () => {
    for (const [n, s] of [
      [1, 'A'],
      [26, 'Z'],
      [27, 'AA'],
      [52, 'AZ'],
      [703, 'AAA'],
    ] as const) {
      expect(columnLetter(n)).toBe(s)
      expect(columnNumber(s)).toBe(n)
    }
    expect(columnNumber('ab')).toBe(28)
    expect(a1(7, 4)).toBe('D7')
  })

  it('rejects bad input, naming it', () => {
    expect(() => columnLetter(0)).toThrow(/0/)
    expect(() => columnNumber('A1')).toThrow(/"A1"/)
  })

  it('quotes sheet names that need it', () => {
    expect(quoteSheet('main')).toBe('main')
    expect(quoteSheet('Biểu 01')).toBe("'Biểu 01'")
    expect(quoteSheet("O'Neil")).toBe("'O''Neil'")
    expect(quoteSheet('AB12')).toBe("'AB12'")
    expect(sheetRef('Sheet 2', 'C4')).toBe("'Sheet 2'!C4")
  })
})
