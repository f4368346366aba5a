/** Column types from Excel number formats and cell values. */
import type { Column } from '../../../schemas/generated/index.js'
import type { Raw } from './read-sheet.js'

export interface TypeGuess {
  type: Column['type']
  decimals?: number
}

/** Decimals of a number format: zeros (or #) after the decimal point of its first section. */
export function formatDecimals(numFmt: string): number {
  const first = (numFmt.split(';')[0] ?? '').replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '')
  const m = /\.([0#]+)/.exec(first)
  return m === null ? 0 : (m[1] as string).replace(/#/g, '').length
}

export function isDateFormat(numFmt: string): boolean {
  const f = numFmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase()
  return /(^|[^a-z])(d{1,4}|m{1,4}|y{2,4})([^a-z]|$)/.test(f) && !/[0#]/.test(f)
}

/** The type of a column from its cells' formats and values. `undefined` when nothing tells. */
export function guessColumnType(
  cells: readonly { numFmt?: string; value: Raw }[],
): TypeGuess | undefined {
  const formats = cells
    .map((c) => c.numFmt)
    .filter((f): f is string => f !== undefined && f !== 'General')
  const values = cells
    .map((c) => c.value)
    .filter((v) => v !== null && !(typeof v === 'object' && !(v instanceof Date)))
  const counts = new Map<string, number>()
  for (const f of formats) counts.set(f, (counts.get(f) ?? 0) + 1)
  const fmt = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const strings = values.filter((v) => typeof v === 'string').length
  const numbers = values.filter((v) => typeof v === 'number').length
  if (fmt !== undefined) {
    if (fmt.includes('%')) {
      const d = formatDecimals(fmt)
      return { type: 'percent', ...(d > 0 ? { decimals: d } : {}) }
    }
    if (isDateFormat(fmt)) return { type: 'date' }
    if (fmt === '@') return { type: 'text' }
    if (/[0#]/.test(fmt)) {
      if (strings > numbers) return { type: 'text' }
      const d = formatDecimals(fmt)
      return d === 0 && !fmt.includes('.') ? { type: 'integer' } : { type: 'number', decimals: d }
    }
  }
  if (values.some((v) => v instanceof Date)) return { type: 'date' }
  if (strings > 0 && strings >= numbers) return { type: 'text' }
  if (numbers > 0) return { type: 'number' }
  return undefined
}
