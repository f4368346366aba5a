import { describe, expect, it } from 'vitest'
import {
  addDays,
  clampedDate,
  compareDates,
  dayNumber,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isLeapYear,
  toYmd,
} from './date.js'

describe('dates', () => {
  it('should know leap years', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      false,
    ])
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(2023, 2)).toBe(28)
    expect(daysInMonth(2025, 4)).toBe(30)
    expect(daysInMonth(2025, 12)).toBe(31)
  })

  it('should read both date forms and name the bad part', () => {
    expect(toYmd('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 })
    expect(toYmd({ y: 2025, m: 9, d: 14 })).toEqual({ y: 2025, m: 9, d: 14 })
    expect(() => toYmd('2025-02-29')).toThrow(
      'Invalid date "2025-02-29": day must be an integer 1-28 in 2025-02',
    )
    expect(() => toYmd('2025-13-01')).toThrow(/month must be an integer 1-12/)
    expect(() => toYmd('2025-9-1')).toThrow(/expected YYYY-MM-DD/)
    expect(() => toYmd({ y: 0, m: 1, d: 1 })).toThrow(/year must be an integer 1-9999/)
  })

  it('should do arithmetic across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(addDays({ y: 2025, m: 1, d: 1 }, 365)).toBe('2026-01-01')
    expect(dayNumber('1970-01-01')).toBe(0)
    expect(fromDayNumber(dayNumber('0099-06-30'))).toBe('0099-06-30')
  })

  it('should give weekdays and comparisons', () => {
    expect(dayOfWeek('2025-09-14')).toBe(0)
    expect(dayOfWeek('2025-09-13')).toBe(6)
    expect(dayOfWeek('1969-12-31')).toBe(3)
    expect(compareDates('2025-06-15', '2025-06-14')).toBe(1)
    expect(compareDates('2025-06-14', { y: 2025, m: 6, d: 14 })).toBe(0)
    expect(compareDates('2024-12-31', '2025-01-01')).toBe(-1)
  })

  it('should format and clamp', () => {
    expect(formatIsoDate({ y: 2026, m: 1, d: 4 })).toBe('2026-01-04')
    expect(clampedDate(2024, 2, 31)).toBe('2024-02-29')
    expect(clampedDate(2025, 4, 31)).toBe('2025-04-30')
    expect(clampedDate(2025, 5, 31)).toBe('2025-05-31')
  })
})
