import type { FormulaFunction } from '../types.js'
import { formulaError } from '../values.js'

const compiledOnly = (name: string): FormulaFunction['evaluate'] => {
  const error = formulaError(
    '#N/A',
    `${name} reads outside values; only compiled formulas can evaluate it`,
  )
  return () => error
}

/**
 * Period and child-unit functions. They are listed for autocomplete and name checks; the
 * compiler turns each call into `external.get(kind, ref, arg)`.
 */
export const externalFunctions: FormulaFunction[] = [
  {
    name: 'PREV_PERIOD',
    minArgs: 1,
    maxArgs: 1,
    description: 'PREV_PERIOD(cell): the value of the cell in the previous period',
    evaluate: compiledOnly('PREV_PERIOD'),
  },
  {
    name: 'SAME_PERIOD_LAST_YEAR',
    minArgs: 1,
    maxArgs: 1,
    description: 'SAME_PERIOD_LAST_YEAR(cell): the value of the cell in the same period last year',
    evaluate: compiledOnly('SAME_PERIOD_LAST_YEAR'),
  },
  {
    name: 'YEAR_TO_DATE',
    minArgs: 1,
    maxArgs: 1,
    description:
      'YEAR_TO_DATE(cell): the cell accumulated from the start of the year to this period',
    evaluate: compiledOnly('YEAR_TO_DATE'),
  },
  {
    name: 'CHILD_VALUE',
    minArgs: 2,
    maxArgs: 2,
    description: 'CHILD_VALUE("unit code", cell): the value of the cell in a child unit\'s report',
    evaluate: compiledOnly('CHILD_VALUE'),
  },
]
