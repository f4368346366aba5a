/**
 * Values and errors of the formula language. Errors are values: evaluating never throws.
 */
export type ErrorCode =
  '#DIV/0!' | '#N/A' | '#NAME?' | '#NULL!' | '#NUM!' | '#REF!' | '#VALUE!' | '#ERROR!' | '#CYCLE!'

export interface FormulaError {
  readonly error: ErrorCode
  /** Human-readable cause, e.g. which reference or function. */
  readonly detail?: string
}

export type Scalar = number | string | boolean | null
export type Value = Scalar | FormulaError
/** A rectangular block of values, row-major (what a range reference evaluates to). */
export type Matrix = Value[][]

/**
 * A reference to one cell by stable ids. `row`/`col` may be `@` (the current row/column of a
 * column- or row-wide formula) until bound with `bindRelative`.
 */
export interface CellRef {
  /** Another template by code (cross-template reference); absent = this template. */
  template?: string
  /** Section id; absent = the section the formula lives in. */
  section?: string
  row: string
  col: string
}

export interface RangeRef {
  from: CellRef
  to: CellRef
}

/** Metadata and implementation of a formula function (built-in or contributed by a plugin). */
export interface FormulaFunction {
  /** UPPER_SNAKE (or Excel's own name, e.g. IFERROR). */
  name: string
  minArgs: number
  /** Infinity for variadic. */
  maxArgs: number
  /** Short description shown in the designer's autocomplete. */
  description?: string
  /** Arguments arrive evaluated; ranges arrive as Matrix. Return an error value, never throw. */
  evaluate(args: ReadonlyArray<Value | Matrix>): Value
}

/**
 * Values that the runtime feeds from outside the current report instance:
 * previous period, same period last year, year-to-date, a child unit's value, another template's value.
 * For `year-to-date` of the report's own template the source gives the sum of the earlier periods
 * of the year; the formula adds the cell's current value itself (a dependency like any reference).
 */
export type ExternalKind =
  'prev-period' | 'same-period-last-year' | 'year-to-date' | 'child-unit' | 'other-template'

export interface ExternalValues {
  get(kind: ExternalKind, ref: CellRef, arg?: Scalar): Value
}

/** Parsed formula. Produced by `parseFormula`, printed back by `formatFormula`. */
export type Ast =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'error'; code: ErrorCode }
  | { type: 'ref'; ref: CellRef }
  | { type: 'range'; range: RangeRef }
  /** `name` is upper-cased. */
  | { type: 'call'; name: string; args: Ast[] }
  | { type: 'unary'; op: UnaryOp; arg: Ast }
  | { type: 'binary'; op: BinaryOp; left: Ast; right: Ast }

export type UnaryOp = '-' | '+' | '%'
export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '<=' | '>' | '>='

/** Where and why a formula does not parse. `message` names the token and its offset. */
export interface FormulaSyntaxError {
  message: string
  /** The offending source text ('' at the end of the formula). */
  token: string
  /** 0-based index of the token in the source string (a leading `=` counts). */
  offset: number
}

export type ParseResult = { ok: true; ast: Ast } | { ok: false; error: FormulaSyntaxError }

/** Read-only set of formula functions, looked up case-insensitively. */
export interface FunctionRegistry {
  has(name: string): boolean
  get(name: string): FormulaFunction | undefined
  /** Upper-case names, sorted. */
  names(): string[]
}

/** What `compileFormula` needs to turn references into slots of the values array. */
export interface CompileEnv {
  /** Section of the formula, for unqualified references. */
  section: string
  functions: FunctionRegistry
  /** Index into the values array, or an error value (usually #REF!). */
  slotOf(ref: CellRef): number | FormulaError
  /** Row-major slots of a range, or an error value (usually #REF!). */
  slotsOf(range: RangeRef): number[][] | FormulaError
  external?: ExternalValues
  /** Code of the formula's template: YEAR_TO_DATE of its own cells adds their current value. */
  template?: string
}

/** A compiled formula: evaluate it against the current values as often as needed. Never throws. */
export type Compiled = (values: ArrayLike<Value>) => Value
