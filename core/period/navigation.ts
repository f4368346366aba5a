import type { PeriodType } from '../../schemas/generated/index.js'
import { compareDates, toYmd } from './date.js'
import type { DateInput } from './date.js'
import { formatPeriodId, parsePeriodicId, PERIODS_PER_YEAR } from './period-id.js'
import type { PeriodicType } from './period-id.js'
import { cutoffWindow, nominalDates } from './window.js'
import type { CutoffInput } from './window.js'

function shift(id: string, operation: string, by: number): string {
  const { type, year, index } = parsePeriodicId(id, operation)
  const per = PERIODS_PER_YEAR[type]
  const ordinal = year * per + (index - 1) + by
  return formatPeriodId({ type, year: Math.floor(ordinal / per), index: (ordinal % per) + 1 })
}

/**
 * The period just before, of the same type (the nine months of the year before for `N9`).
 *
 * @example
 * previousPeriod('2026-M01') // '2025-M12'
 */
export function previousPeriod(id: string): string {
  return shift(id, 'previousPeriod', -1)
}

/**
 * The period just after, of the same type.
 *
 * @example
 * nextPeriod('2025-Q4') // '2026-Q1'
 */
export function nextPeriod(id: string): string {
  return shift(id, 'nextPeriod', 1)
}

/**
 * The same period one year earlier (cùng kỳ năm trước).
 *
 * @example
 * samePeriodLastYear('2025-H1') // '2024-H1'
 */
export function samePeriodLastYear(id: string): string {
  const period = parsePeriodicId(id, 'samePeriodLastYear')
  return formatPeriodId({ ...period, year: period.year - 1 })
}

/**
 * The periods of the same type from the start of the year up to and including this one (lũy kế).
 *
 * @example
 * yearToDatePeriods('2025-Q3') // ['2025-Q1', '2025-Q2', '2025-Q3']
 */
export function yearToDatePeriods(id: string): string[] {
  const { type, year, index } = parsePeriodicId(id, 'yearToDatePeriods')
  return Array.from({ length: index }, (_, i) => formatPeriodId({ type, year, index: i + 1 }))
}

/**
 * Orders period ids of one type chronologically (negative when a is earlier).
 *
 * @example
 * ['2025-Q2', '2024-Q4'].sort(comparePeriods) // ['2024-Q4', '2025-Q2']
 */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriodicId(a, 'comparePeriods')
  const pb = parsePeriodicId(b, 'comparePeriods')
  if (pa.type !== pb.type) {
    throw new Error(`comparePeriods: "${a}" is a ${pa.type} and "${b}" a ${pb.type}`)
  }
  return Math.sign(pa.year - pb.year || pa.index - pb.index)
}

function periodicType(type: PeriodType, operation: string): PeriodicType {
  if (type === 'none') throw new Error(`${operation}: ad-hoc period type "none" has no periods`)
  if (!(type in PERIODS_PER_YEAR))
    throw new Error(`${operation}: unknown period type "${String(type)}"`)
  return type
}

function periodsOfYear(type: PeriodicType, year: number): string[] {
  return Array.from({ length: PERIODS_PER_YEAR[type] }, (_, i) =>
    formatPeriodId({ type, year, index: i + 1 }),
  )
}

/**
 * The period of a type whose cut-off window holds a date, or `undefined` when none does (a custom
 * window with gaps; nine months, which cover only part of the year). Windows that overlap give the earlier period.
 *
 * @example
 * periodContaining('2025-06-20', 'quarter') // '2025-Q3' (ND 09 window 15/06 - 14/09)
 * periodContaining('2025-12-20', 'year') // '2026-Y'
 */
export function periodContaining(
  date: DateInput,
  type: PeriodType,
  cutoff: CutoffInput = 'nd09',
): string | undefined {
  const periodic = periodicType(type, 'periodContaining')
  const { y } = toYmd(date)
  // A window ends in its period's last month and starts at most one month before its first month,
  // so a date in year y lies in a window of year y or y + 1.
  const candidates = [
    ...periodsOfYear(periodic, y),
    ...(y < 9999 ? periodsOfYear(periodic, y + 1) : []),
  ]
  return candidates.find((id) => {
    const w = cutoffWindow(id, cutoff)
    return compareDates(w.start, date) <= 0 && compareDates(date, w.end) <= 0
  })
}

/**
 * The periods of a type, in order, whose calendar span lies between the start of `from` and the
 * end of `to` (both period ids, of any type).
 *
 * @example
 * listPeriods('quarter', '2024-Q4', '2025-Q2') // ['2024-Q4', '2025-Q1', '2025-Q2']
 * listPeriods('month', '2025-Q3', '2025-Q3') // ['2025-M07', '2025-M08', '2025-M09']
 */
export function listPeriods(type: PeriodType, from: string, to: string): string[] {
  const periodic = periodicType(type, 'listPeriods')
  const start = nominalDates(from).start
  const end = nominalDates(to).end
  const out: string[] = []
  for (let year = toYmd(start).y; year <= toYmd(end).y; year += 1) {
    for (const id of periodsOfYear(periodic, year)) {
      const span = nominalDates(id)
      if (compareDates(start, span.start) <= 0 && compareDates(span.end, end) <= 0) out.push(id)
    }
  }
  return out
}
