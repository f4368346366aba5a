import type { Ast, BinaryOp, CellRef } from '../formula/index.js'

/** Small constructors, so generated rules are built as trees and printed by formatFormula. */
export const num = (value: number): Ast => ({ type: 'number', value })
export const ref = (r: CellRef): Ast => ({ type: 'ref', ref: r })
export const call = (name: string, ...args: Ast[]): Ast => ({ type: 'call', name, args })
export const bin = (op: BinaryOp, left: Ast, right: Ast): Ast => ({
  type: 'binary',
  op,
  left,
  right,
})

export const isBlank = (r: CellRef): Ast => call('ISBLANK', ref(r))
export const filled = (r: CellRef): Ast => call('NOT', isBlank(r))

/** AND of the parts, without a one-argument AND. Undefined for no parts. */
export function all(parts: readonly Ast[]): Ast | undefined {
  if (parts.length === 0) return undefined
  return parts.length === 1 ? parts[0] : call('AND', ...parts)
}

/** left + right + ... as a left-leaning sum (how a designer would write it). */
export function sum(parts: readonly Ast[]): Ast {
  return parts.slice(1).reduce<Ast>((acc, p) => bin('+', acc, p), parts[0] ?? num(0))
}

/** Gives every reference of this template without a section the section it is read in. */
export function qualify(ast: Ast, section: string): Ast {
  const q = (r: CellRef): CellRef =>
    r.template !== undefined || r.section !== undefined ? r : { ...r, section }
  switch (ast.type) {
    case 'ref':
      return { type: 'ref', ref: q(ast.ref) }
    case 'range':
      return { type: 'range', range: { from: q(ast.range.from), to: q(ast.range.to) } }
    case 'call':
      return { ...ast, args: ast.args.map((a) => qualify(a, section)) }
    case 'unary':
      return { ...ast, arg: qualify(ast.arg, section) }
    case 'binary':
      return { ...ast, left: qualify(ast.left, section), right: qualify(ast.right, section) }
    default:
      return ast
  }
}
