import { describe, expect, it } from 'vitest'
import type { Deadline } from '../../schemas/generated/index.js'
import { addWorkingDays, deadlineFor, isLate, isWorkingDay, submissionDay } from './deadline.js'

/** TT 01/2020 Art. 10 practice (Bắc Kạn CV 5718/UBND-NCPC) and Art. 11 meeting report dates. */
const KSTT: Deadline[] = [
  { level: 'xa', dayOfMonth: 16 },
  { level: 'so', dayOfMonth: 18 },
  { level: 'huyen', dayOfMonth: 19 },
  { level: 'tinh', dayOfMonth: 20 },
]
const MEETINGS: Deadline[] = [
  { level: 'xa', dayOfMonth: 17 },
  { level: 'huyen', dayOfMonth: 19 },
  { level: 'tinh', dayOfMonth: 22 },
]

describe('deadlineFor dayOfMonth', () => {
  it.each([
    ['2025-Q3', KSTT, 'xa', '2025-09-16'],
    ['2025-Q3', KSTT, 'so', '2025-09-18'],
    ['2025-Q3', KSTT, 'huyen', '2025-09-19'],
    ['2025-Q4', KSTT, 'tinh', '2025-12-20'],
    ['2025-M02', KSTT, 'tinh', '2025-02-20'],
    ['2025-H1', KSTT, 'xa', '2025-06-16'],
    ['2025-N9', KSTT, 'xa', '2025-09-16'],
    ['2025-Y', MEETINGS, 'xa', '2025-12-17'],
    ['2025-Y', MEETINGS, 'huyen', '2025-12-19'],
    ['2025-Y', MEETINGS, 'tinh', '2025-12-22'],
  ])('%s %s level %s -> %s', (period, deadlines, level, due) => {
    expect(deadlineFor(period, deadlines, level)).toBe(due)
  })

  it('should fall back to the entry without a level, and give undefined when nothing applies', () => {
    const withDefault: Deadline[] = [{ level: 'xa', dayOfMonth: 16 }, { dayOfMonth: 25 }]
    expect(deadlineFor('2025-Q3', withDefault, 'bo')).toBe('2025-09-25')
    expect(deadlineFor('2025-Q3', withDefault, undefined)).toBe('2025-09-25')
    expect(deadlineFor('2025-Q3', KSTT, 'bo')).toBeUndefined()
    expect(deadlineFor('2025-Q3', undefined, 'xa')).toBeUndefined()
    expect(deadlineFor('none', withDefault, 'xa')).toBeUndefined()
  })

  it('should clamp a day past the end of the last month (leap years included)', () => {
    expect(deadlineFor('2024-M02', [{ dayOfMonth: 31 }], 'x')).toBe('2024-02-29')
    expect(deadlineFor('2025-M02', [{ dayOfMonth: 30 }], 'x')).toBe('2025-02-28')
  })

  it('should keep the regime day on a weekend unless asked to roll forward', () => {
    // 2025-12-20 is a Saturday.
    expect(deadlineFor('2025-Q4', KSTT, 'tinh')).toBe('2025-12-20')
    expect(deadlineFor('2025-Q4', KSTT, 'tinh', [], { rollToWorkingDay: true })).toBe('2025-12-22')
    // 2025-09-01/02 are Quốc khánh holidays; 2025-08-30/31 a weekend.
    expect(deadlineFor('2025-Q3', [{ dayOfMonth: 1 }], 'x')).toBe('2025-09-01')
    expect(
      deadlineFor('2025-Q3', [{ dayOfMonth: 1 }], 'x', ['2025-09-01', '2025-09-02'], {
        rollToWorkingDay: true,
      }),
    ).toBe('2025-09-03')
  })

  it('should refuse an entry with both or neither rule, naming the tier', () => {
    expect(() =>
      deadlineFor('2025-Q3', [{ level: 'xa', dayOfMonth: 16, workingDaysAfterCutoff: 2 }], 'xa'),
    ).toThrow(
      'Deadline for level "xa" must set exactly one of dayOfMonth and workingDaysAfterCutoff',
    )
    expect(() => deadlineFor('2025-Q3', [{}], 'xa')).toThrow(/Deadline for every tier/)
  })
})

