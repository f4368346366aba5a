import { describe, expect, it } from 'vitest'
import { periodText } from './period-text.js'

describe('periodText', () => {
  it('reads a period id in the interface language', () => {
    expect(periodText('2026-Y', 'vi')).toBe('Năm 2026')
    expect(periodText('2025-Q3', 'vi')).toBe('Quý III năm 2025')
    expect(periodText('2025-Q3', 'en')).not.toBe('2025-Q3')
  })

  it('shows an id it cannot read as it came', () => {
    expect(periodText('2025-X9', 'vi')).toBe('2025-X9')
  })
})
