/**
 * Calendar dates without a time zone. A date is a day number (days since 1970-01-01) computed with
 * `Date.UTC`, so the machine's local zone never shifts a day.
 */
import type { IsoDate } from '../../schemas/generated/index.js'

/** A calendar date as numbers: month 1-12, day 1-31. */
export interface Ymd {
  y: number
  m: number
  d: number
}

/** A date as `'YYYY-MM-DD'` or as `{ y, m, d }`. */
export type DateInput = IsoDate | Ymd

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * True for Gregorian leap years.
 *
 * @example
 * isLeapYear(2024) // true
 * isLeapYear(2100) // false
 */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/**
 * Number of days of a month (1-12).
 *
 * @example
 * daysInMonth(2024, 2) // 29
 */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

function checkYmd(y: number, m: number, d: number, shown: string): Ymd {
  if (!Number.isInteger(y) || y < 1 || y > 9999) {
    throw new Error(`Invalid date ${shown}: year must be an integer 1-9999`)
  }
  if (!Number.isInteger(m) || m < 1 || m > 12) {
    throw new Error(`Invalid date ${shown}: month must be an integer 1-12`)
  }
  const max = daysInMonth(y, m)
  if (!Number.isInteger(d) || d < 1 || d > max) {
    throw new Error(`Invalid date ${shown}: day must be an integer 1-${max} in ${y}-${pad2(m)}`)
  }
  return { y, m, d }
}

/**
 * Reads a date given as `'YYYY-MM-DD'` or `{ y, m, d }`; throws naming the input and the broken part.
 *
 * @example
 * toYmd('2025-09-14') // { y: 2025, m: 9, d: 14 }
 */
export function toYmd(date: DateInput): Ymd {
  if (typeof date !== 'string') {
    return checkYmd(date.y, date.m, date.d, JSON.stringify(date))
  }
  const match = ISO_DATE.exec(date)
  if (match === null) {
    throw new Error(`Invalid date "${date}": expected YYYY-MM-DD`)
  }
  return checkYmd(Number(match[1]), Number(match[2]), Number(match[3]), `"${date}"`)
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/**
 * Formats a date as `'YYYY-MM-DD'`.
 *
 * @example
 * formatIsoDate({ y: 2026, m: 1, d: 14 }) // '2026-01-14'
 */
export function formatIsoDate(date: DateInput): IsoDate {
  const { y, m, d } = toYmd(date)
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`
}

/**
 * Days since 1970-01-01 (negative before), for date arithmetic.
 *
 * @example
 * dayNumber('1970-01-02') // 1
 */
export function dayNumber(date: DateInput): number {
  const { y, m, d } = toYmd(date)
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const t = new Date(Date.UTC(2000, m - 1, d))
  t.setUTCFullYear(y)
  return Math.round(t.getTime() / MS_PER_DAY)
}

/**
 * The date of a day number (inverse of `dayNumber`).
 *
 * @example
 * fromDayNumber(1) // '1970-01-02'
 */
export function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * MS_PER_DAY)
  return formatIsoDate({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() })
}

/**
 * Adds (or with a negative count, subtracts) calendar days.
 *
 * @example
 * addDays('2024-02-28', 1) // '2024-02-29'
 */
export function addDays(date: DateInput, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days)
}

/**
 * Day of the week, 0 = Sunday ... 6 = Saturday.
 *
 * @example
 * dayOfWeek('2025-09-14') // 0 (a Sunday)
 */
export function dayOfWeek(date: DateInput): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7
}

/**
 * Compares two dates: negative if a is earlier, 0 if equal, positive if later.
 *
 * @example
 * compareDates('2025-06-15', '2025-06-14') // 1
 */
export function compareDates(a: DateInput, b: DateInput): number {
  return Math.sign(dayNumber(a) - dayNumber(b))
}

/**
 * The date of a day in a month, with the day clamped to the month's length
 * (day 31 in February is the 28th or 29th).
 *
 * @example
 * clampedDate(2025, 2, 31) // '2025-02-28'
 */
export function clampedDate(y: number, m: number, d: number): IsoDate {
  return formatIsoDate({ y, m, d: Math.min(d, daysInMonth(y, m)) })
}
