import type { SubmissionDocument } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import type { ExternalValues, FunctionRegistry, Scalar, Value } from '../formula/types.js'
import { expandDynamicRows } from '../template/expand-dynamic-rows.js'
import type { CellKey, ResolvedTemplate } from '../template/types.js'
import { checkConstraint } from './constraint-check.js'
import { inputProblems, valuePointer } from './input-check.js'
import { slotOfKey } from './layout.js'
import { builtinFunctions, planFor, SlotKind, type Plan } from './plan.js'
import { RankHeap } from './rank-heap.js'
import { normalizeScalar, valueEquals } from './values.js'

/**
 * What a workbook is built with besides its template.
 *
 * @example
 * const opts: WorkbookOptions = { functions: engine.functions, values: submission.values, external }
 */
export interface WorkbookOptions {
  /** Formula functions (built-ins plus plugin functions); default: the built-ins. */
  functions?: FunctionRegistry
  /** Previous-period, year-to-date, child-unit and cross-template values. */
  external?: ExternalValues
  /** Input values to start from, in submission form. */
  values?: SubmissionDocument['values']
  /**
   * Rows the reporter added to dynamic rows (the submission's `dynamicRows`): the workbook is
   * built on `expandDynamicRows(template, dynamicRows)`, so `workbook.template` has them.
   */
  dynamicRows?: SubmissionDocument['dynamicRows']
}

/**
 * A template filled with values: evaluates formulas and constraints, incrementally on edits.
 *
 * @example
 * const book: Workbook = createWorkbook(template)
 * const changed = book.set('main!r1.c1', 12) // re-render just these cells
 * const blocking = hasErrors(book.diagnostics())
 */
export interface Workbook {
  /** The template evaluated: the one given, expanded with `dynamicRows` when given. */
  readonly template: ResolvedTemplate
  /** The value of a cell (`section!row.col`); throws for a key that is not a cell of the template. */
  get(key: CellKey): Value
  /**
   * Sets an input cell; returns every cell key whose value changed (inputs and recomputed
   * formulas). Throws for an unknown key or a cell that is not an input (a programmer error);
   * a value of the wrong type is stored and reported by `diagnostics()`.
   */
  set(key: CellKey, value: Scalar): CellKey[]
  /** Sets many input cells at once (one recompute); the last value of a repeated key wins. */
  setMany(entries: Iterable<readonly [CellKey, Scalar]>): CellKey[]
  /**
   * Current constraint failures + input type/range/required problems + ignored loaded values +
   * problems of the added-row lists (`core/dynamic-row`, from `template.expansion`).
   */
  diagnostics(): Diagnostic[]
  /** Non-empty input values in submission form. */
  inputValues(): SubmissionDocument['values']
  /** Every cell value, for export and display. */
  snapshot(): Map<CellKey, Value>
}

/**
 * Builds the workbook of a template: every formula compiled once over integer slots (shared by all
 * workbooks of the template), evaluated in dependency order; `set` recomputes only what an edit
 * reaches. Cells on a circular reference hold `#CYCLE!`. The template is first expanded with the
 * reporter's added rows (`expandDynamicRows`; a no-op for templates without dynamic rows), and
 * the expansion is cached, so workbooks of the same lists share one compiled plan.
 *
 * @example
 * const book = createWorkbook(template, { values: { main: { r1: { c1: 2, c2: 3 } } } })
 * book.get('main!r1.c3') // 5 when c3 = @.c1 + @.c2
 * book.set('main!r1.c1', 10) // ['main!r1.c1', 'main!r1.c3', ...]
 * book.diagnostics() // constraint failures and input problems
 * createWorkbook(template, { values, dynamicRows: { main: ['ds_1'] } }).get('main!ds_1.c3')
 */
export function createWorkbook(given: ResolvedTemplate, opts: WorkbookOptions = {}): Workbook {
  const template = expandDynamicRows(given, opts.dynamicRows)
  const plan = planFor(template, opts.functions ?? builtinFunctions())
  const book = new SheetWorkbook(template, plan, opts.external)
  if (opts.values !== undefined) book.load(opts.values)
  book.evaluateAll()
  return book
}

/**
 * A workbook whose input slots are filled by the caller before the first evaluation (aggregation
 * fills them from many submissions without building a values document).
 */
