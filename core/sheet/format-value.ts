import type { Column } from '../../schemas/generated/index.js'
import type { Value } from '../formula/types.js'

/**
 * Rounds half away from zero, as Excel's ROUND, on the 15-digit value (so 1.005 -> 1.01).
 *
 * @example
 * roundTo(1.005, 2) // 1.01
 * roundTo(-2.5, 0) // -3
 */
export function roundTo(n: number, decimals: number): number {
  const scale = 10 ** decimals
  const scaled = Number((Math.abs(n) * scale).toPrecision(15))
  const rounded = (Math.sign(n) * Math.round(scaled)) / scale
  return rounded === 0 ? 0 : Number(rounded.toPrecision(15))
}

/**
 * How `formatCellValue` writes numbers.
 *
 * @example
 * formatCellValue(1234.5, { type: 'number', decimals: 1 }, { locale: 'vi-VN' } satisfies FormatOptions)
 */
export interface FormatOptions {
  /** BCP 47 locale for separators (e.g. `vi-VN` gives `1.234,5`); default: plain `1234.5`. */
  locale?: string
}

function digits(n: number, decimals: number | undefined, locale: string | undefined): string {
  if (locale === undefined) return decimals === undefined ? String(n) : n.toFixed(decimals)
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 15,
  }).format(n)
}

/**
 * How a cell value is shown: numbers rounded to the column's `decimals` (stored values stay
 * unrounded), integers without decimals, percent columns (which hold fractions, 0.5 = 50%) as a
 * percentage with `decimals` digits (2 at most when unset), errors as their code.
 *
 * @example
 * formatCellValue(2 / 3, { type: 'number', decimals: 2 }) // '0.67'
 * formatCellValue(0.4567, { type: 'percent', decimals: 1 }) // '45.7%'
 * formatCellValue(1234.5, { type: 'number', decimals: 1 }, { locale: 'vi-VN' }) // '1.234,5'
 */
export function formatCellValue(
  value: Value,
  column: Pick<Column, 'type'> & { decimals?: number | undefined },
  opts: FormatOptions = {},
): string {
  if (value === null) return ''
  if (typeof value === 'object') return value.error
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'string') return value
  switch (column.type) {
    case 'percent': {
      const percent = Number((value * 100).toPrecision(15))
      if (column.decimals !== undefined) {
        return `${digits(roundTo(percent, column.decimals), column.decimals, opts.locale)}%`
      }
      return `${digits(roundTo(percent, 2), undefined, opts.locale)}%`
    }
    case 'integer':
      return digits(roundTo(value, 0), 0, opts.locale)
    default:
      if (column.decimals === undefined) return digits(value, undefined, opts.locale)
      return digits(roundTo(value, column.decimals), column.decimals, opts.locale)
  }
}
