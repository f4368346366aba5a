/**
 * A small message catalogue: Vietnamese by default, English by a switch. No library: the
 * catalogues are plain objects, `t()` fills `{name}` placeholders, and components re-render on
 * the `rb-locale-changed` window event (see locale-controller.ts).
 */
import { en } from './messages-en.js'
import { vi, type MessageId } from './messages-vi.js'

export type Locale = 'vi' | 'en'
export type { MessageId }

const catalogues: Record<Locale, Record<MessageId, string>> = { vi, en }
const STORAGE_KEY = 'rb-locale'
export const LOCALE_EVENT = 'rb-locale-changed'

let current: Locale = readStoredLocale()

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
    return stored === 'en' ? 'en' : 'vi'
  } catch {
    return 'vi'
  }
}

export function getLocale(): Locale {
  return current
}

/** BCP 47 tag for Intl formatting of the current locale. */
export function localeTag(locale: Locale = current): string {
  return locale === 'vi' ? 'vi-VN' : 'en-US'
}

export function setLocale(locale: Locale): void {
  if (locale === current) return
  current = locale
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    // Storage may be unavailable (private mode); the switch still applies to this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  globalThis.dispatchEvent?.(new CustomEvent(LOCALE_EVENT, { detail: locale }))
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function format(text: string, params?: Readonly<Record<string, string | number>>): string {
  if (params === undefined) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name]
    return v === undefined ? whole : String(v)
  })
}

export function t(
  id: MessageId,
  params?: Readonly<Record<string, string | number>>,
  locale: Locale = current,
): string {
  // An id outside the catalogue (e.g. a workflow action added on the server) shows as itself.
  return format(catalogues[locale][id] ?? id, params)
}
