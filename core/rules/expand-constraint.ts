import type { Constraint } from '../../schemas/generated/index.js'
import { bindRelative, collectRefs, formatFormula, parseFormula } from '../formula/index.js'
import type { Ast, CellRef } from '../formula/index.js'
import type { ResolvedConstraint } from '../template/types.js'
import { all, bin, call, filled, isBlank, num, qualify, ref } from './ast.js'
import { formatNumberVi } from './format-message.js'
import type { GridLookup } from './grid-lookup.js'
import {
  assertMessage,
  bothOrNeitherMessage,
  compareMessage,
  notBothMessage,
  requiredIfMessage,
} from './messages.js'

const NUMERIC = new Set(['number', 'integer', 'percent'])

interface Parsed {
  expression?: Ast
  left?: Ast
  right?: Ast
  when?: Ast
  cells: Ast[]
}

/** A constraint bound to one row and/or column and qualified with its section: ready to build. */
interface Bound extends Parsed {
  section: string
  at: { row?: string; col?: string }
}

export type RuleDraft = Omit<ResolvedConstraint, 'id' | 'ruleId' | 'severity' | 'kind' | 'pointer'>

/**
 * Expands one designer constraint over its forEachRow rows / forEachColumn columns and turns each
 * instance into formulas. A constraint whose formulas do not parse yields nothing (loadTemplate
 * has reported it).
 */
export function expandConstraint(
  c: Constraint,
  grids: GridLookup,
): Array<{ suffix: string; draft: RuleDraft }> {
  const section = c.forEachRow ?? c.forEachColumn ?? grids.defaultSection
  const grid = section === undefined ? undefined : grids.grids.get(section)
  if (section === undefined || grid === undefined) return []
  const parsed = parseAll(c)
  if (parsed === undefined) return []
  const rows =
    c.forEachRow === undefined
      ? [undefined]
      : grid.rows.filter((r) => r.kind === 'data').map((r) => r.id)
  const cols =
    c.forEachColumn === undefined
      ? [undefined]
      : grid.columns.filter((col) => NUMERIC.has(col.type)).map((col) => col.id)
  const out: Array<{ suffix: string; draft: RuleDraft }> = []
  for (const row of rows) {
    for (const col of cols) {
      const at: { row?: string; col?: string } = {}
      if (row !== undefined) at.row = row
      if (col !== undefined) at.col = col
      const bound = bind(parsed, section, at)
      // A greyed cell is "not applicable" on this row/column: the expanded rule does not apply there.
      if ((row !== undefined || col !== undefined) && touchesGreyed(bound, grids)) continue
      const draft = build(c, bound, grids)
      if (draft !== undefined)
        out.push({ suffix: [row, col].filter((x) => x !== undefined).join('_'), draft })
    }
  }
  return out
}

function parseAll(c: Constraint): Parsed | undefined {
  const one = (text: string | undefined): Ast | undefined | null => {
    if (text === undefined) return undefined
    const p = parseFormula(text)
    return p.ok ? p.ast : null
  }
  const parsed: Parsed = { cells: [] }
  for (const field of ['expression', 'left', 'right', 'when'] as const) {
    const ast = one(c[field])
    if (ast === null) return undefined
    if (ast !== undefined) parsed[field] = ast
  }
  for (const text of c.cells ?? []) {
    const ast = one(text)
    if (ast === null || ast === undefined) return undefined
    parsed.cells.push(ast)
  }
  return parsed
}

function bind(p: Parsed, section: string, at: { row?: string; col?: string }): Bound {
  const b = (ast: Ast): Ast => qualify(bindRelative(ast, at), section)
  const out: Bound = { section, at, cells: p.cells.map(b) }
  if (p.expression !== undefined) out.expression = b(p.expression)
  if (p.left !== undefined) out.left = b(p.left)
  if (p.right !== undefined) out.right = b(p.right)
  if (p.when !== undefined) out.when = b(p.when)
  return out
}

function directCells(asts: ReadonlyArray<Ast | undefined>): CellRef[] {
  return asts.flatMap((a) => (a === undefined ? [] : collectRefs(a).cells))
}

function touchesGreyed(b: Bound, grids: GridLookup): boolean {
  return directCells([b.expression, b.left, b.right, ...b.cells]).some(
    (r) => grids.cell(r)?.kind === 'greyed',
  )
}

/** Targets of pair / required rules: single references, with ranges spelled out cell by cell. */
function targetCells(b: Bound, grids: GridLookup): CellRef[] {
  return b.cells.flatMap((a) => {
    if (a.type === 'ref') return [a.ref]
    if (a.type === 'range') return grids.rangeCells(a.range.from, a.range.to) ?? []
    return []
  })
}

const text = (a: Ast): string => formatFormula(a)
const refText = (r: CellRef): string => formatFormula(ref(r))

/** Operands named by their formula text, so `{values}` reads `main!r1.c3 = 5; ...`. */
function refOperands(asts: ReadonlyArray<Ast | undefined>): Record<string, string> {
  return Object.fromEntries(directCells(asts).map((r) => [refText(r), refText(r)]))
}