export function createWorkbookFromInputs(
  given: ResolvedTemplate,
  fill: (values: Value[], plan: Plan) => void,
  opts: Omit<WorkbookOptions, 'values'> = {},
): Workbook {
  const template = expandDynamicRows(given, opts.dynamicRows)
  const plan = planFor(template, opts.functions ?? builtinFunctions())
  const book = new SheetWorkbook(template, plan, opts.external)
  fill(book.values, plan)
  book.evaluateAll()
  return book
}

class SheetWorkbook implements Workbook {
  readonly values: Value[]
  private readonly loadProblems: Diagnostic[]
  // Diagnostics are kept per input cell and per constraint and only recomputed for what an edit
  // touched ("stale"); the assembled list is cached until something goes stale.
  private readonly inputDiagnostics: (readonly Diagnostic[])[]
  private readonly inputStale: Uint8Array
  private staleInputs: number[]
  private readonly inputsWithProblems = new Set<number>()
  private readonly constraintDiagnostics: (Diagnostic | null)[]
  private readonly constraintStale: Uint8Array
  private staleConstraints: number[]
  private assembled: Diagnostic[] | undefined
  /** Made on the first edit: a workbook that is only read (export, aggregation) never needs it. */
  private heap: RankHeap | undefined

  constructor(
    readonly template: ResolvedTemplate,
    private readonly plan: Plan,
    private readonly external: ExternalValues | undefined,
  ) {
    this.values = plan.initial.slice()
    this.loadProblems = template.expansion?.diagnostics.slice() ?? []
    this.inputDiagnostics = new Array<readonly Diagnostic[]>(plan.layout.cellCount)
    this.inputStale = new Uint8Array(plan.layout.cellCount)
    for (const slot of plan.inputSlots) this.inputStale[slot] = 1
    this.staleInputs = Array.from(plan.inputSlots)
    this.constraintDiagnostics = new Array<Diagnostic | null>(plan.constraints.length).fill(null)
    this.constraintStale = new Uint8Array(plan.constraints.length).fill(1)
    this.staleConstraints = plan.constraints.map((_, i) => i)
  }

  /** Stores loaded input values; values for cells that cannot take them become diagnostics. */
  load(doc: SubmissionDocument['values']): void {
    const { layout, kind } = this.plan
    for (const sectionId in doc) {
      const rows = doc[sectionId]!
      const entry = layout.sections.get(sectionId)
      for (const rowId in rows) {
        const cols = rows[rowId]!
        const r = entry?.section.rowIndex.get(rowId)
        for (const colId in cols) {
          const value = cols[colId]!
          const c = entry?.section.colIndex.get(colId)
          const slot =
            entry === undefined || r === undefined || c === undefined
              ? -1
              : entry.base + r * entry.section.columns.length + c
          if (slot < 0 || kind[slot] !== SlotKind.Input) {
            const why =
              slot < 0
                ? 'is not a cell of this template'
                : `is a ${layout.cells[slot]!.kind} cell, not an input`
            this.ignore(sectionId, rowId, colId, value, why)
          } else if (value !== null && typeof value === 'object') {
            this.ignore(sectionId, rowId, colId, value, 'holds an object, not a cell value')
          } else {
            this.values[slot] = normalizeFor(layout.keys[slot]!, value)
          }
        }
      }
    }
  }

  private ignore(section: string, row: string, col: string, value: unknown, why: string): void {
    const place = { section, row, col, pointer: valuePointer({ section, row, col }) }
    this.loadProblems.push({
      ruleId: 'core/unknown-cell',
      severity: 'error',
      message: `${section}!${row}.${col} ${why}; its value is ignored`,
      place,
      values: { value },
    })
  }

  evaluateAll(): void {
    const { order } = this.plan.ordering
    const { compiled } = this.plan
    const values = this.values
    this.withExternal(() => {
      for (let i = 0; i < order.length; i++) {
        const slot = order[i]!
        values[slot] = compiled[slot]!(values)
      }
    })
  }

  private withExternal(run: () => void): void {
    const holder = this.plan.external
    const previous = holder.current
    holder.current = this.external
    try {
      run()
    } finally {
      holder.current = previous
    }
  }

  private slotOf(key: CellKey): number {
    const slot = slotOfKey(this.plan.layout, key)
    if (slot < 0) throw new Error(`${key} is not a cell of template ${this.template.code}`)
    return slot
  }

  get(key: CellKey): Value {
    return this.values[this.slotOf(key)]!
  }

