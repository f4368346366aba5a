import { formatCellValue, type ColumnType, type Value } from '../../../core/index.js'

/**
 * Formatting builds an Intl.NumberFormat per call, which dominates the grid's render time (every
 * visible cell is re-rendered on each edit); the same numbers recur, so results are cached.
 */
const cache = new Map<string, string>()
const CACHE_LIMIT = 20_000

/** How a cell value reads on screen (core's rounding rules, the locale's separators). */
export function formatValue(
  value: Value,
  type: ColumnType,
  decimals: number | undefined,
  tag: string,
): string {
  if (typeof value !== 'number') return formatCellValue(value, { type }, { locale: tag })
  const key = `${value}|${type}|${decimals ?? ''}|${tag}`
  let text = cache.get(key)
  if (text === undefined) {
    text = formatCellValue(value, decimals === undefined ? { type } : { type, decimals }, {
      locale: tag,
    })
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(key, text)
  }
  return text
}
