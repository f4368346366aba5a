import type { BinaryOp, Value } from './types.js'
import {
  compareValues,
  DIV0,
  NUM,
  formulaError,
  isFormulaError,
  normalizeNumber,
  toNumber,
  toText,
} from './values.js'

/** A compiled node: reads the values array, returns a value. */
export type Ev = (values: ArrayLike<Value>) => Value

type Arith = '+' | '-' | '*' | '/' | '^'

function power(a: number, b: number): Value {
  if (a === 0 && b === 0) return formulaError('#NUM!', '0^0')
  if (a === 0 && b < 0) return DIV0
  return normalizeNumber(Math.pow(a, b))
}

/**
 * Products and quotients keep full double precision, as Excel computes (so `1/3*3` is 1); sums and
 * differences are normalised at once, because that is where binary fractions show (`0.1+0.2`).
 * Cell results and comparisons are normalised too (compile.ts, compareValues).
 */
function finite(n: number): Value {
  return Number.isFinite(n) ? n : NUM
}

/** Arithmetic on two numbers; the hot path calls this only for `/` and `^`. */
function numeric(op: Arith, a: number, b: number): Value {
  switch (op) {
    case '+':
      return normalizeNumber(a + b)
    case '-':
      return normalizeNumber(a - b)
    case '*':
      return finite(a * b)
    case '/':
      return b === 0 ? DIV0 : finite(a / b)
    case '^':
      return power(a, b)
  }
}

/** Arithmetic when a side is not a number: errors first (left wins), then Excel's coercion. */
function coerced(op: Arith, a: Value, b: Value): Value {
  const x = toNumber(a)
  if (typeof x !== 'number') return x
  const y = toNumber(b)
  if (typeof y !== 'number') return y
  return numeric(op, x, y)
}

function arithmetic(op: Arith, l: Ev, r: Ev): Ev {
  // One closure per operator keeps the numeric case branch-free and inlinable.
  switch (op) {
    case '+':
      return (v) => {
        const a = l(v)
        const b = r(v)
        return typeof a === 'number' && typeof b === 'number'
          ? normalizeNumber(a + b)
          : coerced(op, a, b)
      }
    case '-':
      return (v) => {
        const a = l(v)
        const b = r(v)
        return typeof a === 'number' && typeof b === 'number'
          ? normalizeNumber(a - b)
          : coerced(op, a, b)
      }
    case '*':
      return (v) => {
        const a = l(v)
        const b = r(v)
        return typeof a === 'number' && typeof b === 'number' ? finite(a * b) : coerced(op, a, b)
      }
    default:
      return (v) => {
        const a = l(v)
        const b = r(v)
        return typeof a === 'number' && typeof b === 'number'
          ? numeric(op, a, b)
          : coerced(op, a, b)
      }
  }
}

function comparison(op: BinaryOp, l: Ev, r: Ev): Ev {
  const test: (c: number) => boolean =
    op === '='
      ? (c) => c === 0
      : op === '<>'
        ? (c) => c !== 0
        : op === '<'
          ? (c) => c < 0
          : op === '<='
            ? (c) => c <= 0
            : op === '>'
              ? (c) => c > 0
              : (c) => c >= 0
  return (v) => {
    const a = l(v)
    const b = r(v)
    if (isFormulaError(a)) return a
    if (isFormulaError(b)) return b
    return test(compareValues(a, b))
  }
}

function concat(l: Ev, r: Ev): Ev {
  return (v) => {
    const a = l(v)
    const b = r(v)
    if (isFormulaError(a)) return a
    if (isFormulaError(b)) return b
    return toText(a) + toText(b)
  }
}

export function compileBinary(op: BinaryOp, l: Ev, r: Ev): Ev {
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '^':
      return arithmetic(op, l, r)
    case '&':
      return concat(l, r)
    default:
      return comparison(op, l, r)
  }
}

export function compileUnary(op: '-' | '+' | '%', arg: Ev): Ev {
  switch (op) {
    case '-':
      return (v) => {
        const a = arg(v)
        const n = typeof a === 'number' ? a : toNumber(a)
        return typeof n === 'number' ? (n === 0 ? 0 : -n) : n
      }
    case '%':
      return (v) => {
        const a = arg(v)
        const n = typeof a === 'number' ? a : toNumber(a)
        return typeof n === 'number' ? normalizeNumber(n / 100) : n
      }
    case '+':
      // Excel's unary plus changes nothing, but an empty cell shows as 0.
      return (v) => arg(v) ?? 0
  }
}
