import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, compareDates, formatIsoDate } from './date.js'
import {
  comparePeriods,
  listPeriods,
  nextPeriod,
  periodContaining,
  previousPeriod,
  samePeriodLastYear,
  yearToDatePeriods,
} from './navigation.js'
import { cutoffWindow } from './window.js'

describe('previousPeriod / nextPeriod / samePeriodLastYear', () => {
  it.each([
    ['2026-M01', '2025-M12', '2026-M02', '2025-M01'],
    ['2025-M07', '2025-M06', '2025-M08', '2024-M07'],
    ['2025-Q1', '2024-Q4', '2025-Q2', '2024-Q1'],
    ['2025-Q4', '2025-Q3', '2026-Q1', '2024-Q4'],
    ['2025-H1', '2024-H2', '2025-H2', '2024-H1'],
    ['2025-H2', '2025-H1', '2026-H1', '2024-H2'],
    ['2025-N9', '2024-N9', '2026-N9', '2024-N9'],
    ['2025-Y', '2024-Y', '2026-Y', '2024-Y'],
  ])('%s: previous %s, next %s, last year %s', (id, prev, next, lastYear) => {
    expect(previousPeriod(id)).toBe(prev)
    expect(nextPeriod(id)).toBe(next)
    expect(samePeriodLastYear(id)).toBe(lastYear)
    expect(nextPeriod(previousPeriod(id))).toBe(id)
  })

  it('should refuse ad-hoc periods by name of the operation', () => {
    expect(() => previousPeriod('none')).toThrow(/previousPeriod: ad-hoc period "none"/)
    expect(() => samePeriodLastYear('none')).toThrow(/samePeriodLastYear/)
  })
})

describe('yearToDatePeriods', () => {
  it.each([
    ['2025-M03', ['2025-M01', '2025-M02', '2025-M03']],
    ['2025-M01', ['2025-M01']],
    ['2025-Q3', ['2025-Q1', '2025-Q2', '2025-Q3']],
    ['2025-H2', ['2025-H1', '2025-H2']],
    ['2025-N9', ['2025-N9']],
    ['2025-Y', ['2025-Y']],
  ])('%s -> %j', (id, expected) => {
    expect(yearToDatePeriods(id)).toEqual(expected)
  })
})

describe('comparePeriods', () => {
  it('should order chronologically and refuse mixed types', () => {
    expect(['2025-Q2', '2024-Q4', '2025-Q1'].sort(comparePeriods)).toEqual([
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
    ])
    expect(comparePeriods('2025-M07', '2025-M07')).toBe(0)
    expect(() => comparePeriods('2025-Q1', '2025-M01')).toThrow(
      '"2025-Q1" is a quarter and "2025-M01" a month',
    )
  })
})

describe('periodContaining', () => {
  it.each([
    ['2025-06-14', 'quarter', '2025-Q2'],
    ['2025-06-15', 'quarter', '2025-Q3'],
    ['2025-09-14', 'quarter', '2025-Q3'],
    ['2025-12-15', 'quarter', '2026-Q1'],
    ['2025-12-14', 'month', '2025-M12'],
    ['2025-12-15', 'month', '2026-M01'],
    ['2025-12-20', 'year', '2026-Y'],
    ['2025-01-10', 'half-year', '2025-H1'],
    ['2025-06-15', 'half-year', '2025-H2'],
    ['2025-09-14', 'nine-months', '2025-N9'],
  ] as const)('%s in %s -> %s (nd09)', (date, type, expected) => {
    expect(periodContaining(date, type)).toBe(expected)
  })

  it('should give undefined outside every window', () => {
    expect(periodContaining('2025-10-01', 'nine-months')).toBeUndefined()
    const gappy = { rule: 'custom', startDay: 20, endDay: 10 } as const
    expect(periodContaining('2025-07-15', 'month', gappy)).toBeUndefined()
  })

  it('should use calendar months for the calendar rule', () => {
    expect(periodContaining({ y: 2025, m: 12, d: 20 }, 'year', 'calendar')).toBe('2025-Y')
    expect(periodContaining('2024-02-29', 'month', 'calendar')).toBe('2024-M02')
  })

  it('should give the earlier period where custom windows overlap', () => {
    const overlapping = { rule: 'custom', startDay: 10, endDay: 20 } as const
    expect(periodContaining('2025-07-15', 'month', overlapping)).toBe('2025-M07')
  })

  it('should refuse the ad-hoc type', () => {
    expect(() => periodContaining('2025-07-15', 'none')).toThrow(
      /periodContaining: ad-hoc period type "none"/,
    )
  })

  it('should agree with cutoffWindow for any day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 * 366 }),
        fc.constantFrom('month', 'quarter', 'half-year', 'year' as const),
        (offset, type) => {
          const date = addDays('1950-01-01', offset)
          const id = periodContaining(date, type)
          expect(id).toBeDefined()
          const w = cutoffWindow(id ?? '', 'nd09')
          expect(compareDates(w.start, date)).toBeLessThanOrEqual(0)
          expect(compareDates(date, w.end)).toBeLessThanOrEqual(0)
        },
      ),
    )
  })
})

describe('listPeriods', () => {
  it('should list inclusive ranges across years', () => {
    expect(listPeriods('quarter', '2024-Q4', '2025-Q2')).toEqual(['2024-Q4', '2025-Q1', '2025-Q2'])
    expect(listPeriods('month', '2025-M11', '2026-M02')).toEqual([
      '2025-M11',
      '2025-M12',
      '2026-M01',
      '2026-M02',
    ])
    expect(listPeriods('half-year', '2024-Y', '2025-Y')).toEqual([
      '2024-H1',
      '2024-H2',
      '2025-H1',
      '2025-H2',
    ])
  })

  it('should list the periods of a type inside a longer span', () => {
    expect(listPeriods('month', '2025-Q3', '2025-Q3')).toEqual(['2025-M07', '2025-M08', '2025-M09'])
    expect(listPeriods('quarter', '2025-M08', '2025-M12')).toEqual(['2025-Q4'])
    expect(listPeriods('nine-months', '2024-Y', '2025-Y')).toEqual(['2024-N9', '2025-N9'])
  })

  it('should give an empty list for a reversed range and refuse none', () => {
    expect(listPeriods('quarter', '2025-Q3', '2025-Q1')).toEqual([])
    expect(() => listPeriods('none', '2025-Q1', '2025-Q3')).toThrow(
      /listPeriods: ad-hoc period type/,
    )
    expect(() => listPeriods('week' as 'month', '2025-Q1', '2025-Q3')).toThrow(
      /unknown period type "week"/,
    )
  })

  it('should list each year of months in order', () => {
    const months = listPeriods('month', '2025-Y', '2025-Y')
    expect(months).toHaveLength(12)
    expect(months.map((m) => cutoffWindow(m, 'calendar').start)).toEqual(
      Array.from({ length: 12 }, (_, i) => formatIsoDate({ y: 2025, m: i + 1, d: 1 })),
    )
  })
})
