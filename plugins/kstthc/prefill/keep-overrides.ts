/**
 * A new fetch must not undo what a reporter changed and explained: in rows that already hold fetched
 * figures and an explanation, a figure the reporter changed (it differs from the stored original)
 * stays as the reporter wrote it. The originals, source and fetch time are refreshed; the
 * explanation is never part of a prefill, so it is kept.
 */
import type { SubmissionDocument } from '../../../core/index.js'
import { parseOriginal, SYSTEM_COLUMNS } from '../rules/provenance.js'

type Values = SubmissionDocument['values']

function filled(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== ''
}

/**
 * @example
 * keepExplainedOverrides(result.values, draft.values) // result values with the reporter's explained figures
 */
export function keepExplainedOverrides(fetched: Values, current: Values): Values {
  const out: Values = {}
  for (const [section, rows] of Object.entries(fetched)) {
    const kept: Values[string] = {}
    for (const [row, cells] of Object.entries(rows)) {
      const now = current[section]?.[row]
      const original = now?.[SYSTEM_COLUMNS.original]
      const figures = filled(original) ? parseOriginal(original) : undefined
      if (now === undefined || figures === undefined || !filled(now[SYSTEM_COLUMNS.explanation])) {
        kept[row] = cells
        continue
      }
      const merged = { ...cells }
      for (const [col, was] of Object.entries(figures)) {
        const reported = now[col] ?? null
        if (reported !== was && col in merged) merged[col] = reported
      }
      kept[row] = merged
    }
    out[section] = kept
  }
  return out
}
