import type { Deadline, IsoDate } from '../../schemas/generated/index.js'
import { addDays, clampedDate, dayNumber, dayOfWeek, formatIsoDate, fromDayNumber } from './date.js'
import type { DateInput } from './date.js'
import { monthSpan, parsePeriodId } from './period-id.js'
import { cutoffWindow } from './window.js'
import type { CutoffInput } from './window.js'

/**
 * Vietnam's offset from UTC (ICT, no daylight saving), in minutes: the zone deadlines are judged in.
 *
 * @example
 * isLate('2025-09-16', '2025-09-16T17:30:00Z', VIETNAM_UTC_OFFSET_MINUTES) // true (00:30 on the 17th)
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60

/** How `deadlineFor` reads the template. */
export interface DeadlineOptions {
  /** Cut-off of the template, for `workingDaysAfterCutoff`; default ND 09/2019. */
  cutoff?: CutoffInput
  /**
   * Move a `dayOfMonth` deadline that falls on a weekend or holiday to the next working day
   * (the Civil Code rule for time limits ending on a day off). Off by default: the regime's day is kept.
   */
  rollToWorkingDay?: boolean
}

function holidaySet(holidays: Iterable<DateInput>): Set<number> {
  return new Set(Array.from(holidays, (h) => dayNumber(h)))
}

function isWorking(day: number, holidays: ReadonlySet<number>): boolean {
  const weekday = dayOfWeek(fromDayNumber(day))
  return weekday !== 0 && weekday !== 6 && !holidays.has(day)
}

/**
 * True on Monday-Friday unless the date is in the holiday list.
 *
 * @example
 * isWorkingDay('2025-09-02', ['2025-09-01', '2025-09-02']) // false (Quốc khánh)
 */
export function isWorkingDay(date: DateInput, holidays: Iterable<DateInput> = []): boolean {
  return isWorking(dayNumber(date), holidaySet(holidays))
}

/**
 * The n-th working day after a date (the date itself not counted), skipping Saturdays, Sundays and holidays.
 *
 * @example
 * addWorkingDays('2025-09-12', 1) // '2025-09-15' (Friday -> Monday)
 */
export function addWorkingDays(
  date: DateInput,
  n: number,
  holidays: Iterable<DateInput> = [],
): IsoDate {
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`addWorkingDays: count ${n} must be an integer >= 0`)
  return fromDayNumber(stepWorkingDays(dayNumber(date), n, holidaySet(holidays)))
}

function stepWorkingDays(from: number, n: number, holidays: ReadonlySet<number>): number {
  let day = from
  for (let left = n; left > 0;) {
    day += 1
    if (isWorking(day, holidays)) left -= 1
  }
  return day
}

function nextWorkingDay(date: IsoDate, holidays: ReadonlySet<number>): IsoDate {
  let day = dayNumber(date)
  while (!isWorking(day, holidays)) day += 1
  return fromDayNumber(day)
}

/** The entry for a tier: the one naming it, else the one without a level (every tier). */
function pick(deadlines: readonly Deadline[], level: string | undefined): Deadline | undefined {
  return (
    (level === undefined ? undefined : deadlines.find((d) => d.level === level)) ??
    deadlines.find((d) => d.level === undefined)
  )
}

/**
 * The date by which a tier must send the report of a period (ND 09/2019 Điều 13; schema $defs/Deadline):
 * `dayOfMonth` is a day in the last month of the period (VPCP practice: xã 16, sở 18, huyện 19,
 * tỉnh -> VPCP 20-22; yearly meeting reports 17/12, 19/12, 22/12); `workingDaysAfterCutoff` counts
 * working days after the cut-off window ends. `undefined` when no entry covers the tier or the
 * period is ad-hoc (the requester then sets the date).
 *
 * @example
 * deadlineFor('2025-Q3', [{ level: 'xa', dayOfMonth: 16 }, { level: 'tinh', dayOfMonth: 20 }], 'xa') // '2025-09-16'
 * deadlineFor('2025-N9', [{ workingDaysAfterCutoff: 2 }], 'tinh') // '2025-09-16' (14/09 is a Sunday)
 */
export function deadlineFor(
  periodId: string,
  deadlines: readonly Deadline[] | undefined,
  level: string | undefined,
  holidays: Iterable<DateInput> = [],
  options: DeadlineOptions = {},
): IsoDate | undefined {
  const period = parsePeriodId(periodId)
  const entry = pick(deadlines ?? [], level)
  if (entry === undefined || period.type === 'none') return undefined
  const { dayOfMonth, workingDaysAfterCutoff } = entry
  const tier = entry.level === undefined ? 'every tier' : `level "${entry.level}"`
  if ((dayOfMonth === undefined) === (workingDaysAfterCutoff === undefined)) {
    throw new Error(
      `Deadline for ${tier} must set exactly one of dayOfMonth and workingDaysAfterCutoff (schemas/template.schema.json $defs/Deadline)`,
    )
  }
  const off = holidaySet(holidays)
  if (workingDaysAfterCutoff !== undefined) {
    const { end } = cutoffWindow(periodId, options.cutoff ?? 'nd09')
    return fromDayNumber(stepWorkingDays(dayNumber(end), workingDaysAfterCutoff, off))
  }
  const due = clampedDate(period.year, monthSpan(period).last, dayOfMonth ?? 1)
  return options.rollToWorkingDay === true ? nextWorkingDay(due, off) : due
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i

/**
 * The calendar day of a submission time in the reporting zone. A date stays as it is; a date-time
 * with `Z` or an offset (or a `Date`) is an instant, seen at `utcOffsetMinutes`; a date-time without
 * a zone is taken as already local.
 *
 * @example
 * submissionDay('2025-09-15T20:00:00Z') // '2025-09-16' (03:00 in Vietnam)
 */
export function submissionDay(
  submittedAt: DateInput | Date,
  utcOffsetMinutes: number = VIETNAM_UTC_OFFSET_MINUTES,
): IsoDate {
  if (submittedAt instanceof Date) {
    const ms = submittedAt.getTime()
    if (Number.isNaN(ms)) throw new Error('submittedAt is an invalid Date')
    return fromDayNumber(Math.floor((ms + utcOffsetMinutes * 60_000) / 86_400_000))
  }
  if (typeof submittedAt !== 'string' || submittedAt.length === 10)
    return formatIsoDate(submittedAt)
  const match = DATE_TIME.exec(submittedAt)
  if (match === null) {
    throw new Error(
      `Invalid submittedAt "${submittedAt}": expected YYYY-MM-DD or an ISO 8601 date-time`,
    )
  }
  const [, date = '', hh, mm, ss, zone] = match
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) {
    throw new Error(`Invalid submittedAt "${submittedAt}": time out of range`)
  }
  if (zone === undefined) return formatIsoDate(date)
  const zoneMinutes =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)))
  const minutes = Number(hh) * 60 + Number(mm) - zoneMinutes + utcOffsetMinutes
  return addDays(date, Math.floor(minutes / 1440))
}

/**
 * True when a report sent at `submittedAt` missed the deadline (sending on the deadline day is on time).
 *
 * @example
 * isLate('2025-09-16', '2025-09-16T16:59:00Z') // false (23:59 in Vietnam)
 * isLate('2025-09-16', '2025-09-17') // true
 */
export function isLate(
  deadline: DateInput,
  submittedAt: DateInput | Date,
  utcOffsetMinutes: number = VIETNAM_UTC_OFFSET_MINUTES,
): boolean {
  return dayNumber(submissionDay(submittedAt, utcOffsetMinutes)) > dayNumber(deadline)
}
