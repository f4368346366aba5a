import { describe, expect, it } from 'vitest'
import { periodLabel } from './labels.js'
import {
  formatPeriodId,
  isPeriodId,
  monthSpan,
  parsePeriodicId,
  parsePeriodId,
  periodType,
} from './period-id.js'
import type { Period } from './period-id.js'

describe('parsePeriodId / formatPeriodId', () => {
  it.each<[string, Period]>([
    ['2025-M07', { type: 'month', year: 2025, index: 7 }],
    ['2026-M01', { type: 'month', year: 2026, index: 1 }],
    ['2025-M12', { type: 'month', year: 2025, index: 12 }],
    ['2025-Q3', { type: 'quarter', year: 2025, index: 3 }],
    ['2025-H1', { type: 'half-year', year: 2025, index: 1 }],
    ['2025-H2', { type: 'half-year', year: 2025, index: 2 }],
    ['2025-N9', { type: 'nine-months', year: 2025, index: 1 }],
    ['2025-Y', { type: 'year', year: 2025, index: 1 }],
    ['none', { type: 'none' }],
  ])('should round-trip %s', (id, period) => {
    expect(parsePeriodId(id)).toEqual(period)
    expect(formatPeriodId(period)).toBe(id)
    expect(periodType(id)).toBe(period.type)
    expect(isPeriodId(id)).toBe(true)
  })

  it.each([
    ['2025-M7', /expected one of 2025-M07/],
    ['2025-M13', /month must be 01-12/],
    ['2025-M00', /month must be 01-12/],
    ['2025-Q5', /quarter must be 1-4/],
    ['2025-Q0', /quarter must be 1-4/],
    ['2025-H3', /half must be H1 or H2/],
    ['2025-N6', /nine months is N9/],
    ['0000-Y', /year must be 0001-9999/],
    ['25-Q3', /expected one of/],
    ['2025-q3', /expected one of/],
    ['', /expected one of/],
    ['NONE', /expected one of/],
  ])('should reject %s naming the id', (id, why) => {
    expect(() => parsePeriodId(id)).toThrow(`Invalid period id "${id}"`)
    expect(() => parsePeriodId(id)).toThrow(why)
    expect(isPeriodId(id)).toBe(false)
  })

  it('should refuse impossible periods when formatting', () => {
    expect(() => formatPeriodId({ type: 'quarter', year: 2025, index: 5 })).toThrow(
      /index 5 must be an integer 1-4/,
    )
    expect(() => formatPeriodId({ type: 'month', year: 2025, index: 1.5 })).toThrow(/index 1.5/)
    expect(() => formatPeriodId({ type: 'year', year: 0, index: 1 })).toThrow(/year 0 must be/)
  })

  it('should refuse none where a calendar position is needed', () => {
    expect(() => parsePeriodicId('none', 'doIt')).toThrow(
      'doIt: ad-hoc period "none" has no calendar position',
    )
  })

  it('should give the months a period spans', () => {
    expect(monthSpan({ type: 'quarter', year: 2025, index: 4 })).toEqual({ first: 10, last: 12 })
    expect(monthSpan({ type: 'half-year', year: 2025, index: 2 })).toEqual({ first: 7, last: 12 })
  })
})

describe('periodLabel', () => {
  it.each([
    ['2025-M07', 'Tháng 7 năm 2025', 'July 2025'],
    ['2025-M12', 'Tháng 12 năm 2025', 'December 2025'],
    ['2025-Q1', 'Quý I năm 2025', 'Q1 2025'],
    ['2025-Q3', 'Quý III năm 2025', 'Q3 2025'],
    ['2025-Q4', 'Quý IV năm 2025', 'Q4 2025'],
    ['2025-H1', '6 tháng đầu năm 2025', 'First half of 2025'],
    ['2025-H2', '6 tháng cuối năm 2025', 'Second half of 2025'],
    ['2025-N9', '9 tháng năm 2025', 'First nine months of 2025'],
    ['2025-Y', 'Năm 2025', 'Year 2025'],
    ['none', 'Không định kỳ', 'Ad hoc'],
  ])('should label %s', (id, vi, en) => {
    expect(periodLabel(id)).toBe(vi)
    expect(periodLabel(id, 'vi')).toBe(vi)
    expect(periodLabel(id, 'en')).toBe(en)
  })
})
