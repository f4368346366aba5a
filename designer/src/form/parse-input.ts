import type { Scalar } from '../../../core/formula/types.js'
import type { ColumnType } from '../../../core/template/types.js'

/**
 * What a reporter typed, as the value the sheet stores. Numbers accept both `1.234,5` (vi) and
 * `1,234.5` (en): when both separators occur the last one is the decimal mark; a lone comma is
 * the Vietnamese decimal comma; several dots are thousands dots. Percent columns store the
 * fraction, as Excel does: `45` and `45%` are both 0.45. Unparseable text is kept as text so the
 * sheet reports a type error at the cell instead of silently dropping it.
 */
export function parseInput(raw: unknown, type: ColumnType): Scalar {
  if (raw === null || raw === undefined) return null
  if (typeof raw === 'number') return raw
  if (typeof raw === 'boolean') return raw
  const text = String(raw).trim()
  if (text === '') return null
  if (type === 'text' || type === 'choice' || type === 'date') return text
  const isPercent = text.endsWith('%')
  const n = parseNumber(isPercent ? text.slice(0, -1) : text)
  if (n === undefined) return text
  if (type === 'percent') return round15(n / 100)
  return n
}

export function parseNumber(text: string): number | undefined {
  let s = text.replace(/[\s\u00a0\u202f]/g, '')
  if (s === '' || !/^[+-]?[\d.,]+(e[+-]?\d+)?$/i.test(s)) return undefined
  const lastDot = s.lastIndexOf('.')
  const lastComma = s.lastIndexOf(',')
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ','
    const group = decimal === '.' ? ',' : '.'
    s = s.split(group).join('').replace(decimal, '.')
  } else if (lastComma >= 0) {
    const parts = s.split(',')
    s = parts.length === 2 ? parts.join('.') : parts.join('')
  } else if (lastDot >= 0 && s.split('.').length > 2) {
    s = s.split('.').join('')
  }
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

/** 15 significant digits, as the formula engine normalises (so 45% is 0.45, not 0.45000000000000001). */
function round15(n: number): number {
  return Number(n.toPrecision(15))
}
