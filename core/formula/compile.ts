import { compileCall } from './compile-calls.js'
import { compileBinary, compileUnary } from './compile-ops.js'
import type { Ev } from './compile-ops.js'
import { formatRef } from './format.js'
import type {
  Ast,
  CellRef,
  CompileEnv,
  Compiled,
  ExternalKind,
  FormulaError,
  Matrix,
  RangeRef,
  Scalar,
  Value,
} from './types.js'
import { formulaError, isFormulaError, normalizeNumber } from './values.js'

/** A compiled function argument: ranges evaluate to a Matrix. */
export type ArgEv = (values: ArrayLike<Value>) => Value | Matrix

export const constant =
  (value: Value): Ev =>
  () =>
    value

/**
 * Compiles an Ast once into a closure over the slot array: references become `values[slot]`,
 * arithmetic on numbers runs inline, SUM over ranges walks slots directly, IF/IFERROR/IFS/CHOOSE
 * evaluate only the branch they need. The closure never throws: problems (unknown function,
 * #REF!, a throwing plugin function) come back as error values.
 *
 * @example
 * const slots = new Map([['r1.c1', 0], ['r2.c1', 1]])
 * const f = compileFormula(parse('SUM(r1.c1:r2.c1) / 2'), {
 *   section: 'main', functions: createFunctionRegistry(),
 *   slotOf: (r) => slots.get(`${r.row}.${r.col}`) ?? { error: '#REF!' },
 *   slotsOf: (r) => [[0], [1]],
 * })
 * f([3, 4]) // 3.5
 */
export function compileFormula(ast: Ast, env: CompileEnv): Compiled {
  try {
    const node = compileNode(ast, env)
    // A cell holds 15 significant digits, as in Excel: `=0.3/0.1` is 3.
    return (values) => {
      const v = node(values)
      return typeof v === 'number' ? normalizeNumber(v) : v
    }
  } catch (e) {
    const error = formulaError(
      '#VALUE!',
      `the formula could not be compiled: ${e instanceof Error ? e.message : String(e)}`,
    )
    return () => error
  }
}

export function compileNode(ast: Ast, env: CompileEnv): Ev {
  switch (ast.type) {
    case 'number':
      return constant(normalizeNumber(ast.value))
    case 'string':
    case 'boolean':
      return constant(ast.value)
    case 'error':
      return constant(formulaError(ast.code))
    case 'ref':
      return compileRef(ast.ref, env)
    case 'range':
      return compileRangeAsValue(ast.range, env)
    case 'unary':
      return compileUnary(ast.op, compileNode(ast.arg, env))
    case 'binary':
      return compileBinary(ast.op, compileNode(ast.left, env), compileNode(ast.right, env))
    case 'call':
      return compileCall(ast, env)
  }
}

/** An argument of a function: ranges stay ranges. */
export function compileArg(ast: Ast, env: CompileEnv): ArgEv {
  if (ast.type !== 'range') return compileNode(ast, env)
  const slots = rangeSlots(ast.range, env)
  if (isFormulaError(slots)) return constant(slots)
  return (v) => {
    const m: Matrix = new Array(slots.length)
    for (let i = 0; i < slots.length; i++) {
      const row = slots[i] as number[]
      const out: Value[] = new Array(row.length)
      for (let j = 0; j < row.length; j++) out[j] = v[row[j] as number] ?? null
      m[i] = out
    }
    return m
  }
}

function unbound(ref: CellRef): boolean {
  return ref.row === '@' || ref.col === '@'
}

/** Slot of a local reference, or the error to evaluate to. */
export function refSlot(ref: CellRef, env: CompileEnv): number | FormulaError {
  if (unbound(ref)) return formulaError('#REF!', `${formatRef(ref)} still has an unbound @`)
  return env.slotOf(ref)
}

