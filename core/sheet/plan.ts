import {
  compileFormula,
  createFunctionRegistry,
  formatRef,
  parseFormula,
} from '../formula/index.js'
import type {
  CompileEnv,
  Compiled,
  FormulaError,
  ExternalKind,
  ExternalValues,
  FunctionRegistry,
  Scalar,
  Value,
  CellRef,
  RangeRef,
} from '../formula/types.js'
import type { ResolvedConstraint, ResolvedTemplate } from '../template/types.js'
import { buildAdjacency, cyclePath, orderNodes, type Adjacency, type Ordering } from './graph.js'
import { layoutGrid, slotOfRef, slotsOfRange, type GridLayout } from './layout.js'
import { normalizeScalar } from './values.js'

/** What a slot holds. Formula and check slots are the nodes of the graph. */
export const SlotKind = {
  Input: 0,
  Formula: 1,
  Fixed: 2,
  Greyed: 3,
  /** A constraint's check, precondition or operand formula. */
  Check: 4,
} as const
export type SlotKind = (typeof SlotKind)[keyof typeof SlotKind]

export interface PlanConstraint {
  constraint: ResolvedConstraint
  check: number
  /** Slot of the precondition, or -1. */
  when: number
  operands: ReadonlyArray<readonly [name: string, slot: number]>
}

/**
 * Everything about a template that does not depend on the values: slots, compiled formulas,
 * the dependency graph and its order. Built once per template and function registry, shared by
 * every workbook of that template (a server checks many submissions of one template).
 */
export interface Plan {
  layout: GridLayout
  slotCount: number
  kind: Uint8Array
  compiled: ReadonlyArray<Compiled | undefined>
  /** Values before any input: fixed values, `#CYCLE!` on cycles, null elsewhere. */
  initial: readonly Value[]
  dependents: Adjacency
  ordering: Ordering
  /** Each cycle as a closed path of slots in reading order. */
  cyclePaths: number[][]
  constraints: PlanConstraint[]
  /** Constraint index of each check slot, -1 for other slots. */
  constraintOf: Int32Array
  inputSlots: Int32Array
  /**
   * The external values of the workbook being evaluated. Formulas are compiled once for all
   * workbooks, so they ask through this holder, which each workbook sets while it evaluates.
   */
  external: { current: ExternalValues | undefined }
}

let defaultRegistry: FunctionRegistry | undefined

/** The built-in functions, created on first use (read-only, so one instance can be shared). */
export function builtinFunctions(): FunctionRegistry {
  defaultRegistry ??= createFunctionRegistry()
  return defaultRegistry
}

const plans = new WeakMap<ResolvedTemplate, WeakMap<FunctionRegistry, Plan>>()

/** The plan of a template for a function registry, built on first use and cached. */
export function planFor(template: ResolvedTemplate, functions: FunctionRegistry): Plan {
  let byRegistry = plans.get(template)
  if (byRegistry === undefined) {
    byRegistry = new WeakMap()
    plans.set(template, byRegistry)
  }
  let plan = byRegistry.get(functions)
  if (plan === undefined) {
    plan = buildPlan(template, functions)
    byRegistry.set(functions, plan)
  }
  return plan
}

/**
 * The compile environment of one formula. compileFormula resolves every reference once, at
 * compile time, so recording the slots it asks for gives the formula's dependencies without
 * walking the Ast again. A class rather than an object of closures: cheaper to make 2,500 times.
 */
class RecordingEnv implements CompileEnv {
  constructor(
    private readonly layout: GridLayout,
    readonly functions: FunctionRegistry,
    readonly external: ExternalValues,
    private readonly edges: number[],
    readonly section: string,
    private readonly slot: number,
    readonly template: string,
  ) {}

  slotOf(ref: CellRef): number | FormulaError {
    const dep = slotOfRef(this.layout, ref, this.section)
    if (typeof dep === 'number') this.edges.push(dep, this.slot)
    return dep
  }

