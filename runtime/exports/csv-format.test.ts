import { describe, expect, it } from 'vitest'
import { CsvSyntaxError, formatCsv, parseCsv } from './csv-format.js'

describe('CSV format', () => {
  it('round-trips fields with commas, quotes, line breaks and Vietnamese text', () => {
    const rows = [
      ['a', 'Số hồ sơ, "trực tuyến"', 'dòng 1\ndòng 2', ' lề ', ''],
      ['1.5', '', 'x', 'y', 'z'],
    ]
    const text = formatCsv(rows)
    expect(text.startsWith('\uFEFF')).toBe(true)
    const parsed = parseCsv(text)
    expect(parsed.map((r) => r.fields)).toEqual(rows)
    expect(parsed.map((r) => r.line)).toEqual([1, 3])
  })

  it('accepts LF line ends and skips blank lines', () => {
    expect(parseCsv('a,b\n\nc,d').map((r) => [r.line, ...r.fields])).toEqual([
      [1, 'a', 'b'],
      [3, 'c', 'd'],
    ])
  })

  it('names the line and column of a malformed field', () => {
    const err = (() => {
      try {
        parseCsv('a,b\nc,d"e\n')
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(err).toBeInstanceOf(CsvSyntaxError)
    expect((err as CsvSyntaxError).line).toBe(2)
    expect((err as CsvSyntaxError).column).toBe(4)
    expect(() => parseCsv('a,"b\nc')).toThrow(/line 1.*not closed/)
    expect(() => parseCsv('"a"x,b')).toThrow(/line 1, column 4/)
  })
})
