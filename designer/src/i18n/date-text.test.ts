import { describe, expect, it } from 'vitest'
import { dateTimeText, timeText } from './date-text.js'

const HCM = 'Asia/Ho_Chi_Minh'

describe('dateTimeText', () => {
  it('reads dd/mm/yyyy HH:mm in Vietnamese, on a 24-hour clock', () => {
    expect(dateTimeText('2026-12-03T09:57:57Z', { locale: 'vi', timeZone: HCM })).toBe(
      '03/12/2026 16:57',
    )
    expect(dateTimeText('2026-03-12T17:05:00Z', { locale: 'vi', timeZone: HCM })).toBe(
      '13/03/2026 00:05',
    )
  })

  it('spells the month in English so day and month cannot be swapped', () => {
    expect(dateTimeText('2026-12-03T09:57:57Z', { locale: 'en', timeZone: HCM })).toBe(
      '3 Dec 2026, 16:57',
    )
  })

  it('shows text that is not a time as it came', () => {
    expect(dateTimeText('soon', { locale: 'vi' })).toBe('soon')
  })
})

describe('timeText', () => {
  it('gives the time of day on a 24-hour clock', () => {
    expect(timeText(new Date('2026-12-03T09:54:26Z'), { timeZone: HCM })).toBe('16:54')
    expect(timeText('2026-12-03T17:00:00Z', { timeZone: HCM })).toBe('00:00')
  })
})
