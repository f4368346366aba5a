import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from './date.js'
import { formatPeriodId, PERIODS_PER_YEAR } from './period-id.js'
import type { PeriodicType } from './period-id.js'
import { cutoffWindow, nominalDates } from './window.js'

describe('cutoffWindow nd09 (ND 09/2019 Điều 12, domain-vn.md §2.3)', () => {
  it.each([
    ['2025-Q1', '2024-12-15', '2025-03-14'],
    ['2025-Q2', '2025-03-15', '2025-06-14'],
    ['2025-Q3', '2025-06-15', '2025-09-14'],
    ['2025-Q4', '2025-09-15', '2025-12-14'],
    ['2026-M01', '2025-12-15', '2026-01-14'],
    ['2025-M07', '2025-06-15', '2025-07-14'],
    ['2025-M12', '2025-11-15', '2025-12-14'],
    ['2025-H1', '2024-12-15', '2025-06-14'],
    ['2025-H2', '2025-06-15', '2025-12-14'],
    ['2025-N9', '2024-12-15', '2025-09-14'],
    ['2025-Y', '2024-12-15', '2025-12-14'],
    // Bắc Kạn CV 5718/UBND-NCPC: Q3 2021 = 15/6/2021 -> 14/9/2021
    ['2021-Q3', '2021-06-15', '2021-09-14'],
  ])('should give %s = %s .. %s', (id, start, end) => {
    expect(cutoffWindow(id, 'nd09')).toEqual({ start, end })
    expect(cutoffWindow(id, { rule: 'nd09' })).toEqual({ start, end })
  })

  it('should use nd09 when no rule is given', () => {
    expect(cutoffWindow('2025-Q3')).toEqual(cutoffWindow('2025-Q3', 'nd09'))
  })

  it('should reject the ad-hoc period by name', () => {
    expect(() => cutoffWindow('none')).toThrow(/ad-hoc period "none"/)
  })
})

describe('nominalDates / calendar rule', () => {
  it.each([
    ['2024-M02', '2024-02-01', '2024-02-29'],
    ['2025-M02', '2025-02-01', '2025-02-28'],
    ['2100-M02', '2100-02-01', '2100-02-28'],
    ['2000-M02', '2000-02-01', '2000-02-29'],
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2025-Q2', '2025-04-01', '2025-06-30'],
    ['2025-H2', '2025-07-01', '2025-12-31'],
    ['2025-N9', '2025-01-01', '2025-09-30'],
    ['2025-Y', '2025-01-01', '2025-12-31'],
  ])('should give %s = %s .. %s', (id, start, end) => {
    expect(nominalDates(id)).toEqual({ start, end })
    expect(cutoffWindow(id, 'calendar')).toEqual({ start, end })
  })
})

describe('cutoffWindow custom', () => {
  it('should start in the month before and end in the last month', () => {
    expect(cutoffWindow('2025-Q3', { rule: 'custom', startDay: 21, endDay: 20 })).toEqual({
      start: '2025-06-21',
      end: '2025-09-20',
    })
    expect(cutoffWindow('2026-M01', { rule: 'custom', startDay: 1, endDay: 31 })).toEqual({
      start: '2025-12-01',
      end: '2026-01-31',
    })
  })

  it('should clamp an end day past the end of a short month, leap years included', () => {
    expect(cutoffWindow('2024-M02', { rule: 'custom', startDay: 20, endDay: 31 }).end).toBe(
      '2024-02-29',
    )
    expect(cutoffWindow('2025-M02', { rule: 'custom', startDay: 20, endDay: 30 }).end).toBe(
      '2025-02-28',
    )
    expect(cutoffWindow('2025-Q2', { rule: 'custom', startDay: 20, endDay: 31 }).end).toBe(
      '2025-06-30',
    )
  })

  it('should name the missing or bad day and the schema', () => {
    expect(() => cutoffWindow('2025-Q3', 'custom')).toThrow(
      /needs startDay .*\$defs\/Cutoff.*got undefined/,
    )
    expect(() => cutoffWindow('2025-Q3', { rule: 'custom', startDay: 29, endDay: 14 })).toThrow(
      /startDay as an integer 1-28.*got 29/,
    )
    expect(() => cutoffWindow('2025-Q3', { rule: 'custom', startDay: 15, endDay: 0 })).toThrow(
      /endDay as an integer 1-31.*got 0/,
    )
  })

  it('should reject an unknown rule by name', () => {
    const bad = { rule: 'weekly' } as unknown as Parameters<typeof cutoffWindow>[1]
    expect(() => cutoffWindow('2025-Q3', bad)).toThrow(/Unknown cutoff rule "weekly"/)
  })
})

describe('nd09 windows tile the years', () => {
  const types: PeriodicType[] = ['month', 'quarter', 'half-year', 'year']

  it('should leave no gap and no overlap between consecutive windows of a type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.integer({ min: 1901, max: 2398 }),
        fc.nat(),
        (type, year, n) => {
          const index = (n % PERIODS_PER_YEAR[type]) + 1
          const id = formatPeriodId({ type, year, index })
          const per = PERIODS_PER_YEAR[type]
          const next =
            index < per
              ? formatPeriodId({ type, year, index: index + 1 })
              : formatPeriodId({ type, year: year + 1, index: 1 })
          expect(cutoffWindow(next).start).toBe(addDays(cutoffWindow(id).end, 1))
        },
      ),
    )
  })

  it('should cover 15/12 of the year before to 14/12 with the periods of one year', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.integer({ min: 1901, max: 2398 }), (type, year) => {
        const first = cutoffWindow(formatPeriodId({ type, year, index: 1 }))
        const last = cutoffWindow(formatPeriodId({ type, year, index: PERIODS_PER_YEAR[type] }))
        expect(first.start).toBe(`${year - 1}-12-15`)
        expect(last.end).toBe(`${year}-12-14`)
      }),
    )
  })
})
