import { periodLabel } from '../../../core/index.js'
import { getLocale, type Locale } from './i18n.js'

/**
 * A period id as users read it (`2026-Y` -> `Năm 2026`), in the interface language. An id the
 * engine does not know is shown as it came, so a list never breaks over one odd row.
 *
 * @example
 * periodText('2025-Q3', 'vi') // 'Quý III năm 2025'
 */
export function periodText(id: string, locale: Locale = getLocale()): string {
  try {
    return periodLabel(id, locale)
  } catch {
    return id
  }
}
