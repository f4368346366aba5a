import { getLocale, type Locale } from './i18n.js'

export interface DateTextOptions {
  locale?: Locale
  /** IANA zone; the browser's own by default (tests pin one). */
  timeZone?: string
}

/** Numeric parts of an instant in a zone, so the layout is ours and not the browser's default. */
function parts(at: Date, timeZone: string | undefined): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  })
  return Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]))
}

function toDate(at: Date | string): Date | undefined {
  const d = typeof at === 'string' ? new Date(at) : at
  return Number.isNaN(d.getTime()) ? undefined : d
}

/**
 * A moment as users of the interface language read it, on a 24-hour clock: `03/12/2026 16:57` in
 * Vietnamese, `3 Dec 2026, 16:57` in English. Text that is not a time is shown as it came.
 *
 * @example
 * dateTimeText('2026-12-03T09:57:00Z', { locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh' }) // '03/12/2026 16:57'
 */
export function dateTimeText(at: Date | string, opts: DateTextOptions = {}): string {
  const d = toDate(at)
  if (d === undefined) return String(at)
  const locale = opts.locale ?? getLocale()
  if (locale === 'vi') {
    const p = parts(d, opts.timeZone)
    return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`
  }
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(opts.timeZone === undefined ? {} : { timeZone: opts.timeZone }),
  }).format(d)
}

/**
 * The time of day alone (`16:54`), on a 24-hour clock in both languages.
 *
 * @example
 * timeText(new Date('2026-12-03T09:54:26Z'), { timeZone: 'Asia/Ho_Chi_Minh' }) // '16:54'
 */
export function timeText(at: Date | string, opts: DateTextOptions = {}): string {
  const d = toDate(at)
  if (d === undefined) return String(at)
  const p = parts(d, opts.timeZone)
  return `${p.hour}:${p.minute}`
}
