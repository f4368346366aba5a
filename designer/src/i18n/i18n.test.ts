import { describe, expect, it } from 'vitest'
import { format, getLocale, t } from './i18n.js'
import { en } from './messages-en.js'
import { vi } from './messages-vi.js'

describe('i18n', () => {
  it('defaults to Vietnamese and fills placeholders', () => {
    expect(getLocale()).toBe('vi')
    expect(t('sheet.summary', { errors: 2, warnings: 1, infos: 0 })).toBe(
      '2 lỗi, 1 cảnh báo, 0 lưu ý',
    )
    expect(t('sheet.summary', { errors: 2, warnings: 1, infos: 0 }, 'en')).toBe(
      '2 errors, 1 warnings, 0 notes',
    )
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}')
  })

  it('has the same placeholders in both catalogues', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const id of Object.keys(vi) as Array<keyof typeof vi>)
      expect(names(en[id]), id).toEqual(names(vi[id]))
  })
})
