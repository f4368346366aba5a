import { INFIX_POWER, PERCENT_POWER, PREFIX_POWER } from './parser.js'
import type { Ast, CellRef } from './types.js'

const ATOM = 100

function power(ast: Ast): number {
  if (ast.type === 'binary') return INFIX_POWER[ast.op]
  if (ast.type === 'unary') return ast.op === '%' ? PERCENT_POWER : PREFIX_POWER
  return ATOM
}

function wrap(ast: Ast, parens: boolean): string {
  const text = formatFormula(ast)
  return parens ? `(${text})` : text
}

/**
 * Prints the canonical text of a formula (no leading `=`): minimal parentheses, upper-case
 * function names, `, ` between arguments, no spaces around operators. `parseFormula` reads it back
 * to the same Ast.
 *
 * @example
 * formatFormula({ type: 'binary', op: '*', left: { type: 'number', value: 2 },
 *   right: { type: 'ref', ref: { section: 'main', row: 'r1', col: 'c3' } } }) // '2*main!r1.c3'
 */
export function formatFormula(ast: Ast): string {
  switch (ast.type) {
    case 'number':
      return formatNumber(ast.value)
    case 'string':
      return `"${ast.value.replace(/"/g, '""')}"`
    case 'boolean':
      return ast.value ? 'TRUE' : 'FALSE'
    case 'error':
      return ast.code
    case 'ref':
      return formatRef(ast.ref)
    case 'range': {
      const { from, to } = ast.range
      const sameSection = to.section === from.section && to.template === from.template
      return `${formatRef(from)}:${sameSection ? `${to.row}.${to.col}` : formatRef(to)}`
    }
    case 'call':
      return `${ast.name.toUpperCase()}(${ast.args.map(formatFormula).join(', ')})`
    case 'unary':
      return ast.op === '%'
        ? `${wrap(ast.arg, power(ast.arg) < PERCENT_POWER)}%`
        : `${ast.op}${wrap(ast.arg, power(ast.arg) < PREFIX_POWER)}`
    case 'binary': {
      const p = INFIX_POWER[ast.op]
      return `${wrap(ast.left, power(ast.left) < p)}${ast.op}${wrap(ast.right, power(ast.right) <= p)}`
    }
  }
}

function formatNumber(n: number): string {
  // Non-finite numbers have no literal; print the error they evaluate to.
  if (!Number.isFinite(n)) return '#NUM!'
  return String(n)
}

/**
 * Canonical text of one cell reference: `row.col`, `section!row.col` or `'code'!section!row.col`.
 *
 * @example
 * formatRef({ template: "II.06a/VPCP/KSTT", section: 'main', row: 'r1', col: 'c3' })
 * // "'II.06a/VPCP/KSTT'!main!r1.c3"
 */
export function formatRef(ref: CellRef): string {
  const template = ref.template === undefined ? '' : `'${ref.template.replace(/'/g, "''")}'!`
  const section = ref.section === undefined ? '' : `${ref.section}!`
  return `${template}${section}${ref.row}.${ref.col}`
}
