import { conditionalFunctions } from './functions/conditional.js'
import { externalFunctions } from './functions/external.js'
import { logicalFunctions } from './functions/logical.js'
import { lookupFunctions } from './functions/lookup.js'
import { roundFunctions } from './functions/round.js'
import { textFunctions } from './functions/text.js'
import { hotFormulaParserFunctions } from './hfp-functions.js'
import type { FormulaFunction, FunctionRegistry } from './types.js'

const OWN: readonly FormulaFunction[] = [
  ...logicalFunctions,
  ...conditionalFunctions,
  ...roundFunctions,
  ...lookupFunctions,
  ...textFunctions,
  ...externalFunctions,
]

const BUILT_INS: ReadonlyMap<string, FormulaFunction> = new Map(
  [...OWN, ...hotFormulaParserFunctions(new Set(OWN.map((f) => f.name)))].map((f) => [
    f.name,
    Object.freeze(f),
  ]),
)

const NAME = /^[A-Z_][A-Z0-9_]*(?:\.[A-Z_][A-Z0-9_]*)*$/

/**
 * Identity helper that types a plugin's formula function.
 *
 * @example
 * export const tyLe = defineFunction({
 *   name: 'TY_LE', minArgs: 2, maxArgs: 2, description: 'Tỷ lệ phần trăm',
 *   evaluate: ([a, b]) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? (a / b) * 100 : null),
 * })
 */
export function defineFunction(fn: FormulaFunction): FormulaFunction {
  return fn
}

/**
 * A frozen registry of core's built-in functions (Excel's, through hot-formula-parser, plus IFERROR,
 * VLOOKUP, TEXT & co and the period functions) and `extra`. Names are case-insensitive. A name
 * defined twice (or clashing with a built-in) throws an Error naming it.
 *
 * @example
 * const functions = createFunctionRegistry([tyLe])
 * functions.has('ty_le') // true
 * createFunctionRegistry([{ ...tyLe, name: 'SUM' }]) // throws: formula function SUM is already defined
 */
export function createFunctionRegistry(extra: readonly FormulaFunction[] = []): FunctionRegistry {
  const all = new Map(BUILT_INS)
  for (const fn of extra) {
    const name = String(fn.name).toUpperCase()
    if (!NAME.test(name)) {
      throw new Error(
        `formula function name ${JSON.stringify(fn.name)} is not valid (letters, digits, _ and .)`,
      )
    }
    if (all.has(name)) {
      const by = BUILT_INS.has(name) ? ' (built-in)' : ''
      throw new Error(`formula function ${name} is already defined${by}`)
    }
    if (typeof fn.evaluate !== 'function')
      throw new Error(`formula function ${name} has no evaluate()`)
    all.set(name, Object.freeze(name === fn.name ? fn : { ...fn, name }))
  }
  const names = [...all.keys()].sort()
  return Object.freeze({
    has: (name: string) => all.has(name.toUpperCase()),
    get: (name: string) => all.get(name.toUpperCase()),
    names: () => [...names],
  })
}