  slotsOf(range: RangeRef): number[][] | FormulaError {
    const deps = slotsOfRange(this.layout, range, this.section)
    if (Array.isArray(deps)) {
      for (const line of deps) for (const dep of line) this.edges.push(dep, this.slot)
    }
    return deps
  }
}

function constant(value: Value): Compiled {
  return () => value
}

function buildPlan(template: ResolvedTemplate, functions: FunctionRegistry): Plan {
  const layout = layoutGrid(template)
  const external: Plan['external'] = { current: undefined }
  const delegate: ExternalValues = {
    get(kind: ExternalKind, ref: CellRef, arg?: Scalar): Value {
      const source = external.current
      if (source === undefined) {
        return Object.freeze({
          error: '#N/A',
          detail: `no external source for ${kind} ${formatRef(ref)}`,
        })
      }
      return arg === undefined ? source.get(kind, ref) : source.get(kind, ref, arg)
    },
  }
  const compiled: (Compiled | undefined)[] = []
  const kinds: SlotKind[] = []
  const initial: Value[] = []
  const edges: number[] = []

  const compileNode = (slot: number, source: string, section: string, where: string): Compiled => {
    const parsed = parseFormula(source)
    if (!parsed.ok) {
      return constant(
        Object.freeze({ error: '#ERROR!', detail: `${where}: ${parsed.error.message}` }),
      )
    }
    return compileFormula(
      parsed.ast,
      new RecordingEnv(layout, functions, delegate, edges, section, slot, template.code),
    )
  }

  const inputSlots: number[] = []
  layout.cells.forEach((cell, slot) => {
    initial.push(null)
    switch (cell.kind) {
      case 'input':
        kinds.push(SlotKind.Input)
        compiled.push(undefined)
        inputSlots.push(slot)
        return
      case 'fixed':
        kinds.push(SlotKind.Fixed)
        compiled.push(undefined)
        initial[slot] = normalizeScalar(cell.value ?? null)
        return
      case 'greyed':
        kinds.push(SlotKind.Greyed)
        compiled.push(undefined)
        return
      case 'formula':
        if (cell.formula === undefined) {
          kinds.push(SlotKind.Greyed)
          compiled.push(undefined)
          return
        }
        kinds.push(SlotKind.Formula)
        compiled.push(compileNode(slot, cell.formula, cell.section, cell.key))
    }
  })

  const constraints: PlanConstraint[] = []
  const constraintOf: number[] = new Array<number>(layout.cellCount).fill(-1)
  const addCheck = (index: number, c: ResolvedConstraint, source: string, what: string): number => {
    const slot = kinds.length
    kinds.push(SlotKind.Check)
    initial.push(null)
    constraintOf.push(index)
    compiled.push(compileNode(slot, source, c.place.section, `constraint ${c.id} ${what}`))
    return slot
  }
  template.constraints.forEach((c, index) => {
    const check = addCheck(index, c, c.check, 'check')
    const when = c.when === undefined ? -1 : addCheck(index, c, c.when, 'when')
    const operands = Object.entries(c.operands).map(
      ([name, source]) => [name, addCheck(index, c, source, `operand ${name}`)] as const,
    )
    constraints.push({ constraint: c, check, when, operands })
  })

  const slotCount = kinds.length
  const kind = Uint8Array.from(kinds)
  const isNode = kind.map((k) => (k === SlotKind.Formula || k === SlotKind.Check ? 1 : 0))
  const dependents = buildAdjacency(slotCount, edges)
  const ordering = orderNodes(slotCount, isNode, dependents)
  const cyclePaths = ordering.cycles.map((component) => cyclePath(component, dependents))
  ordering.cycles.forEach((component, i) => {
    const detail = `circular reference ${cyclePaths[i]!.map((s) => layout.keys[s]).join(' -> ')}`
    const error = Object.freeze({ error: '#CYCLE!', detail })
    for (const slot of component) initial[slot] = error
  })
  return {
    layout,
    slotCount,
    kind,
    compiled,
    initial,
    dependents,
    ordering,
    cyclePaths,
    constraints,
    constraintOf: Int32Array.from(constraintOf),
    inputSlots: Int32Array.from(inputSlots),
    external,
  }
}