function build(c: Constraint, b: Bound, grids: GridLookup): RuleDraft | undefined {
  const conditions: Ast[] = b.when === undefined ? [] : [b.when]
  let check: Ast
  let operands: Record<string, string>
  let message: string
  let primary: CellRef | undefined
  switch (c.kind) {
    case 'compare': {
      if (b.left === undefined || b.right === undefined) return undefined
      const op = c.operator ?? '='
      check = compare(b.left, op, b.right, c.tolerance, c.relativeTolerance)
      operands = { left: text(b.left), right: text(b.right) }
      message = compareMessage(
        operands['left'] as string,
        op,
        operands['right'] as string,
        toleranceText(c),
      )
      primary = firstCell(b.left) ?? firstCell(b.right)
      break
    }
    case 'assert': {
      if (b.expression === undefined) return undefined
      check = b.expression
      operands = refOperands([b.expression])
      message = assertMessage(text(b.expression), Object.keys(operands).length > 0)
      primary = firstCell(b.expression)
      break
    }
    case 'required-if': {
      const targets = targetCells(b, grids)
      if (targets.length === 0) return undefined
      if (b.expression !== undefined) conditions.push(b.expression)
      const condition = all(conditions)
      check = all(targets.map(filled)) as Ast
      operands = refOperands([condition])
      message = requiredIfMessage(
        targets.map(refText),
        condition === undefined ? undefined : text(condition),
        Object.keys(operands).length > 0,
      )
      primary = targets[0]
      return finish(b, check, all(conditions), operands, message, primary, c)
    }
    case 'both-or-neither':
    case 'not-both': {
      const targets = targetCells(b, grids)
      if (targets.length < 2) return undefined
      check =
        c.kind === 'both-or-neither'
          ? call('OR', all(targets.map(filled)) as Ast, all(targets.map(isBlank)) as Ast)
          : (all(
              pairs(targets).map(([x, y]) => call('NOT', call('AND', filled(x), filled(y)))),
            ) as Ast)
      operands = Object.fromEntries(targets.map((r) => [refText(r), refText(r)]))
      message =
        c.kind === 'both-or-neither'
          ? bothOrNeitherMessage(targets.map(refText))
          : notBothMessage(targets.map(refText))
      primary = targets[0]
      return finish(b, check, all(conditions), operands, message, primary, c)
    }
  }
  // Missing-value strategy for value rules: zero is plain arithmetic (empty counts as 0).
  const inputs = directCells([b.expression, b.left, b.right]).filter(
    (r) => grids.cell(r)?.kind === 'input',
  )
  if (c.missing === 'skip') conditions.push(...inputs.map(filled))
  if (c.missing === 'fail' && inputs.length > 0) check = call('AND', ...inputs.map(filled), check)
  return finish(b, check, all(conditions), operands, message, primary, c)
}

function finish(
  b: Bound,
  check: Ast,
  when: Ast | undefined,
  operands: Record<string, string>,
  defaultMessage: string,
  primary: CellRef | undefined,
  c: Constraint,
): RuleDraft {
  const place: RuleDraft['place'] =
    primary?.section !== undefined
      ? { section: primary.section, row: primary.row, col: primary.col }
      : { section: b.section }
  if (primary === undefined) {
    if (b.at.row !== undefined) place.row = b.at.row
    if (b.at.col !== undefined) place.col = b.at.col
  }
  const draft: RuleDraft = {
    check: text(check),
    operands,
    message: c.message ?? defaultMessage,
    place,
  }
  if (when !== undefined) draft.when = text(when)
  return draft
}

function firstCell(ast: Ast): CellRef | undefined {
  const refs = collectRefs(ast)
  return refs.cells[0] ?? refs.ranges[0]?.from
}

function pairs<T>(items: readonly T[]): Array<[T, T]> {
  const out: Array<[T, T]> = []
  items.forEach((x, i) => items.slice(i + 1).forEach((y) => out.push([x, y])))
  return out
}

function compare(
  left: Ast,
  op: NonNullable<Constraint['operator']>,
  right: Ast,
  tolerance: number | undefined,
  relative: number | undefined,
): Ast {
  const abs = tolerance !== undefined && tolerance > 0 ? num(tolerance) : undefined
  const rel =
    relative !== undefined && relative > 0 ? bin('*', num(relative), call('ABS', right)) : undefined
  const allowed = abs !== undefined && rel !== undefined ? call('MAX', abs, rel) : (abs ?? rel)
  if (allowed === undefined) return bin(op, left, right)
  const diff = call('ABS', bin('-', left, right))
  switch (op) {
    case '=':
      return bin('<=', diff, allowed)
    case '<>':
      return bin('>', diff, allowed)
    case '<':
    case '<=':
      return bin(op, left, bin('+', right, allowed))
    case '>':
    case '>=':
      return bin(op, left, bin('-', right, allowed))
  }
}

function toleranceText(c: Constraint): string | undefined {
  const parts: string[] = []
  if (c.tolerance !== undefined && c.tolerance > 0) parts.push(formatNumberVi(c.tolerance))
  if (c.relativeTolerance !== undefined && c.relativeTolerance > 0)
    parts.push(`${formatNumberVi(Number((c.relativeTolerance * 100).toPrecision(12)))}%`)
  return parts.length === 0 ? undefined : parts.join(' hoặc ')
}
