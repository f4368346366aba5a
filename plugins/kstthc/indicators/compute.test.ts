import { describe, expect, it } from 'vitest'
import type { CatalogDefinition } from '../../../core/index.js'
import catalogJson from '../catalogs/bo-chi-so-766.json' with { type: 'json' }
import figuresTemplate from '../templates/so-lieu-766-v1.0.json' with { type: 'json' }
import fixture from '../fixtures/valid/so-lieu-766-quy-3.json' with { type: 'json' }
import {
  compileIndicatorCatalog,
  computeIndicators,
  computeIndicatorTable,
  figuresFromValues,
  indicatorFigure,
  PERIODS_PER_YEAR_FIGURE,
  type IndicatorResult,
} from './compute.js'

const catalog = catalogJson as CatalogDefinition
const compiled = compileIndicatorCatalog(catalog)
const figures = figuresFromValues(fixture.values)
const byCode = (results: IndicatorResult[]): Map<string, IndicatorResult> =>
  new Map(results.map((r) => [r.code, r]))
const quarter = (f: Record<string, number | null>) =>
  byCode(
    computeIndicators(compiled, {
      unit: 'U',
      period: '2025-Q3',
      periodType: 'quarter',
      figures: f,
    }),
  )

describe('the QĐ 766 catalogue', () => {
  it('reads only figures of the figures template, plus the two the evaluator supplies', () => {
    const rows = new Set(figuresTemplate.sections[0]?.rows.map((r) => r.id))
    const supplied = new Set([
      PERIODS_PER_YEAR_FIGURE,
      ...catalog.indicators.map((i) => indicatorFigure(i.code)),
    ])
    const unknown = compiled.figures.filter((f) => !rows.has(f) && !supplied.has(f))
    expect(unknown).toEqual([])
  })

  it('marks every entry unverified and scores only indicators with a target', () => {
    expect(catalog.indicators.every((i) => i.verified === false)).toBe(true)
    const scored = catalog.indicators
      .filter((i) => i.maxScore !== undefined)
      .map((i) => [i.code, i.target])
    expect(scored).toEqual([
      ['3.1', 0.8],
      ['3.3', 0.5],
      ['3.5', 0.8],
      ['4.2', 0.8],
      ['4.3', 0.8],
      ['5.4', 0.9],
    ])
  })
})

describe('computeIndicators', () => {
  const r = quarter(figures)

  it('computes ratios from numerator and denominator, rounded to 2 decimals of a percent', () => {
    expect(r.get('1.1')).toMatchObject({ numerator: 45, denominator: 50, value: 0.9, status: 'ok' })
    expect(r.get('1.3')?.value).toBe(0.9375)
    expect(r.get('3.6')).toMatchObject({ numerator: 2000, denominator: 5000, value: 0.4 })
    expect(r.get('5.3')).toMatchObject({ numerator: 85, denominator: 100, value: 0.85 })
  })

  it('keeps non-percent indicators in their unit', () => {
    expect(r.get('2.2')).toMatchObject({ unit: 'Ngày', value: 5.78 })
  })

  it('scores full points at or above the target and proportionally below it', () => {
    expect(r.get('3.1')).toMatchObject({ value: 0.75, score: 0.94, reachedTarget: false })
    expect(r.get('4.3')).toMatchObject({ value: 0.25, score: 0.31, reachedTarget: false })
    expect(r.get('3.5')).toMatchObject({ value: 0.875, score: 1, reachedTarget: true })
    expect(r.get('1.1')?.score).toBeNull()
  })

  it('uses last year per period as the 1.4 denominator when both systems report none', () => {
    expect(r.get('1.4')).toMatchObject({ denominator: 12000, value: 0, status: 'fallback' })
    const synced = quarter({ ...figures, hs_dong_bo: 6000 })
    expect(synced.get('1.4')).toMatchObject({ denominator: 12000, value: 0.5, status: 'fallback' })
    const monthly = byCode(
      computeIndicators(compiled, {
        unit: 'U',
        period: '2025-M07',
        periodType: 'month',
        figures: { ...figures, hs_dong_bo: 3000 },
      }),
    )
    expect(monthly.get('1.4')).toMatchObject({ denominator: 4000, value: 0.75 })
    const current = quarter({ ...figures, hs_dong_bo: 900, hs_tn_bcqg: 1000, hs_tn_dvcqg: 1200 })
    expect(current.get('1.4')).toMatchObject({ denominator: 1200, value: 0.75, status: 'ok' })
  })

  it('gives 0 for 1.4 when last year has no figures either', () => {
    expect(quarter({ ...figures, hs_nam_truoc: null }).get('1.4')).toMatchObject({
      value: 0,
      status: 'fallback',
    })
  })

  it('feeds an indicator computed earlier into a later one (3.3 uses the 1.4 sync rate)', () => {
    const r2 = quarter({ ...figures, hs_dong_bo: 900, hs_tn_bcqg: 1000, hs_tn_dvcqg: 1000 })
    // 5000 / (12000 × 0.9)
    expect(r2.get('3.3')).toMatchObject({ denominator: 10800, value: 0.463, score: 0.93 })
    // 1.4 = 0 -> no denominator for 3.3
    expect(r.get('3.3')).toMatchObject({ value: null, status: 'no-denominator', score: null })
  })

  it('is N/A without a denominator or a numerator, and computes 5.4 without a denominator', () => {
    expect(quarter({ ...figures, tthc_cb: 0 }).get('1.1')).toMatchObject({
      value: null,
      status: 'no-denominator',
    })
    expect(quarter({ ...figures, tthc_cb_dung_han: null }).get('1.1')).toMatchObject({
      value: null,
      status: 'missing',
    })
    expect(r.get('5.4')).toMatchObject({
      denominator: null,
      value: 0.95,
      score: 1,
      reachedTarget: true,
    })
    expect(quarter({ ...figures, hs_tn_xl: 0 }).get('5.4')).toMatchObject({
      value: null,
      status: 'error',
    })
  })

  it('computes a table of units and periods', () => {
    const table = computeIndicatorTable(compiled, [
      { unit: 'A', period: '2025-Q3', periodType: 'quarter', figures },
      {
        unit: 'B',
        period: '2025-Q3',
        periodType: 'quarter',
        figures: { ...figures, tthc_cb_dung_han: 50 },
      },
    ])
    expect(table.map((t) => [t.unit, byCode(t.results).get('1.1')?.value])).toEqual([
      ['A', 0.9],
      ['B', 1],
    ])
  })
})

describe('compileIndicatorCatalog', () => {
  const bad = (numerator: string): CatalogDefinition => ({
    id: 'x',
    name: 'x',
    version: '1.0',
    indicators: [{ code: '9.9', name: 'x', numerator }],
  })
  it('names the indicator and the token of a formula that does not parse', () => {
    expect(() => compileIndicatorCatalog(bad('a.gia_tri +* 2'))).toThrow(
      /x \/indicators\/0\/numerator: .*\*/,
    )
  })
  it('refuses references that are not <figure>.gia_tri', () => {
    expect(() => compileIndicatorCatalog(bad('a.c3'))).toThrow(
      'x /indicators/0/numerator: reference "a.c3" must read a figure as <figure>.gia_tri',
    )
  })
})
