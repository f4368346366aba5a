import type { Diagnostic } from '../diagnostics.js'
import type { Value } from '../formula/types.js'
import { formatConstraintMessage } from '../rules/index.js'
import { showValue } from './input-check.js'
import type { PlanConstraint } from './plan.js'

function describeError(value: Value): string {
  if (value === null || typeof value !== 'object') return showValue(value)
  return value.detail === undefined ? value.error : `${value.error} (${value.detail})`
}

/**
 * The diagnostic of one constraint for the current values, or null when it holds or its
 * precondition is not TRUE. A check or precondition that evaluates to an error is a failure:
 * the rule could not be verified, and saying so beats hiding it.
 */
export function checkConstraint(pc: PlanConstraint, values: ArrayLike<Value>): Diagnostic | null {
  const c = pc.constraint
  let broken: string | undefined
  if (pc.when >= 0) {
    const when = values[pc.when]!
    if (typeof when === 'object' && when !== null)
      broken = `the precondition evaluates to ${describeError(when)}`
    else if (when !== true) return null
  }
  const check = values[pc.check]!
  if (broken === undefined) {
    if (check === true) return null
    if (typeof check === 'object' && check !== null)
      broken = `the check evaluates to ${describeError(check)}`
  }
  const operandValues: Record<string, Value> = {}
  for (const [name, slot] of pc.operands) operandValues[name] = values[slot]!
  const text =
    c.message === ''
      ? `constraint ${c.id} does not hold`
      : formatConstraintMessage(c, operandValues)
  return {
    ruleId: c.ruleId,
    severity: c.severity,
    message: broken === undefined ? text : `${text} (${broken})`,
    place: { ...c.place, pointer: c.pointer },
    values: operandValues,
  }
}