describe('deadlineFor workingDaysAfterCutoff', () => {
  it('should count working days after the cut-off, skipping weekends', () => {
    // Khánh Hòa QĐ 01/2023: 9 months due 02 working days after the cut-off; 14/09/2025 is a Sunday.
    expect(deadlineFor('2025-N9', [{ workingDaysAfterCutoff: 2 }], 'tinh')).toBe('2025-09-16')
    // Q2 2025 ends Saturday 14/06: Mon 16 is the 1st working day.
    expect(deadlineFor('2025-Q2', [{ workingDaysAfterCutoff: 1 }], 'tinh')).toBe('2025-06-16')
    // Q1 2025 ends Friday 14/03: 5 working days -> Friday 21/03.
    expect(deadlineFor('2025-Q1', [{ workingDaysAfterCutoff: 5 }], 'tinh')).toBe('2025-03-21')
  })

  it('should skip holidays passed in', () => {
    // Q4 2024 ends Saturday 14/12/2024.
    expect(deadlineFor('2024-Q4', [{ workingDaysAfterCutoff: 1 }], 'x', ['2024-12-16'])).toBe(
      '2024-12-17',
    )
  })

  it('should follow the template cut-off', () => {
    const custom = { rule: 'custom', startDay: 21, endDay: 20 } as const
    // window ends Saturday 20/09/2025.
    expect(
      deadlineFor('2025-Q3', [{ workingDaysAfterCutoff: 1 }], 'x', [], { cutoff: custom }),
    ).toBe('2025-09-22')
    // calendar: ends Tuesday 30/09/2025.
    expect(
      deadlineFor('2025-Q3', [{ workingDaysAfterCutoff: 1 }], 'x', [], { cutoff: 'calendar' }),
    ).toBe('2025-10-01')
  })
})

describe('working days', () => {
  it('should skip weekends and holidays', () => {
    expect(addWorkingDays('2025-09-12', 1)).toBe('2025-09-15')
    expect(addWorkingDays('2025-09-12', 0)).toBe('2025-09-12')
    expect(addWorkingDays('2025-08-29', 1, ['2025-09-01', '2025-09-02'])).toBe('2025-09-03')
    expect(isWorkingDay('2025-09-02', ['2025-09-01', '2025-09-02'])).toBe(false)
    expect(isWorkingDay('2025-09-03')).toBe(true)
    expect(isWorkingDay('2025-09-06')).toBe(false)
    expect(() => addWorkingDays('2025-09-12', -1)).toThrow(/count -1 must be an integer >= 0/)
  })
})

describe('isLate / submissionDay', () => {
  it('should compare calendar days, the deadline day being on time', () => {
    expect(isLate('2025-09-16', '2025-09-16')).toBe(false)
    expect(isLate('2025-09-16', '2025-09-15')).toBe(false)
    expect(isLate('2025-09-16', '2025-09-17')).toBe(true)
    expect(isLate({ y: 2025, m: 9, d: 16 }, { y: 2025, m: 9, d: 17 })).toBe(true)
  })

  it('should read instants in Vietnam time, not the machine zone', () => {
    expect(submissionDay('2025-09-16T16:59:59Z')).toBe('2025-09-16')
    expect(submissionDay('2025-09-16T17:00:00Z')).toBe('2025-09-17')
    expect(submissionDay('2025-09-16T23:30:00+07:00')).toBe('2025-09-16')
    expect(submissionDay('2025-09-16T20:00:00-05:00')).toBe('2025-09-17')
    expect(submissionDay('2025-09-16T00:30:00.123+09:00')).toBe('2025-09-15')
    expect(submissionDay(new Date(Date.UTC(2025, 8, 16, 17, 0)))).toBe('2025-09-17')
    expect(submissionDay('2025-09-16T23:59')).toBe('2025-09-16')
    expect(submissionDay('2025-09-16T17:00:00Z', 0)).toBe('2025-09-16')
    expect(isLate('2025-09-16', '2025-09-16T16:59:00Z')).toBe(false)
    expect(isLate('2025-09-16', '2025-09-16T17:00:00Z')).toBe(true)
    expect(isLate('2025-09-16', new Date(Date.UTC(2025, 8, 16, 16, 0)))).toBe(false)
  })

  it('should reject malformed times by name', () => {
    expect(() => submissionDay('2025-09-16T25:00:00Z')).toThrow(/time out of range/)
    expect(() => submissionDay('16/09/2025 10:00')).toThrow(
      'Invalid submittedAt "16/09/2025 10:00"',
    )
    expect(() => submissionDay(new Date(Number.NaN))).toThrow(/invalid Date/)
  })
})