export function rangeSlots(range: RangeRef, env: CompileEnv): number[][] | FormulaError {
  if (range.from.template !== undefined) {
    return formulaError(
      '#REF!',
      `${formatRef(range.from)}: ranges of another template are not supported`,
    )
  }
  if (unbound(range.from) || unbound(range.to)) {
    return formulaError(
      '#REF!',
      `${formatRef(range.from)}:${formatRef(range.to)} still has an unbound @`,
    )
  }
  return env.slotsOf(range)
}

function compileRef(ref: CellRef, env: CompileEnv): Ev {
  if (ref.template !== undefined) return compileExternal('other-template', ref, undefined, env)
  const slot = refSlot(ref, env)
  if (typeof slot !== 'number') return constant(slot)
  return (v) => v[slot] ?? null
}

/** A range where one value is expected: a single cell is fine, more is #VALUE!. */
function compileRangeAsValue(range: RangeRef, env: CompileEnv): Ev {
  const slots = rangeSlots(range, env)
  if (isFormulaError(slots)) return constant(slots)
  const only = slots.length === 1 && slots[0]?.length === 1 ? slots[0][0] : undefined
  if (only === undefined) {
    return constant(
      formulaError(
        '#VALUE!',
        `${formatRef(range.from)}:${range.to.row}.${range.to.col} is a range where one value is expected`,
      ),
    )
  }
  return (v) => v[only] ?? null
}

/**
 * `external.get(kind, ref, arg)`, with the formula's section filled in for unqualified references.
 * `#N/A` when the caller gave no external source.
 */
export function compileExternal(
  kind: ExternalKind,
  ref: CellRef,
  arg: Ev | undefined,
  env: CompileEnv,
): Ev {
  if (unbound(ref))
    return constant(formulaError('#REF!', `${formatRef(ref)} still has an unbound @`))
  const target: CellRef = ref.section === undefined ? { ...ref, section: env.section } : ref
  const external = env.external
  if (external === undefined) {
    return constant(formulaError('#N/A', `no external source for ${kind} ${formatRef(target)}`))
  }
  const read = readExternal(kind, target, arg, external)
  if (kind === 'year-to-date' && isOwn(target, env)) return addCurrent(read, target, env)
  return read
}

/** A reference to the formula's own template (unqualified, or qualified with its own code). */
function isOwn(ref: CellRef, env: CompileEnv): boolean {
  return ref.template === undefined || ref.template === env.template
}

/**
 * YEAR_TO_DATE of the report's own cell: the earlier periods (from outside) plus the cell itself,
 * read as a dependency so an edit of the cell recomputes the total, in one pass.
 */
function addCurrent(earlier: Ev, target: CellRef, env: CompileEnv): Ev {
  const local: CellRef = { section: target.section!, row: target.row, col: target.col }
  const slot = refSlot(local, env)
  if (typeof slot !== 'number') return constant(slot)
  return (v) => {
    const sum = earlier(v)
    if (isFormulaError(sum)) return sum
    const current = v[slot] ?? null
    if (isFormulaError(current)) return current
    if (current === null || current === '') return sum ?? 0
    if (typeof current !== 'number')
      return formulaError(
        '#VALUE!',
        `${formatRef(local)} holds ${JSON.stringify(current)}, not a number`,
      )
    if (sum === null || sum === '') return current
    if (typeof sum !== 'number')
      return formulaError('#VALUE!', `year-to-date ${formatRef(local)} is not a number`)
    return normalizeNumber(sum + current)
  }
}

function readExternal(
  kind: ExternalKind,
  target: CellRef,
  arg: Ev | undefined,
  external: NonNullable<CompileEnv['external']>,
): Ev {
  return (v) => {
    let argument: Scalar | undefined
    if (arg !== undefined) {
      const a = arg(v)
      if (isFormulaError(a)) return a
      argument = a
    }
    try {
      const value =
        argument === undefined ? external.get(kind, target) : external.get(kind, target, argument)
      return typeof value === 'number' ? normalizeNumber(value) : (value ?? null)
    } catch (e) {
      return formulaError(
        '#N/A',
        `${kind} ${formatRef(target)}: ${e instanceof Error ? e.message : String(e)}`,
      )
    }
  }
}
