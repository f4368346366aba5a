import { describe, expect, it } from 'vitest'
import { formatDecimals, guessColumnType, isDateFormat } from './column-type.js'

describe('column types from number formats', () => {
  it('reads decimals and date formats', () => {
    expect(formatDecimals('#,##0.00')).toBe(2)
    expect(formatDecimals('0.0%')).toBe(1)
    expect(formatDecimals('#,##0;[Red]-#,##0')).toBe(0)
    expect(formatDecimals('"Tổng: "0.000')).toBe(3)
    expect(isDateFormat('dd/mm/yyyy')).toBe(true)
    expect(isDateFormat('[$-42A]d mmmm yyyy')).toBe(true)
    expect(isDateFormat('#,##0')).toBe(false)
  })

  it('prefers the most common explicit format, then the values', () => {
    expect(
      guessColumnType([
        { numFmt: '#,##0', value: 3 },
        { numFmt: '#,##0', value: null },
        { value: 4 },
      ]),
    ).toEqual({ type: 'integer' })
    expect(guessColumnType([{ numFmt: '#,##0.00', value: 3.5 }])).toEqual({
      type: 'number',
      decimals: 2,
    })
    expect(guessColumnType([{ numFmt: '0.0%', value: 0.5 }])).toEqual({
      type: 'percent',
      decimals: 1,
    })
    expect(guessColumnType([{ numFmt: '0%', value: 0.5 }])).toEqual({ type: 'percent' })
    expect(guessColumnType([{ numFmt: 'dd/mm/yyyy', value: new Date('2025-01-02') }])).toEqual({
      type: 'date',
    })
    expect(guessColumnType([{ value: 'Ghi chú' }, { value: 2 }])).toEqual({ type: 'text' })
    expect(guessColumnType([{ value: 2.5 }, { value: null }])).toEqual({ type: 'number' })
    expect(guessColumnType([{ value: null }])).toBeUndefined()
  })
})
