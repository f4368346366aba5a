/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers as JavaScript prints them
 * (RFC 8785 style). Signatures are made over these bytes, so a receiver that re-serialises the same data gets
 * the same bytes whatever key order its JSON library produced.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${String(value)} has no JSON form`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value))
    return `[${value.map((v: unknown) => canonicalJson(v ?? null)).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  throw new Error(`canonicalJson: a ${typeof value} has no JSON form`)
}
