import { describe, expect, it } from 'vitest'
import { formatCellValue, roundTo } from './format-value.js'

describe('roundTo', () => {
  it('rounds half away from zero on the 15-digit value', () => {
    expect(roundTo(1.005, 2)).toBe(1.01)
    expect(roundTo(-1.005, 2)).toBe(-1.01)
    expect(roundTo(2.5, 0)).toBe(3)
    expect(roundTo(-2.5, 0)).toBe(-3)
    expect(roundTo(0.1 + 0.2, 15)).toBe(0.3)
    expect(roundTo(-0.0001, 2)).toBe(0)
    expect(Object.is(roundTo(-0.0001, 2), -0)).toBe(false)
  })
})

describe('formatCellValue', () => {
  it('shows numbers rounded to the column decimals, leaving the stored value alone', () => {
    const third = 2 / 3
    expect(formatCellValue(third, { type: 'number', decimals: 2 })).toBe('0.67')
    expect(formatCellValue(1.005, { type: 'number', decimals: 2 })).toBe('1.01')
    expect(formatCellValue(3, { type: 'number', decimals: 2 })).toBe('3.00')
    expect(formatCellValue(0.3, { type: 'number' })).toBe('0.3')
    expect(third).toBe(2 / 3)
  })

  it('shows integers without decimals and percent columns as percentages of their fraction', () => {
    expect(formatCellValue(2.5, { type: 'integer' })).toBe('3')
    expect(formatCellValue(0.4567, { type: 'percent', decimals: 1 })).toBe('45.7%')
    expect(formatCellValue(0.5, { type: 'percent', decimals: 0 })).toBe('50%')
    expect(formatCellValue(1 / 3, { type: 'percent' })).toBe('33.33%')
    expect(formatCellValue(0.07, { type: 'percent' })).toBe('7%')
  })

  it('uses the locale separators when asked', () => {
    expect(formatCellValue(1234.5, { type: 'number', decimals: 1 }, { locale: 'vi-VN' })).toBe(
      '1.234,5',
    )
    expect(formatCellValue(0.4567, { type: 'percent', decimals: 1 }, { locale: 'vi-VN' })).toBe(
      '45,7%',
    )
    expect(formatCellValue(1234.25, { type: 'number' }, { locale: 'en-US' })).toBe('1,234.25')
  })

  it('shows empty, text, logical and error values as such', () => {
    expect(formatCellValue(null, { type: 'number', decimals: 2 })).toBe('')
    expect(formatCellValue('Tổng số', { type: 'text' })).toBe('Tổng số')
    expect(formatCellValue(true, { type: 'number' })).toBe('TRUE')
    expect(formatCellValue(false, { type: 'number' })).toBe('FALSE')
    expect(formatCellValue({ error: '#DIV/0!' }, { type: 'percent', decimals: 2 })).toBe('#DIV/0!')
  })
})
