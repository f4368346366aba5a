/**
 * Turns per-cell canonical formulas back into column-wide (`@.c4`) or row-wide (`r1.@`) ones where every
 * cell of a column or row has the same formula relative to its position, so an imported template reads like
 * one a designer wrote.
 */
import { formatFormula, parseFormula, type Ast, type CellRef } from '../../../core/index.js'

function mapRefs(ast: Ast, f: (r: CellRef) => CellRef): Ast {
  switch (ast.type) {
    case 'ref':
      return { type: 'ref', ref: f(ast.ref) }
    case 'range':
      return { type: 'range', range: { from: f(ast.range.from), to: f(ast.range.to) } }
    case 'call':
      return { ...ast, args: ast.args.map((a) => mapRefs(a, f)) }
    case 'unary':
      return { ...ast, arg: mapRefs(ast.arg, f) }
    case 'binary':
      return { ...ast, left: mapRefs(ast.left, f), right: mapRefs(ast.right, f) }
    default:
      return ast
  }
}

/** The formula with references to the current row (or column) of the current section replaced by `@`. */
export function relativeFormula(
  formula: string,
  section: string,
  at: { row?: string; col?: string },
): string | undefined {
  const parsed = parseFormula(formula)
  if (!parsed.ok) return undefined
  const local = (r: CellRef) =>
    r.template === undefined && (r.section === undefined || r.section === section)
  const ast = mapRefs(parsed.ast, (r) => {
    if (!local(r)) return r
    const out: CellRef = { ...r }
    if (at.row !== undefined && r.row === at.row) out.row = '@'
    if (at.col !== undefined && r.col === at.col) out.col = '@'
    return out
  })
  return formatFormula(ast)
}
