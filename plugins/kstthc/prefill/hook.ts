/**
 * The prefill hook of kstthc: II.06a figures from a one-stop export the runtime's connector fetched.
 * Figures the reporter changed and explained are kept (see keep-overrides.ts).
 */
import { keepExplainedOverrides } from './keep-overrides.js'
import { parseOneStopExport } from './parse-export.js'
import { prefillII06a } from './prefill-ii06a.js'
import type { PrefillHook } from './types.js'

export const PREFILLED_TEMPLATE = 'II.06a/VPCP/KSTT'

/**
 * @example
 * prefill({ template: engine.template('II.06a/VPCP/KSTT', '1.1')!, unit: 'H01', period: '2025-Q3', source: { connector: 'one-stop', data } })
 */
export const prefill: PrefillHook = (ctx) => {
  if (ctx.template.code !== PREFILLED_TEMPLATE) return undefined
  const data = parseOneStopExport(ctx.source.data, `connector ${ctx.source.connector}`)
  if (data.unit !== ctx.unit || data.period !== ctx.period) {
    throw new Error(
      `connector ${ctx.source.connector}: export is for unit "${data.unit}", period "${data.period}"; ` +
        `the report is for unit "${ctx.unit}", period "${ctx.period}"`,
    )
  }
  const result = prefillII06a(ctx.template.definition, data, ctx.source.connector)
  if (ctx.current === undefined) return result
  return { ...result, values: keepExplainedOverrides(result.values, ctx.current) }
}
