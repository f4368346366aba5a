import type { Cutoff, IsoDate } from '../../schemas/generated/index.js'
import { clampedDate, daysInMonth, formatIsoDate } from './date.js'
import { monthSpan, parsePeriodicId } from './period-id.js'

/** An inclusive span of calendar days. */
export interface DateWindow {
  start: IsoDate
  end: IsoDate
}

/** A cut-off as in a template (`schemas/template.schema.json` $defs/Cutoff), or just its rule name. */
export type CutoffInput = Cutoff | Cutoff['rule']

/** ND 09/2019 Điều 12: from day 15 of the month before the period to day 14 of its last month. */
const ND09 = { startDay: 15, endDay: 14 } as const

/**
 * First and last calendar day of a period.
 *
 * @example
 * nominalDates('2024-Q1') // { start: '2024-01-01', end: '2024-03-31' }
 */
export function nominalDates(id: string): DateWindow {
  const period = parsePeriodicId(id, 'nominalDates')
  const { first, last } = monthSpan(period)
  const y = period.year
  return {
    start: formatIsoDate({ y, m: first, d: 1 }),
    end: formatIsoDate({ y, m: last, d: daysInMonth(y, last) }),
  }
}

function checkDay(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(
      `cutoff rule "custom" needs ${name} as an integer 1-${max} (schemas/template.schema.json $defs/Cutoff), got ${String(value)}`,
    )
  }
  return value
}

function customDays(rule: Cutoff): { startDay: number; endDay: number } {
  if (rule.rule !== 'custom') {
    throw new Error(`Unknown cutoff rule "${String(rule.rule)}": expected nd09, calendar or custom`)
  }
  return {
    startDay: checkDay(rule.startDay, 'startDay', 28),
    endDay: checkDay(rule.endDay, 'endDay', 31),
  }
}

/**
 * The data cut-off window (thời gian chốt số liệu) of a period, both ends inclusive:
 * - `nd09` (the default): ND 09/2019 Điều 12, day 15 of the month before the period's first month
 *   to day 14 of its last month, e.g. Q3 2025 = 2025-06-15 .. 2025-09-14;
 * - `calendar`: the nominal dates;
 * - `custom`: `startDay` in the month before the first month to `endDay` in the last month
 *   (an `endDay` past the month's end means its last day).
 *
 * @example
 * cutoffWindow('2026-M01') // { start: '2025-12-15', end: '2026-01-14' }
 * cutoffWindow('2025-Q3', { rule: 'custom', startDay: 21, endDay: 20 }) // 2025-06-21 .. 2025-09-20
 */
export function cutoffWindow(id: string, cutoff: CutoffInput = 'nd09'): DateWindow {
  const rule = typeof cutoff === 'string' ? { rule: cutoff } : cutoff
  if (rule.rule === 'calendar') return nominalDates(id)
  const days = rule.rule === 'nd09' ? ND09 : customDays(rule)
  const period = parsePeriodicId(id, 'cutoffWindow')
  const { first, last } = monthSpan(period)
  const y = period.year
  const startYear = first === 1 ? y - 1 : y
  const startMonth = first === 1 ? 12 : first - 1
  return {
    start: clampedDate(startYear, startMonth, days.startDay),
    end: clampedDate(y, last, days.endDay),
  }
}
