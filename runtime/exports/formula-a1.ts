/**
 * Canonical formula (stable ids) -> Excel A1 text for a given printed layout, so exported workbooks keep
 * live formulas. What Excel cannot compute the same way (period and cross-template functions, plugin
 * functions, ranges over columns left out of the print) is reported as not portable; the caller then writes
 * the value instead.
 */
import type { Ast, CellRef } from '../../core/index.js'
import { columnLetter, quoteSheet } from './a1.js'

/** Where the cells of each section are on the exported workbook. */
export interface A1Target {
  /** Worksheet of a section, or undefined when the section is not exported as a sheet. */
  sheet(section: string): string | undefined
  /** 1-based sheet row of a row id. */
  row(section: string, row: string): number | undefined
  /** 1-based sheet column of a column id (undefined for columns left out of the print). */
  col(section: string, col: string): number | undefined
  /** Column ids of a section in section order, to check that a range keeps its meaning. */
  columnOrder(section: string): readonly string[]
}

/** Functions that Excel and LibreOffice compute as the engine does (names upper-case). */
export const PORTABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'ABS',
  'AND',
  'AVERAGE',
  'AVERAGEIF',
  'AVERAGEIFS',
  'CEILING',
  'CHOOSE',
  'CONCAT',
  'CONCATENATE',
  'COUNT',
  'COUNTA',
  'COUNTBLANK',
  'COUNTIF',
  'COUNTIFS',
  'DATE',
  'DAY',
  'EXACT',
  'EXP',
  'FALSE',
  'FIND',
  'FLOOR',
  'IF',
  'IFERROR',
  'IFNA',
  'INDEX',
  'INT',
  'ISBLANK',
  'ISERROR',
  'ISNA',
  'ISNUMBER',
  'ISTEXT',
  'LARGE',
  'LEFT',
  'LEN',
  'LN',
  'LOG',
  'LOG10',
  'LOWER',
  'MATCH',
  'MAX',
  'MEDIAN',
  'MID',
  'MIN',
  'MOD',
  'MONTH',
  'NA',
  'NOT',
  'OR',
  'PI',
  'POWER',
  'PRODUCT',
  'PROPER',
  'REPT',
  'RIGHT',
  'ROUND',
  'ROUNDDOWN',
  'ROUNDUP',
  'SEARCH',
  'SIGN',
  'SMALL',
  'SQRT',
  'SUBSTITUTE',
  'SUM',
  'SUMIF',
  'SUMIFS',
  'SUMPRODUCT',
  'TRIM',
  'TRUE',
  'TRUNC',
  'UPPER',
  'VALUE',
  'VLOOKUP',
  'HLOOKUP',
  'XOR',
  'YEAR',
])

const EXCEL_ERRORS = new Set(['#N/A', '#DIV/0!', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'])

const PREC: Record<string, number> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '<=': 1,
  '>': 1,
  '>=': 1,
  '&': 2,
  '+': 3,
  '-': 3,
  '*': 4,
  '/': 4,
  '^': 5,
}
const POSTFIX = 6
const PREFIX = 7
const ATOM = 8

class NotPortable extends Error {}

function precOf(ast: Ast): number {
  if (ast.type === 'binary') return PREC[ast.op] ?? ATOM
  if (ast.type === 'unary') return ast.op === '%' ? POSTFIX : PREFIX
  return ATOM
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new NotPortable(`the number ${n} has no Excel form`)
  return String(n).toUpperCase()
}

export type A1Result = { ok: true; formula: string } | { ok: false; reason: string }

/** Translates a parsed canonical formula of `section`; the result has no leading `=`. */
export function formulaToA1(ast: Ast, section: string, target: A1Target): A1Result {
  const address = (ref: CellRef, abs = false): { sheet: string; a1: string } => {
    if (ref.template !== undefined)
      throw new NotPortable(
        `it reads another template ('${ref.template}'), which the workbook does not contain`,
      )
    const s = ref.section ?? section
    const sheet = target.sheet(s)
    if (sheet === undefined) throw new NotPortable(`section "${s}" is not a sheet of the workbook`)
    const row = target.row(s, ref.row)
    const col = target.col(s, ref.col)
    if (row === undefined || col === undefined)
      throw new NotPortable(`${s}!${ref.row}.${ref.col} is not on the printed sheet`)
    const d = abs ? '$' : ''
    return { sheet, a1: `${d}${columnLetter(col)}${d}${row}` }
  }
  const qualify = (sheet: string, a1: string) =>
    sheet === target.sheet(section) ? a1 : `${quoteSheet(sheet)}!${a1}`
  const print = (node: Ast): string => {
    switch (node.type) {
      case 'number':
        return numberText(node.value)
      case 'string':
        return `"${node.value.replace(/"/g, '""')}"`
      case 'boolean':
        return node.value ? 'TRUE' : 'FALSE'
      case 'error':
        if (!EXCEL_ERRORS.has(node.code))
          throw new NotPortable(`the error ${node.code} has no Excel form`)
        return node.code
      case 'ref': {
        const a = address(node.ref)
        return qualify(a.sheet, a.a1)
      }
      case 'range': {
        const { from, to } = node.range
        const s = from.section ?? section
        if ((to.section ?? section) !== s) throw new NotPortable('a range spans two sections')
        const order = target.columnOrder(s)
        const i = order.indexOf(from.col)
        const j = order.indexOf(to.col)
        const between = order.slice(Math.min(i, j), Math.max(i, j) + 1)
        if (i < 0 || j < 0 || between.some((c) => target.col(s, c) === undefined)) {
          throw new NotPortable(
            `the range ${from.row}.${from.col}:${to.row}.${to.col} covers columns left out of the printed sheet`,
          )
        }
        const a = address(from)
        const b = address(to)
        return qualify(a.sheet, `${a.a1}:${b.a1}`)
      }
      case 'call': {
        if (!PORTABLE_FUNCTIONS.has(node.name))
          throw new NotPortable(`${node.name} is computed by the reporting system, not by Excel`)
        return `${node.name}(${node.args.map(print).join(',')})`
      }
      case 'unary': {
        const inner = print(node.arg)
        if (node.op === '%') return precOf(node.arg) < POSTFIX ? `(${inner})%` : `${inner}%`
        return precOf(node.arg) < PREFIX ? `${node.op}(${inner})` : `${node.op}${inner}`
      }
      case 'binary': {
        const p = PREC[node.op] as number
        const l = print(node.left)
        const r = print(node.right)
        return `${precOf(node.left) < p ? `(${l})` : l}${node.op}${precOf(node.right) <= p ? `(${r})` : r}`
      }
    }
  }
  try {
    return { ok: true, formula: print(ast) }
  } catch (e) {
    if (e instanceof NotPortable) return { ok: false, reason: e.message }
    throw e
  }
}
