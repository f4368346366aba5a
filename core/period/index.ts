/**
 * Reporting periods: ids (`2025-M07`, `2025-Q3`, `2025-H1`, `2025-N9`, `2025-Y`, `none`), labels,
 * nominal dates, ND 09/2019 cut-off windows and deadlines. Pure: no clock, no local time zone;
 * "today" is always passed in.
 */
export type { DateInput, Ymd } from './date.js'
export {
  addDays,
  compareDates,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  isLeapYear,
  toYmd,
} from './date.js'
export type { Period, PeriodicType } from './period-id.js'
export {
  AD_HOC_PERIOD,
  PERIODS_PER_YEAR,
  formatPeriodId,
  isPeriodId,
  parsePeriodId,
  periodType,
} from './period-id.js'
export type { LabelLanguage } from './labels.js'
export { periodLabel } from './labels.js'
export type { CutoffInput, DateWindow } from './window.js'
export { cutoffWindow, nominalDates } from './window.js'
export type { DeadlineOptions } from './deadline.js'
export {
  VIETNAM_UTC_OFFSET_MINUTES,
  addWorkingDays,
  deadlineFor,
  isLate,
  isWorkingDay,
  submissionDay,
} from './deadline.js'
export {
  comparePeriods,
  listPeriods,
  nextPeriod,
  periodContaining,
  previousPeriod,
  samePeriodLastYear,
  yearToDatePeriods,
} from './navigation.js'
