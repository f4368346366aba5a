/**
 * The indicators hook of kstthc: the QĐ 766 indicators of a report of the figures template
 * (KSTT/SO-LIEU-766), computed by `computeIndicators`, for the runtime's dashboards.
 */
import type { CatalogDefinition, IndicatorValue, RuleContext } from '../../../core/index.js'
import boChiSo766 from '../catalogs/bo-chi-so-766.json' with { type: 'json' }
import {
  compileIndicatorCatalog,
  computeIndicators,
  figuresFromValues,
  type CompiledCatalog,
} from './compute.js'

/** The template whose reports carry the figures the QĐ 766 indicators are computed from. */
export const FIGURES_TEMPLATE = 'KSTT/SO-LIEU-766'

let compiled: CompiledCatalog | undefined

/**
 * @example
 * indicators({ template: engine.template('KSTT/SO-LIEU-766', '1.0')!, submission, period: '2025-Q3', unit: 'H01' })
 * // [{ catalog: 'bo-chi-so-766', code: '1.1', value: 0.9, score: 1, status: 'ok', ... }, ...]
 */
export function indicators(ctx: RuleContext): IndicatorValue[] {
  if (ctx.template.code !== FIGURES_TEMPLATE) return []
  compiled ??= compileIndicatorCatalog(boChiSo766 as CatalogDefinition)
  const results = computeIndicators(compiled, {
    unit: ctx.unit ?? ctx.submission.unit ?? '',
    period: ctx.period ?? ctx.submission.period ?? '',
    periodType: ctx.template.definition.periodType,
    figures: figuresFromValues(ctx.submission.values),
  })
  return results.map((r) => ({
    catalog: compiled!.catalog.id,
    code: r.code,
    name: r.name,
    value: r.value,
    status: r.status,
    score: r.score,
    ...(r.unit === undefined ? {} : { unit: r.unit }),
    ...(r.target === undefined ? {} : { target: r.target }),
    ...(r.maxScore === undefined ? {} : { maxScore: r.maxScore }),
  }))
}
