import type { Ast, CellRef, ExternalKind, RangeRef } from './types.js'

/**
 * Functions whose reference argument is read from outside the report instance (ExternalValues),
 * with the position of that argument. Such references are not dependencies in the graph.
 */
export const EXTERNAL_FUNCTIONS: Readonly<
  Record<string, { kind: ExternalKind; refArg: number; arity: number }>
> = {
  PREV_PERIOD: { kind: 'prev-period', refArg: 0, arity: 1 },
  SAME_PERIOD_LAST_YEAR: { kind: 'same-period-last-year', refArg: 0, arity: 1 },
  YEAR_TO_DATE: { kind: 'year-to-date', refArg: 0, arity: 1 },
  CHILD_VALUE: { kind: 'child-unit', refArg: 1, arity: 2 },
}

export interface CollectedRefs {
  /** Cells of this report instance that the formula reads (dependencies), without duplicates. */
  cells: CellRef[]
  /** Ranges of this report instance that the formula reads. */
  ranges: RangeRef[]
  /** Upper-case names of the functions called, first use first. */
  functions: string[]
  /** References answered by ExternalValues: other templates and arguments of period functions. */
  external: CellRef[]
}

function refKey(r: CellRef): string {
  return [r.template ?? '', r.section ?? '', r.row, r.col].join('\u0000')
}

/**
 * Lists what a formula reads: the dependency graph uses `cells` and `ranges`; `external`
 * references are fed by the caller instead.
 *
 * @example
 * collectRefs(parse('r1.c1 + PREV_PERIOD(r1.c2)'))
 * // { cells: [{ row: 'r1', col: 'c1' }], ranges: [], functions: ['PREV_PERIOD'],
 * //   external: [{ row: 'r1', col: 'c2' }] }
 */
export function collectRefs(ast: Ast): CollectedRefs {
  const out: CollectedRefs = { cells: [], ranges: [], functions: [], external: [] }
  const seen = new Set<string>()
  const add = (list: CellRef[], ref: CellRef, tag: string): void => {
    const key = tag + refKey(ref)
    if (seen.has(key)) return
    seen.add(key)
    list.push(ref)
  }
  const visit = (node: Ast): void => {
    switch (node.type) {
      case 'ref':
        if (node.ref.template === undefined) add(out.cells, node.ref, 'c')
        else add(out.external, node.ref, 'x')
        return
      case 'range': {
        const key = `r${refKey(node.range.from)}\u0001${refKey(node.range.to)}`
        if (!seen.has(key)) {
          seen.add(key)
          out.ranges.push(node.range)
        }
        return
      }
      case 'call': {
        if (!seen.has(`f${node.name}`)) {
          seen.add(`f${node.name}`)
          out.functions.push(node.name)
        }
        const external = EXTERNAL_FUNCTIONS[node.name]
        node.args.forEach((arg, i) => {
          if (external !== undefined && i === external.refArg && arg.type === 'ref') {
            add(out.external, arg.ref, 'x')
          } else visit(arg)
        })
        return
      }
      case 'unary':
        return visit(node.arg)
      case 'binary':
        visit(node.left)
        return visit(node.right)
      default:
        return
    }
  }
  visit(ast)
  return out
}

/**
 * Replaces the `@` placeholders of a column-wide or row-wide formula with the row (and/or column)
 * of the cell it is expanded to. Returns a new Ast; unchanged subtrees are shared.
 *
 * @example
 * formatFormula(bindRelative(parse('@.c4 + @.c5'), { row: 'r7' })) // 'r7.c4+r7.c5'
 */
export function bindRelative(ast: Ast, at: { row?: string; col?: string }): Ast {
  const bind = (ref: CellRef): CellRef => {
    const row = ref.row === '@' && at.row !== undefined ? at.row : ref.row
    const col = ref.col === '@' && at.col !== undefined ? at.col : ref.col
    return row === ref.row && col === ref.col ? ref : { ...ref, row, col }
  }
  const visit = (node: Ast): Ast => {
    switch (node.type) {
      case 'ref': {
        const ref = bind(node.ref)
        return ref === node.ref ? node : { type: 'ref', ref }
      }
      case 'range': {
        const from = bind(node.range.from)
        const to = bind(node.range.to)
        return from === node.range.from && to === node.range.to
          ? node
          : { type: 'range', range: { from, to } }
      }
      case 'call': {
        const args = node.args.map(visit)
        return args.every((a, i) => a === node.args[i]) ? node : { ...node, args }
      }
      case 'unary': {
        const arg = visit(node.arg)
        return arg === node.arg ? node : { ...node, arg }
      }
      case 'binary': {
        const left = visit(node.left)
        const right = visit(node.right)
        return left === node.left && right === node.right ? node : { ...node, left, right }
      }
      default:
        return node
    }
  }
  return visit(ast)
}
