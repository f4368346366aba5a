/**
 * The outside values of one report (PREV_PERIOD, SAME_PERIOD_LAST_YEAR, YEAR_TO_DATE, CHILD_VALUE,
 * `'CODE'!section!row.col`) read from other reports' evaluated cells. The lookup is shared by the
 * server, which finds the reports in its database, and the browser, which gets them as JSON
 * (`ExternalReportsData`), so both compute the same figures.
 *
 * A report that does not exist or is not accepted reads as an empty cell (null), as Excel reads an
 * empty cell; a cell the other report's template does not have is #REF!.
 */
import type {
  CellRef,
  ExternalKind,
  ExternalValues,
  FormulaError,
  Scalar,
  Value,
} from '../formula/types.js'
import { isFormulaError } from '../formula/values.js'
import { previousPeriod, samePeriodLastYear, yearToDatePeriods } from '../period/navigation.js'
import { cellKey, type CellKey } from '../template/types.js'

/** The evaluated cells of one accepted report. */
export interface ReportCells {
  /** Template version the report was made on (named in #REF! details). */
  version: string
  /** The cell's value; undefined when the template has no such cell. */
  get(key: CellKey): Value | undefined
}

/** Where a report's outside values come from. */
export interface ExternalLookup {
  /** The report being evaluated. */
  template: string
  unit: string
  period: string
  /** Whether CHILD_VALUE may name this unit (a unit below `unit`). */
  isChild(unit: string): boolean
  /** The latest accepted report of unit x template x period, or undefined when there is none. */
  report(unit: string, template: string, period: string): ReportCells | undefined
}

/**
 * The same lookup as plain data, e.g. the body of GET /instances/:id/external-values. `reports`
 * holds the cells a template reads of each referenced report, by `reportKey`.
 */
export interface ExternalReportsData {
  template: string
  unit: string
  period: string
  children: string[]
  reports: Record<string, { version: string; cells: Record<CellKey, Value> }>
}

/**
 * Key of a report in `ExternalReportsData.reports`.
 *
 * @example
 * reportKey('DT-P-CAOLANH', 'TN.01/DT', '2026-Q2') // 'DT-P-CAOLANH|TN.01/DT|2026-Q2'
 */
export function reportKey(unit: string, template: string, period: string): string {
  return `${unit}|${template}|${period}`
}

function refError(detail: string): FormulaError {
  return { error: '#REF!', detail }
}

function periodOf(fn: (p: string) => string, period: string): string | Error {
  try {
    return fn(period)
  } catch (e) {
    return e as Error
  }
}

/**
 * The periods a report's outside reads reach: previous, same period last year, and the earlier
 * periods of the year; an Error for a period that has none (an ad-hoc report).
 *
 * @example
 * externalPeriods('2026-Q3') // { previous: '2026-Q2', lastYear: '2025-Q3', earlier: ['2026-Q1', '2026-Q2'] }
 */
export function externalPeriods(period: string): {
  previous: string | Error
  lastYear: string | Error
  earlier: string[] | Error
} {
  const ytd = periodOf((p) => yearToDatePeriods(p).join(','), period)
  return {
    previous: periodOf(previousPeriod, period),
    lastYear: periodOf(samePeriodLastYear, period),
    earlier: typeof ytd === 'string' ? ytd.split(',').slice(0, -1) : ytd,
  }
}

/**
 * Core's external values over a lookup. YEAR_TO_DATE of the report's own template gives the sum of
 * the earlier periods (the workbook adds the current value); of another template, the earlier
 * periods and this one.
 *
 * @example
 * const external = externalValuesOf({ template: 'T/1', unit: 'U', period: '2026-Q3', isChild: () => false,
 *   report: (u, t, p) => (p === '2026-Q2' ? { version: '1.0', get: () => 20 } : undefined) })
 * createWorkbook(template, { values, external }).get('main!r1.c6') // 20 when c6 = PREV_PERIOD(@.c1)
 */
export function externalValuesOf(lookup: ExternalLookup): ExternalValues {
  const { unit, period } = lookup
  const { previous, lastYear, earlier } = externalPeriods(period)
  const valueIn = (unitCode: string, code: string, p: string | Error, key: CellKey): Value => {
    if (p instanceof Error) throw p
    const found = lookup.report(unitCode, code, p)
    if (found === undefined) return null
    const value = found.get(key)
    if (value === undefined) return refError(`${key} is not a cell of ${code} ${found.version}`)
    return value
  }
  return {
    get(kind: ExternalKind, ref: CellRef, arg?: Scalar): Value {
      const code = ref.template ?? lookup.template
      const key = cellKey(ref.section ?? '', ref.row, ref.col)
      switch (kind) {
        case 'prev-period':
          return valueIn(unit, code, previous, key)
        case 'same-period-last-year':
          return valueIn(unit, code, lastYear, key)
        case 'other-template':
          return valueIn(unit, code, period, key)
        case 'child-unit': {
          const child = String(arg ?? '')
          if (!lookup.isChild(child)) return refError(`unit "${child}" is not below ${unit}`)
          return valueIn(child, code, period, key)
        }
        case 'year-to-date': {
          if (earlier instanceof Error) throw earlier
          const parts = earlier.map((p) => valueIn(unit, code, p, key))
          if (code !== lookup.template) parts.push(valueIn(unit, code, period, key))
          let sum = 0
          for (const v of parts) {
            if (isFormulaError(v)) return v
            if (v === null || v === '') continue
            if (typeof v !== 'number')
              return { error: '#VALUE!', detail: `${key} holds ${JSON.stringify(v)}, not a number` }
            sum += v
          }
          return sum
        }
      }
    },
  }
}

/**
 * External values from data received as JSON (the browser's side of `externalValuesOf`).
 *
 * @example
 * const data = await api.getExternalValues(id)
 * createWorkbook(template, { values, external: externalValuesFromData(data) })
 */
export function externalValuesFromData(data: ExternalReportsData): ExternalValues {
  const children = new Set(data.children)
  const reports = new Map<string, ReportCells>()
  for (const [k, r] of Object.entries(data.reports)) {
    const cells = new Map(Object.entries(r.cells))
    reports.set(k, { version: r.version, get: (key) => cells.get(key) })
  }
  return externalValuesOf({
    template: data.template,
    unit: data.unit,
    period: data.period,
    isChild: (u) => children.has(u),
    report: (u, t, p) => reports.get(reportKey(u, t, p)),
  })
}
