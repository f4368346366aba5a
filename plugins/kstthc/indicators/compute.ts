/**
 * Indicator values and scores of a catalogue (e.g. Bộ chỉ số 766) from the figures one unit reported
 * for one period. Pure: the catalogue's formulas are compiled once with core's formula engine and
 * evaluated per unit and period.
 */
import {
  collectRefs,
  compileFormula,
  createFunctionRegistry,
  isFormulaError,
  parseFormula,
  type CatalogDefinition,
  type FormulaError,
  type Indicator,
  type PeriodType,
  type Value,
} from '../../../core/index.js'

/** Column that holds a figure's value: formulas read a figure as `<figure>.gia_tri`. */
export const FIGURE_COLUMN = 'gia_tri'
/** Figure the evaluator supplies: number of periods of the reported period type in one year. */
export const PERIODS_PER_YEAR_FIGURE = 'ky_trong_nam'

const PERIODS_PER_YEAR: Record<PeriodType, number | null> = {
  month: 12,
  quarter: 4,
  'half-year': 2,
  'nine-months': 4 / 3,
  year: 1,
  none: null,
}

/** Figure under which an already computed indicator is visible to later ones: `1.4` -> `cs_1_4`. */
export function indicatorFigure(code: string): string {
  return `cs_${code.replace(/[^A-Za-z0-9]/g, '_')}`
}

export interface IndicatorInput {
  unit: string
  period: string
  periodType: PeriodType
  /** Reported figures by figure id (the row ids of the figures template). */
  figures: Readonly<Record<string, number | null | undefined>>
}

export type IndicatorStatus = 'ok' | 'fallback' | 'no-denominator' | 'missing' | 'error'

export interface IndicatorResult {
  code: string
  name: string
  unit?: string
  numerator: number | null
  denominator: number | null
  /** Ratio (0.85 = 85%) or, for indicators without a denominator, the numerator's value. Null = N/A. */
  value: number | null
  status: IndicatorStatus
  target?: number
  maxScore?: number
  /** Points earned: maxScore at or above target, value × maxScore / target below it. */
  score: number | null
  reachedTarget?: boolean
}

interface CompiledIndicator {
  indicator: Indicator
  numerator: (values: ArrayLike<Value>) => Value
  denominator?: (values: ArrayLike<Value>) => Value
  fallback?: (values: ArrayLike<Value>) => Value
  slot: number
}

export interface CompiledCatalog {
  catalog: CatalogDefinition
  /** Every figure id the formulas read, in slot order. */
  figures: readonly string[]
  indicators: readonly CompiledIndicator[]
}

/**
 * Compiles the numerator, denominator and fallback formulas of every indicator that has a numerator.
 * Throws on a formula that does not parse or reads anything but `<figure>.gia_tri`, naming the
 * indicator's JSON pointer and the token.
 */
export function compileIndicatorCatalog(catalog: CatalogDefinition): CompiledCatalog {
  const functions = createFunctionRegistry()
  const slots = new Map<string, number>()
  const slotFor = (figure: string): number => {
    let slot = slots.get(figure)
    if (slot === undefined) {
      slot = slots.size
      slots.set(figure, slot)
    }
    return slot
  }
  // Slot 0: supplied by computeIndicators from the period type.
  slotFor(PERIODS_PER_YEAR_FIGURE)
  const compile = (src: string, pointer: string): ((values: ArrayLike<Value>) => Value) => {
    const parsed = parseFormula(src)
    if (!parsed.ok) {
      throw new Error(
        `${catalog.id} ${pointer}: ${parsed.error.message} (token "${parsed.error.token}")`,
      )
    }
    const found = collectRefs(parsed.ast)
    const refs = [...found.cells, ...found.ranges.flatMap((r) => [r.from, r.to]), ...found.external]
    for (const ref of refs) {
      if (ref.col !== FIGURE_COLUMN || ref.template !== undefined || ref.section !== undefined) {
        throw new Error(
          `${catalog.id} ${pointer}: reference "${ref.row}.${ref.col}" must read a figure as <figure>.${FIGURE_COLUMN}`,
        )
      }
      slotFor(ref.row)
    }
    const notFound: FormulaError = { error: '#REF!', detail: 'not a figure' }
    return compileFormula(parsed.ast, {
      section: 'so_lieu',
      functions,
      slotOf: (ref) => slots.get(ref.row) ?? notFound,
      slotsOf: (range) => {
        const from = slots.get(range.from.row)
        const to = slots.get(range.to.row)
        return from === undefined || to === undefined ? notFound : [[from], [to]]
      },
    })
  }
  const indicators: CompiledIndicator[] = []
  catalog.indicators.forEach((indicator, i) => {
    if (indicator.numerator === undefined) return
    const at = `/indicators/${i}`
    const compiled: CompiledIndicator = {
      indicator,
      numerator: compile(indicator.numerator, `${at}/numerator`),
      slot: slotFor(indicatorFigure(indicator.code)),
    }
    if (indicator.denominator !== undefined) {
      compiled.denominator = compile(indicator.denominator, `${at}/denominator`)
    }
    if (indicator.fallbackDenominator !== undefined) {
      compiled.fallback = compile(indicator.fallbackDenominator, `${at}/fallbackDenominator`)
    }
    indicators.push(compiled)
  })
  return { catalog, figures: [...slots.keys()], indicators }
}

