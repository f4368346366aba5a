import { describe, expect, it } from 'vitest'
import { formatValue } from './format.js'

describe('formatValue', () => {
  it('formats per column type and locale, the same with and without the cache', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatValue(1234.5, 'number', 1, 'vi-VN')).toBe('1.234,5')
      expect(formatValue(0.4, 'percent', 2, 'vi-VN')).toBe('40,00%')
      expect(formatValue(0.4, 'percent', 2, 'en-US')).toBe('40.00%')
    }
    expect(formatValue({ error: '#DIV/0!' }, 'number', 2, 'vi-VN')).toBe('#DIV/0!')
    expect(formatValue(null, 'integer', undefined, 'vi-VN')).toBe('')
  })
})
