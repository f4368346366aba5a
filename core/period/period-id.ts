/**
 * Period ids: the keys under which a report instance, its submission and the period functions
 * (previous period, same period last year, year-to-date) find each other.
 */
import type { PeriodType } from '../../schemas/generated/index.js'

/** A periodic period type (every type except ad-hoc `none`). */
export type PeriodicType = Exclude<PeriodType, 'none'>

/**
 * A parsed period id. `index` counts periods of the type within the year from 1: the month
 * (1-12), the quarter (1-4), the half (1-2); always 1 for nine-months and year.
 */
export type Period = { type: PeriodicType; year: number; index: number } | { type: 'none' }

/**
 * The period id of an ad-hoc (đột xuất / chuyên đề) report.
 *
 * @example
 * parsePeriodId(AD_HOC_PERIOD) // { type: 'none' }
 */
export const AD_HOC_PERIOD = 'none'

/**
 * How many periods of a type one year holds.
 *
 * @example
 * PERIODS_PER_YEAR.quarter // 4
 */
export const PERIODS_PER_YEAR: Readonly<Record<PeriodicType, number>> = {
  month: 12,
  quarter: 4,
  'half-year': 2,
  'nine-months': 1,
  year: 1,
}

const PERIOD_ID = /^(\d{4})-(?:M(\d{2})|Q(\d)|H(\d)|N(\d)|(Y))$/

const FORMS = '2025-M07, 2025-Q3, 2025-H1, 2025-H2, 2025-N9, 2025-Y or none'

function invalid(id: string, why: string): Error {
  return new Error(`Invalid period id "${id}": ${why}`)
}

/**
 * Parses a period id: `2025-M07` (month), `2025-Q3`, `2025-H1`/`2025-H2`, `2025-N9` (nine months),
 * `2025-Y` (year) or `none` (ad-hoc). Throws an error naming the id and what is wrong with it.
 *
 * @example
 * parsePeriodId('2025-Q3') // { type: 'quarter', year: 2025, index: 3 }
 */
export function parsePeriodId(id: string): Period {
  if (id === AD_HOC_PERIOD) return { type: 'none' }
  const match = PERIOD_ID.exec(id)
  if (match === null) throw invalid(id, `expected one of ${FORMS}`)
  const year = Number(match[1])
  if (year < 1) throw invalid(id, 'year must be 0001-9999')
  const [, , month, quarter, half, nine] = match
  if (month !== undefined) return checked(id, 'month', year, Number(month), 'month must be 01-12')
  if (quarter !== undefined)
    return checked(id, 'quarter', year, Number(quarter), 'quarter must be 1-4')
  if (half !== undefined)
    return checked(id, 'half-year', year, Number(half), 'half must be H1 or H2')
  if (nine !== undefined)
    return checked(id, 'nine-months', year, Number(nine) === 9 ? 1 : 0, 'nine months is N9')
  return { type: 'year', year, index: 1 }
}

function checked(id: string, type: PeriodicType, year: number, index: number, why: string): Period {
  if (index < 1 || index > PERIODS_PER_YEAR[type]) throw invalid(id, why)
  return { type, year, index }
}

/**
 * Writes a period as its id; throws if the index does not exist for the type.
 *
 * @example
 * formatPeriodId({ type: 'month', year: 2026, index: 1 }) // '2026-M01'
 */
export function formatPeriodId(period: Period): string {
  if (period.type === 'none') return AD_HOC_PERIOD
  const { type, year, index } = period
  const max = PERIODS_PER_YEAR[type]
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new Error(`Invalid ${type} period: year ${year} must be an integer 1-9999`)
  }
  if (!Number.isInteger(index) || index < 1 || index > max) {
    throw new Error(`Invalid ${type} period: index ${index} must be an integer 1-${max}`)
  }
  const y = String(year).padStart(4, '0')
  switch (type) {
    case 'month':
      return `${y}-M${String(index).padStart(2, '0')}`
    case 'quarter':
      return `${y}-Q${index}`
    case 'half-year':
      return `${y}-H${index}`
    case 'nine-months':
      return `${y}-N9`
    case 'year':
      return `${y}-Y`
  }
}

/**
 * The period type of an id.
 *
 * @example
 * periodType('2025-H2') // 'half-year'
 */
export function periodType(id: string): PeriodType {
  return parsePeriodId(id).type
}

/**
 * True when the text is a well-formed period id.
 *
 * @example
 * isPeriodId('2025-M7') // false (the month has two digits)
 */
export function isPeriodId(id: string): boolean {
  try {
    parsePeriodId(id)
    return true
  } catch {
    return false
  }
}

/** Parses a periodic id; ad-hoc `none` has no dates and no neighbours, so it is refused by name. */
export function parsePeriodicId(id: string, operation: string): Extract<Period, { year: number }> {
  const period = parsePeriodId(id)
  if (period.type === 'none') {
    throw new Error(`${operation}: ad-hoc period "none" has no calendar position`)
  }
  return period
}

/** First and last month (1-12) of a periodic period. */
export function monthSpan(period: Extract<Period, { year: number }>): {
  first: number
  last: number
} {
  const { type, index } = period
  switch (type) {
    case 'month':
      return { first: index, last: index }
    case 'quarter':
      return { first: index * 3 - 2, last: index * 3 }
    case 'half-year':
      return { first: index * 6 - 5, last: index * 6 }
    case 'nine-months':
      return { first: 1, last: 9 }
    case 'year':
      return { first: 1, last: 12 }
  }
}
