import { diagnosticKey } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'

/** What stands in the way of submitting: errors to fix and warnings without an explanation. */
export interface SubmitBlockers {
  errors: Diagnostic[]
  unexplained: Diagnostic[]
}

/**
 * The submit guard (DESIGN.md §2): errors block submission; each warning needs a non-blank
 * explanation keyed by its `diagnosticKey`; infos never block.
 *
 * @example
 * const w = { ruleId: 'template/ratio', severity: 'warning', message: 'Tỷ lệ thấp', place: { section: 'main', row: 'r1', col: 'c3' } } as const
 * submitBlockers([w], {}).unexplained.length // 1
 * submitBlockers([w], { [diagnosticKey(w)]: 'Số liệu đã được kiểm tra' }).unexplained.length // 0
 */
export function submitBlockers(
  diagnostics: readonly Diagnostic[],
  explanations: Readonly<Record<string, string>> = {},
): SubmitBlockers {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const unexplained = diagnostics.filter((d) => {
    if (d.severity !== 'warning') return false
    const text = Object.hasOwn(explanations, diagnosticKey(d))
      ? explanations[diagnosticKey(d)]
      : undefined
    return text === undefined || text.trim() === ''
  })
  return { errors, unexplained }
}
