/**
 * Checks that what a connector returned is a one-stop export, naming the first bad field.
 */
import type { OneStopExport } from './types.js'

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`)
}

function object(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, 'must be an object')
  return v as Record<string, unknown>
}

function text(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key]
  if (typeof v !== 'string' || v.trim() === '')
    fail(`${where}.${key}`, 'must be a non-empty string')
  return v
}

function counts<K extends string>(
  o: Record<string, unknown>,
  key: string,
  names: readonly K[],
  where: string,
): Record<K, number> {
  const group = object(o[key], `${where}.${key}`)
  const out = {} as Record<K, number>
  for (const name of names) {
    const v = group[name]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      fail(`${where}.${key}.${name}`, `must be a non-negative integer (got ${JSON.stringify(v)})`)
    }
    out[name] = v
  }
  return out
}

/**
 * @example
 * parseOneStopExport(JSON.parse(text), 'exports/H01/2025-Q3.json').records.length
 */
export function parseOneStopExport(data: unknown, where = 'export'): OneStopExport {
  const o = object(data, where)
  const records = o['records']
  if (!Array.isArray(records)) fail(`${where}.records`, 'must be an array')
  return {
    system: text(o, 'system', where),
    unit: text(o, 'unit', where),
    period: text(o, 'period', where),
    generatedAt: text(o, 'generatedAt', where),
    records: records.map((r: unknown, i) => {
      const at = `${where}.records[${i}]`
      const rec = object(r, at)
      return {
        tier: text(rec, 'tier', at),
        field: text(rec, 'field', at),
        received: counts(rec, 'received', ['online', 'direct', 'carriedOver'], at),
        resolved: counts(rec, 'resolved', ['early', 'onTime', 'late'], at),
        pending: counts(rec, 'pending', ['onTime', 'late'], at),
      }
    }),
  }
}
