import { formatFormula, parseFormula } from '../formula/index.js'
import type { Ast, CellRef } from '../formula/index.js'

/**
 * Functions that fold a list of values: a reference to a dynamic row passed straight to one of
 * them stands for the whole list (`SUM(ds.c3)` sums every entry), as the designer saw one row.
 */
const FOLDS = new Set(['SUM', 'AVERAGE', 'COUNT', 'COUNTA', 'COUNTBLANK', 'MIN', 'MAX', 'PRODUCT'])

/** The row lists of a definition being expanded, by section id. */
export interface GroupMap {
  /** Authored row positions, by section then row id. */
  positions: ReadonlyMap<string, ReadonlyMap<string, number>>
  /** Last added row of each dynamic row that has added rows, by section then dynamic row id. */
  last: ReadonlyMap<string, ReadonlyMap<string, string>>
}

export interface RewriteOptions {
  /** Section of unqualified references. */
  home: string | undefined
  /** A copy of a dynamic row: its own references to the dynamic row move to the copy. */
  rebind?: { section: string; from: string; to: string }
  /** The group whose own formulas these are: not widened over itself. */
  own?: { section: string; model: string }
}

/**
 * Rewrites one formula of a definition for its expanded form: references a copied row makes to
 * its dynamic row follow the copy, and ranges and folds that cover a dynamic row as their last row
 * grow to its last added row (rows inserted in the middle of a range are covered already, since
 * ranges are resolved in section order). A formula that does not parse is returned as written.
 */
export function rewriteFormula(text: string, groups: GroupMap, opts: RewriteOptions): string {
  const parsed = parseFormula(text)
  if (!parsed.ok) return text
  const out = visit(parsed.ast, groups, opts)
  return out === parsed.ast ? text : formatFormula(out)
}

function sectionOf(ref: CellRef, home: string | undefined): string | undefined {
  return ref.template === undefined ? (ref.section ?? home) : undefined
}

function rebound(ref: CellRef, opts: RewriteOptions): CellRef {
  const r = opts.rebind
  if (r === undefined || ref.row !== r.from || sectionOf(ref, opts.home) !== r.section) return ref
  return { ...ref, row: r.to }
}

/** The last added row of the group `row` is the dynamic row of, unless it is the formula's own. */
function lastOf(
  section: string | undefined,
  row: string,
  groups: GroupMap,
  opts: RewriteOptions,
): string | undefined {
  if (section === undefined) return undefined
  if (opts.own !== undefined && opts.own.section === section && opts.own.model === row)
    return undefined
  return groups.last.get(section)?.get(row)
}

function visit(node: Ast, groups: GroupMap, opts: RewriteOptions): Ast {
  switch (node.type) {
    case 'ref': {
      const ref = rebound(node.ref, opts)
      return ref === node.ref ? node : { type: 'ref', ref }
    }
    case 'range': {
      let from = rebound(node.range.from, opts)
      let to = rebound(node.range.to, opts)
      const section = sectionOf(from, opts.home)
      const at = section === undefined ? undefined : groups.positions.get(section)
      const [pf, pt] = [at?.get(from.row), at?.get(to.row)]
      if (pf !== undefined && pt !== undefined) {
        const bottom = pf > pt ? from : to
        const last = lastOf(section, bottom.row, groups, opts)
        if (last !== undefined) {
          if (bottom === from) from = { ...from, row: last }
          else to = { ...to, row: last }
        }
      }
      return from === node.range.from && to === node.range.to
        ? node
        : { type: 'range', range: { from, to } }
    }
    case 'call': {
      const fold = FOLDS.has(node.name)
      const args = node.args.map((arg) => {
        if (fold && arg.type === 'ref') {
          const ref = rebound(arg.ref, opts)
          const last = lastOf(sectionOf(ref, opts.home), ref.row, groups, opts)
          if (last !== undefined)
            return { type: 'range' as const, range: { from: ref, to: { ...ref, row: last } } }
        }
        return visit(arg, groups, opts)
      })
      return args.every((a, i) => a === node.args[i]) ? node : { ...node, args }
    }
    case 'unary': {
      const arg = visit(node.arg, groups, opts)
      return arg === node.arg ? node : { ...node, arg }
    }
    case 'binary': {
      const left = visit(node.left, groups, opts)
      const right = visit(node.right, groups, opts)
      return left === node.left && right === node.right ? node : { ...node, left, right }
    }
    default:
      return node
  }
}
