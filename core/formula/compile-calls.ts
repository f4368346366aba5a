import {
  compileArg,
  compileExternal,
  compileNode,
  constant,
  rangeSlots,
  refSlot,
} from './compile.js'
import type { ArgEv } from './compile.js'
import type { Ev } from './compile-ops.js'
import { foldLogical } from './functions/logical.js'
import { thrownToError } from './hfp-functions.js'
import { EXTERNAL_FUNCTIONS } from './refs.js'
import type { Ast, CompileEnv, FormulaFunction, Matrix, Value } from './types.js'
import { formulaError, isFormulaError, normalizeNumber, toBoolean, toNumber } from './values.js'

type Call = Extract<Ast, { type: 'call' }>

/** Lazy special forms: only the branch that is needed gets evaluated. */
const SPECIAL: Readonly<Record<string, (args: Ev[], name: string) => Ev>> = {
  IF: ([cond, then, otherwise]) => {
    const c = cond as Ev
    const t = then as Ev
    const o = otherwise ?? constant(false)
    return (v) => {
      const x = c(v)
      const b = typeof x === 'boolean' ? x : toBoolean(x)
      if (typeof b !== 'boolean') return b
      return b ? t(v) : o(v)
    }
  },
  IFERROR: ([value, fallback]) => {
    const a = value as Ev
    const f = fallback as Ev
    return (v) => {
      const x = a(v)
      return isFormulaError(x) ? f(v) : x
    }
  },
  IFNA: ([value, fallback]) => {
    const a = value as Ev
    const f = fallback as Ev
    return (v) => {
      const x = a(v)
      return isFormulaError(x) && x.error === '#N/A' ? f(v) : x
    }
  },
  IFS: (args) => (v) => {
    for (let i = 0; i + 1 < args.length; i += 2) {
      const x = (args[i] as Ev)(v)
      const b = typeof x === 'boolean' ? x : toBoolean(x)
      if (typeof b !== 'boolean') return b
      if (b) return (args[i + 1] as Ev)(v)
    }
    return formulaError('#N/A', 'IFS: no condition is TRUE')
  },
  CHOOSE: ([index, ...choices]) => {
    const at = index as Ev
    return (v) => {
      const n = toNumber(at(v))
      if (typeof n !== 'number') return n
      const choice = choices[Math.trunc(n) - 1]
      return choice === undefined
        ? formulaError('#VALUE!', `CHOOSE index ${n} is not between 1 and ${choices.length}`)
        : choice(v)
    }
  },
}

const ARITY: Readonly<Record<string, readonly [number, number]>> = {
  IF: [2, 3],
  IFERROR: [2, 2],
  IFNA: [2, 2],
  IFS: [2, Infinity],
  CHOOSE: [2, Infinity],
  AND: [1, Infinity],
  OR: [1, Infinity],
}