  set(key: CellKey, value: Scalar): CellKey[] {
    return this.setMany([[key, value]])
  }

  setMany(entries: Iterable<readonly [CellKey, Scalar]>): CellKey[] {
    const { layout, kind } = this.plan
    // Check every entry before changing anything, so a bad call leaves the workbook as it was.
    const updates = new Map<number, Scalar>()
    for (const [key, value] of entries) {
      const slot = this.slotOf(key)
      if (kind[slot] !== SlotKind.Input) {
        throw new Error(`${key} is a ${layout.cells[slot]!.kind} cell; only input cells can be set`)
      }
      updates.set(slot, normalizeFor(key, value))
    }
    const changed: number[] = []
    for (const [slot, value] of updates) {
      if (valueEquals(this.values[slot]!, value)) continue
      this.values[slot] = value
      if (this.inputStale[slot] === 0) {
        this.inputStale[slot] = 1
        this.staleInputs.push(slot)
      }
      this.assembled = undefined
      changed.push(slot)
    }
    const keys = changed.map((slot) => layout.keys[slot]!)
    if (changed.length > 0) this.withExternal(() => this.propagate(changed, keys))
    return keys
  }

  /** Re-evaluates, in dependency order, only the nodes whose inputs changed value. */
  private propagate(changed: readonly number[], keys: CellKey[]): void {
    const { compiled, dependents, constraintOf, layout } = this.plan
    const { start, targets } = dependents
    const values = this.values
    const heap = (this.heap ??= new RankHeap(this.plan.ordering.rank, this.plan.slotCount))
    for (const slot of changed) {
      for (let i = start[slot]!; i < start[slot + 1]!; i++) heap.push(targets[i]!)
    }
    while (heap.size > 0) {
      const slot = heap.pop()
      const value = compiled[slot]!(values)
      if (valueEquals(values[slot]!, value)) continue
      values[slot] = value
      if (slot < layout.cellCount) keys.push(layout.keys[slot]!)
      else {
        const c = constraintOf[slot]!
        if (this.constraintStale[c] === 0) {
          this.constraintStale[c] = 1
          this.staleConstraints.push(c)
          this.assembled = undefined
        }
      }
      for (let i = start[slot]!; i < start[slot + 1]!; i++) heap.push(targets[i]!)
    }
  }

  diagnostics(): Diagnostic[] {
    this.assembled ??= this.assemble()
    return this.assembled.slice()
  }

  private assemble(): Diagnostic[] {
    const { layout, constraints } = this.plan
    for (const slot of this.staleInputs) {
      const found = inputProblems(layout.cells[slot]!, layout.columns[slot]!, this.values[slot]!)
      this.inputDiagnostics[slot] = found
      if (found.length > 0) this.inputsWithProblems.add(slot)
      else this.inputsWithProblems.delete(slot)
      this.inputStale[slot] = 0
    }
    this.staleInputs = []
    for (const i of this.staleConstraints) {
      this.constraintDiagnostics[i] = checkConstraint(constraints[i]!, this.values)
      this.constraintStale[i] = 0
    }
    this.staleConstraints = []
    const out = this.loadProblems.slice()
    const slots = Array.from(this.inputsWithProblems).sort((a, b) => a - b)
    for (const slot of slots) out.push(...this.inputDiagnostics[slot]!)
    for (const d of this.constraintDiagnostics) if (d !== null) out.push(d)
    return out
  }

  inputValues(): SubmissionDocument['values'] {
    const { layout, inputSlots } = this.plan
    const out: SubmissionDocument['values'] = {}
    for (let i = 0; i < inputSlots.length; i++) {
      const slot = inputSlots[i]!
      const value = this.values[slot]
      if (value === null || value === undefined || typeof value === 'object') continue
      const cell = layout.cells[slot]!
      ;((out[cell.section] ??= {})[cell.row] ??= {})[cell.col] = value
    }
    return out
  }

  snapshot(): Map<CellKey, Value> {
    const { keys, cellCount } = this.plan.layout
    const out = new Map<CellKey, Value>()
    for (let slot = 0; slot < cellCount; slot++) out.set(keys[slot]!, this.values[slot]!)
    return out
  }
}

function normalizeFor(key: CellKey, value: Scalar): Scalar {
  try {
    return normalizeScalar(value)
  } catch (e) {
    throw new Error(`${key}: ${(e as Error).message}`, { cause: e })
  }
}
