import { Parser, SUPPORTED_FORMULAS } from 'hot-formula-parser'
import type { FormulaFunction, Matrix, Value } from './types.js'
import {
  DIV0,
  errorCodeOf,
  firstError,
  formulaError,
  isFormulaError,
  isMatrix,
  normalizeNumber,
  VALUE,
} from './values.js'

/**
 * Functions left out of the built-ins: volatile ones (a report must not change by itself), internal
 * helpers of formulajs, ones whose meaning differs from Excel's (ROW/COLUMN take no reference
 * here), names formulajs does not implement, and the ones core/formula implements itself.
 */
const EXCLUDED = new Set([
  'TODAY',
  'NOW',
  'RAND',
  'RANDBETWEEN',
  'ARGS2ARRAY',
  'FLATTEN',
  'REFERENCE',
  'ROW',
  'COLUMN',
  'TDIST2T',
  'TINV2T',
  'XIRR',
])

/** These look at errors instead of propagating them, so errors reach them as formulajs errors. */
const ERROR_AWARE = new Set([
  'COUNT',
  'COUNTA',
  'COUNTBLANK',
  'ISBLANK',
  'ISNUMBER',
  'ISTEXT',
  'ISLOGICAL',
  'ISNONTEXT',
])

/**
 * An empty cell passed as a single argument: Excel reads it as "" in text functions and as 0 in
 * numeric ones (formulajs would give NaN or throw); counting and IS* functions see it as empty.
 */
const BLANK_AS_TEXT = new Set([
  'CLEAN',
  'CODE',
  'CONCATENATE',
  'EXACT',
  'FIND',
  'JOIN',
  'LEFT',
  'LEN',
  'LOWER',
  'MID',
  'PROPER',
  'REGEXEXTRACT',
  'REGEXMATCH',
  'REGEXREPLACE',
  'REPLACE',
  'REPT',
  'RIGHT',
  'SEARCH',
  'SPLIT',
  'SUBSTITUTE',
  'T',
  'TRIM',
  'UNICODE',
  'UPPER',
])
const BLANK_KEPT = new Set([...ERROR_AWARE, 'AVERAGE', 'AVERAGEA', 'MIN', 'MAX', 'MINA', 'MAXA'])

/** formulajs answers #NUM! where Excel answers #DIV/0! (an average of no numbers). */
const AVERAGES = new Set(['AVERAGE', 'AVERAGEA', 'AVERAGEIF', 'AVERAGEIFS'])

// One Parser instance only to reach the package's function table (evaluateByOperator); its
// grammar is never used: formulas are compiled by core/formula.
const yy = new Parser().parser.yy

const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

function toJs(value: Value): unknown {
  return isFormulaError(value) ? new Error(value.error) : value
}

/** A formulajs result as a Value: Error -> error value, Date -> serial day number. */
export function fromJs(result: unknown, name: string): Value {
  switch (typeof result) {
    case 'number':
      return normalizeNumber(result)
    case 'string':
    case 'boolean':
      return result
    case 'undefined':
      return null
  }
  if (result === null) return null
  if (result instanceof Error) return formulaError(errorCodeOf(result.message) ?? '#VALUE!', name)
  if (result instanceof Date) {
    // formulajs builds local dates; reading local fields keeps the serial independent of the time zone.
    const utc = Date.UTC(
      result.getFullYear(),
      result.getMonth(),
      result.getDate(),
      result.getHours(),
      result.getMinutes(),
      result.getSeconds(),
    )
    return Number.isNaN(utc) ? VALUE : normalizeNumber((utc - EXCEL_EPOCH) / 86_400_000)
  }
  if (Array.isArray(result) && result.length === 1) {
    const only: unknown =
      Array.isArray(result[0]) && result[0].length === 1 ? result[0][0] : result[0]
    if (!Array.isArray(only)) return fromJs(only, name)
  }
  return formulaError('#VALUE!', `${name} returned a list where one value is expected`)
}

/** Maps what a formulajs call throws (`Error('NAME')`, a TypeError on odd input) to an error value. */
export function thrownToError(e: unknown, name: string): Value {
  const message = e instanceof Error ? e.message : String(e)
  const code = errorCodeOf(message)
  return formulaError(code ?? '#VALUE!', code === undefined ? `${name}: ${message}` : name)
}

function wrap(name: string): FormulaFunction {
  const errorAware = ERROR_AWARE.has(name)
  const blank = BLANK_KEPT.has(name) ? null : BLANK_AS_TEXT.has(name) ? '' : 0
  return {
    name,
    minArgs: 0,
    maxArgs: Infinity,
    description: `Excel ${name}`,
    evaluate(args: ReadonlyArray<Value | Matrix>): Value {
      if (!errorAware) {
        const error = firstError(args)
        if (error !== undefined) return error
      }
      const params = args.map((a) =>
        isMatrix(a) ? a.map((row) => row.map(toJs)) : a === null ? blank : toJs(a),
      )
      let result: Value
      try {
        result = fromJs(yy.evaluateByOperator(name, params), name)
      } catch (e) {
        return thrownToError(e, name)
      }
      if (AVERAGES.has(name) && isFormulaError(result) && result.error === '#NUM!') return DIV0
      return result
    },
  }
}

/**
 * hot-formula-parser's functions as FormulaFunctions, minus the excluded ones and the names in
 * `own` (which core/formula implements with Excel's behaviour).
 */
export function hotFormulaParserFunctions(own: ReadonlySet<string>): FormulaFunction[] {
  const names = new Set(SUPPORTED_FORMULAS)
  return [...names].filter((n) => !EXCLUDED.has(n) && !own.has(n)).map(wrap)
}
