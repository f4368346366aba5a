import type { AggregateRule, Column, SubmissionDocument } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { normalizeNumber } from '../formula/index.js'
import type { ExternalValues, FunctionRegistry, Value } from '../formula/types.js'
import { createWorkbookFromInputs, type Workbook } from '../sheet/workbook.js'
import { SlotKind, type Plan } from '../sheet/plan.js'
import { roundTo } from '../sheet/format-value.js'
import type { ResolvedTemplate } from '../template/types.js'

/**
 * Functions and external values for the consolidated workbook, as for `createWorkbook`.
 *
 * @example
 * aggregateSubmissions(template, accepted, { functions: engine.functions } satisfies AggregateOptions)
 */
export interface AggregateOptions {
  functions?: FunctionRegistry
  external?: ExternalValues
}

/**
 * The consolidated report and what went into it.
 *
 * @example
 * const { workbook, count, diagnostics }: AggregateResult = aggregateSubmissions(template, accepted)
 */
export interface AggregateResult {
  /** The consolidated report: combined inputs, formulas recomputed from them. */
  workbook: Workbook
  /** Number of submissions combined. */
  count: number
  /** Values that were left out: cells the template does not have, or that are not inputs. */
  diagnostics: Diagnostic[]
}

const RULE_CODE: Readonly<Record<AggregateRule, number>> = {
  sum: 0,
  avg: 1,
  min: 2,
  max: 3,
  count: 4,
  none: 5,
}

/**
 * The consolidation rule of a column; sum unless the column says otherwise.
 *
 * @example
 * aggregateRule({ id: 'ty_le', header: ['Tỷ lệ'], type: 'percent', aggregate: 'avg' }) // 'avg'
 * aggregateRule({ id: 'c1', header: ['Số lượng'], type: 'integer' }) // 'sum'
 */
export function aggregateRule(column: Column): AggregateRule {
  return column.aggregate ?? 'sum'
}

/**
 * Consolidates many submissions of one template: each input cell is combined over the submissions
 * by its column's `aggregate` rule (sum by default; avg, min, max, count, none), ignoring empty
 * values, and non-numbers except for count; then the workbook recomputes every formula from the
 * combined inputs, so a ratio comes from summed numerator and denominator, never from summed
 * ratios. A cell that no submission fills stays empty (count gives 0). Averages are rounded to
 * the column's decimals (integers for integer columns), as the consolidated form prints them.
 *
 * @example
 * const { workbook, count } = aggregateSubmissions(template, [unitA, unitB])
 * workbook.get('main!tong.ty_le') // xong / nhan of the summed figures
 */
export function aggregateSubmissions(
  template: ResolvedTemplate,
  submissions: readonly SubmissionDocument[],
  opts: AggregateOptions = {},
): AggregateResult {
  submissions.forEach((s, i) => {
    if (s.template.code !== template.code) {
      throw new Error(`submissions[${i}] is for template ${s.template.code}, not ${template.code}`)
    }
  })
  const diagnostics: Diagnostic[] = []
  const workbook = createWorkbookFromInputs(
    template,
    (values, plan) => combine(plan, submissions, values, diagnostics),
    opts,
  )
  return { workbook, count: submissions.length, diagnostics }
}

function combine(
  plan: Plan,
  submissions: readonly SubmissionDocument[],
  values: Value[],
  diagnostics: Diagnostic[],
): void {
  const n = plan.layout.cellCount
  // Neumaier-compensated sums: 2,000 units of 0.1 must still normalise to exactly 200.
  const sum = new Float64Array(n)
  const carry = new Float64Array(n)
  const numbers = new Int32Array(n)
  const filled = new Int32Array(n)
  const min = new Float64Array(n).fill(Infinity)
  const max = new Float64Array(n).fill(-Infinity)
  const ignored = new Map<string, { place: Diagnostic['place']; why: string; units: number }>()
  const { sections } = plan.layout
  const kind = plan.kind

  for (const submission of submissions) {
    const doc = submission.values
    for (const sectionId in doc) {
      const rows = doc[sectionId]!
      const entry = sections.get(sectionId)
      for (const rowId in rows) {
        const cols = rows[rowId]!
        const r = entry?.section.rowIndex.get(rowId)
        for (const colId in cols) {
          const value = cols[colId]!
          if (value === null || value === '') continue
          const c = entry?.section.colIndex.get(colId)
          const slot =
            entry === undefined || r === undefined || c === undefined
              ? -1
              : entry.base + r * entry.section.columns.length + c
          if (slot < 0 || kind[slot] !== SlotKind.Input) {
            const key = `${sectionId}!${rowId}.${colId}`
            const seen = ignored.get(key)
            if (seen !== undefined) seen.units++
            else {
              const why =
                slot < 0
                  ? 'is not a cell of this template'
                  : `is a ${plan.layout.cells[slot]!.kind} cell, not an input`
              ignored.set(key, {
                place: { section: sectionId, row: rowId, col: colId },
                why,
                units: 1,
              })
            }
            continue
          }
          filled[slot]!++
          if (typeof value !== 'number') continue
          numbers[slot]!++
          const s = sum[slot]!
          const t = s + value
          carry[slot]! += Math.abs(s) >= Math.abs(value) ? s - t + value : value - t + s
          sum[slot] = t
          if (value < min[slot]!) min[slot] = value
          if (value > max[slot]!) max[slot] = value
        }
      }
    }
  }

  const { inputSlots, layout } = plan
  for (let i = 0; i < inputSlots.length; i++) {
    const slot = inputSlots[i]!
    const column = layout.columns[slot]!
    const rule = RULE_CODE[aggregateRule(column)]
    const count = numbers[slot]!
    let result: Value = null
    if (rule === RULE_CODE.count) result = filled[slot]!
    else if (rule !== RULE_CODE.none && count > 0) {
      const total = sum[slot]! + carry[slot]!
      if (rule === RULE_CODE.sum) result = normalizeNumber(total)
      else if (rule === RULE_CODE.min) result = min[slot]!
      else if (rule === RULE_CODE.max) result = max[slot]!
      else {
        const avg = normalizeNumber(total / count)
        const decimals = column.type === 'integer' ? 0 : column.decimals
        result = typeof avg === 'number' && decimals !== undefined ? roundTo(avg, decimals) : avg
      }
    }
    values[slot] = result
  }

  for (const [key, { place, why, units }] of ignored) {
    diagnostics.push({
      ruleId: 'core/unknown-cell',
      severity: 'warning',
      message: `${key} ${why}; its value in ${units} submission${units === 1 ? '' : 's'} is left out`,
      place,
      values: { submissions: units },
    })
  }
}