function asNumber(v: Value): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  return null
}

function round(n: number, decimals: number): number {
  const f = 10 ** decimals
  return Math.round((n + Number.EPSILON) * f) / f
}

function scoreOf(
  value: number | null,
  indicator: Indicator,
): Pick<IndicatorResult, 'score' | 'reachedTarget'> {
  if (indicator.maxScore === undefined || value === null) return { score: null }
  const target = indicator.target ?? 1
  const reachedTarget = value >= target
  const score = reachedTarget ? indicator.maxScore : (value * indicator.maxScore) / target
  return { score: round(score, 2), reachedTarget }
}

/**
 * Values and scores of every indicator with a numerator, for one unit and period. Ratios are rounded
 * to 4 decimals (2 decimals as a percentage). A zero or missing denominator uses the fallback
 * denominator when the indicator has one (and gives 0 when that is missing too, as for indicator 1.4);
 * otherwise the value is N/A (null).
 *
 * @example
 * const compiled = compileIndicatorCatalog(boChiSo766)
 * computeIndicators(compiled, { unit: 'H01', period: '2025-Q3', periodType: 'quarter', figures: { hs_dung_han: 90, hs_tn_xl: 100 } })
 */
export function computeIndicators(
  compiled: CompiledCatalog,
  input: IndicatorInput,
): IndicatorResult[] {
  const values: Value[] = compiled.figures.map((f) => input.figures[f] ?? null)
  values[0] = PERIODS_PER_YEAR[input.periodType]
  return compiled.indicators.map((c) => {
    const result = evaluate(c, values)
    values[c.slot] = result.value
    return result
  })
}

function evaluate(c: CompiledIndicator, values: Value[]): IndicatorResult {
  const { indicator } = c
  const base = {
    code: indicator.code,
    name: indicator.name,
    ...(indicator.unit !== undefined ? { unit: indicator.unit } : {}),
    ...(indicator.target !== undefined ? { target: indicator.target } : {}),
    ...(indicator.maxScore !== undefined ? { maxScore: indicator.maxScore } : {}),
  }
  const decimals = indicator.unit === '%' ? 4 : 2
  const rawNumerator = c.numerator(values)
  const numerator = asNumber(rawNumerator)
  if (numerator === null) {
    const status = isFormulaError(rawNumerator) ? 'error' : 'missing'
    return { ...base, numerator, denominator: null, value: null, status, score: null }
  }
  if (c.denominator === undefined) {
    const value = round(numerator, decimals)
    return {
      ...base,
      numerator,
      denominator: null,
      value,
      status: 'ok',
      ...scoreOf(value, indicator),
    }
  }
  let denominator = asNumber(c.denominator(values))
  let status: IndicatorStatus = 'ok'
  if ((denominator === null || denominator === 0) && c.fallback !== undefined) {
    denominator = asNumber(c.fallback(values))
    status = 'fallback'
    if (denominator === null || denominator === 0) {
      return { ...base, numerator, denominator, value: 0, status, ...scoreOf(0, indicator) }
    }
  }
  if (denominator === null || denominator === 0) {
    return { ...base, numerator, denominator, value: null, status: 'no-denominator', score: null }
  }
  const value = round(numerator / denominator, decimals)
  return { ...base, numerator, denominator, value, status, ...scoreOf(value, indicator) }
}

/** The same computation for many units and periods (e.g. a dashboard table). */
export function computeIndicatorTable(
  compiled: CompiledCatalog,
  inputs: readonly IndicatorInput[],
): { unit: string; period: string; results: IndicatorResult[] }[] {
  return inputs.map((input) => ({
    unit: input.unit,
    period: input.period,
    results: computeIndicators(compiled, input),
  }))
}

/** Figures of a submission of the figures template: `values[section][figure][gia_tri]`. */
export function figuresFromValues(
  values: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>,
  section = 'so_lieu',
): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [figure, cells] of Object.entries(values[section] ?? {})) {
    const v = cells[FIGURE_COLUMN]
    out[figure] = typeof v === 'number' ? v : null
  }
  return out
}