function arityError(name: string, count: number, min: number, max: number): Value | undefined {
  if (count >= min && count <= max) return undefined
  const expected =
    min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`
  const plural = (max === Infinity ? min : max) === 1 ? '' : 's'
  return formulaError('#VALUE!', `${name} expects ${expected} argument${plural}, got ${count}`)
}

export function compileCall(ast: Call, env: CompileEnv): Ev {
  const name = ast.name.toUpperCase()
  const external = EXTERNAL_FUNCTIONS[name]
  if (external !== undefined) {
    const wrong = arityError(name, ast.args.length, external.arity, external.arity)
    if (wrong !== undefined) return constant(wrong)
    const target = ast.args[external.refArg] as Ast
    if (target.type !== 'ref') {
      return constant(
        formulaError(
          '#VALUE!',
          `${name} needs a cell reference as argument ${external.refArg + 1}`,
        ),
      )
    }
    const unit = external.refArg > 0 ? compileNode(ast.args[0] as Ast, env) : undefined
    return compileExternal(external.kind, target.ref, unit, env)
  }
  const arity = ARITY[name]
  if (arity !== undefined) {
    const wrong = arityError(name, ast.args.length, arity[0], arity[1])
    if (wrong !== undefined) return constant(wrong)
    if (name === 'IFS' && ast.args.length % 2 === 1) {
      return constant(formulaError('#VALUE!', 'IFS expects condition, value pairs'))
    }
  }
  const special = SPECIAL[name]
  if (special !== undefined)
    return special(
      ast.args.map((a) => compileNode(a, env)),
      name,
    )
  if (name === 'AND' || name === 'OR') {
    const args = ast.args.map((a) => compileArg(a, env))
    return (v) => foldLogical(name, evaluateArgs(args, v))
  }
  if (name === 'SUM') return compileSum(ast.args, env)
  const fn = env.functions.get(name)
  if (fn === undefined) return constant(formulaError('#NAME?', `unknown function ${name}`))
  const wrong = arityError(name, ast.args.length, fn.minArgs, fn.maxArgs)
  if (wrong !== undefined) return constant(wrong)
  const args = ast.args.map((a) => compileArg(a, env))
  return (v) => invoke(fn, evaluateArgs(args, v))
}

function evaluateArgs(args: readonly ArgEv[], v: ArrayLike<Value>): (Value | Matrix)[] {
  const out: (Value | Matrix)[] = new Array(args.length)
  for (let i = 0; i < args.length; i++) out[i] = (args[i] as ArgEv)(v)
  return out
}

/** Calls a function; what it throws or returns that is not a value becomes an error value. */
function invoke(fn: FormulaFunction, args: (Value | Matrix)[]): Value {
  let result: unknown
  try {
    result = fn.evaluate(args)
  } catch (e) {
    return thrownToError(e, fn.name)
  }
  switch (typeof result) {
    case 'number':
      return normalizeNumber(result)
    case 'string':
    case 'boolean':
      return result
    case 'undefined':
      return null
  }
  if (result === null || isFormulaError(result)) return result
  return formulaError('#VALUE!', `${fn.name} returned something that is not a value`)
}

type SumPart = { slots: number[] } | { ev: Ev }

/**
 * SUM without building matrices: references and ranges are summed straight from their slots
 * (text, logicals and empty cells in them are skipped, as in Excel); other arguments are coerced.
 */
function compileSum(args: readonly Ast[], env: CompileEnv): Ev {
  const parts: SumPart[] = []
  const slotPart = (slots: number[]): void => {
    const last = parts[parts.length - 1]
    if (last !== undefined && 'slots' in last) last.slots.push(...slots)
    else parts.push({ slots: [...slots] })
  }
  for (const arg of args) {
    if (arg.type === 'ref' && arg.ref.template === undefined) {
      const slot = refSlot(arg.ref, env)
      if (typeof slot === 'number') slotPart([slot])
      else parts.push({ ev: constant(slot) })
    } else if (arg.type === 'range') {
      const slots = rangeSlots(arg.range, env)
      if (isFormulaError(slots)) parts.push({ ev: constant(slots) })
      else slotPart(slots.flat())
    } else parts.push({ ev: compileNode(arg, env) })
  }
  const only = parts.length === 1 ? parts[0] : parts.length === 0 ? { slots: [] } : undefined
  if (only !== undefined && 'slots' in only) {
    const slots = only.slots
    return (v) => {
      let acc = 0
      for (let i = 0; i < slots.length; i++) {
        const x = v[slots[i] as number]
        if (typeof x === 'number') acc += x
        else if (isFormulaError(x)) return x
      }
      return normalizeNumber(acc)
    }
  }
  return (v) => {
    let acc = 0
    for (const part of parts) {
      if ('slots' in part) {
        for (const slot of part.slots) {
          const x = v[slot]
          if (typeof x === 'number') acc += x
          else if (isFormulaError(x)) return x
        }
      } else {
        const n = toNumber(part.ev(v))
        if (typeof n !== 'number') return n
        acc += n
      }
    }
    return normalizeNumber(acc)
  }
}
