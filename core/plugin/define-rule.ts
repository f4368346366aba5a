import type { Rule, RuleDefinition } from './types.js'

const KEBAB = '[a-z0-9]+(?:-[a-z0-9]+)*'
/** `<plugin>/<rule>`, both kebab-case. */
export const RULE_ID = new RegExp(`^${KEBAB}/${KEBAB}$`)
const SEVERITIES = new Set(['error', 'warning', 'info'])

/** Shape problems of a rule, each naming the field (empty when the rule is well-formed). */
export function ruleProblems(rule: unknown): string[] {
  if (typeof rule !== 'object' || rule === null) return ['must be an object from defineRule']
  const r = rule as Partial<Record<keyof RuleDefinition, unknown>>
  const out: string[] = []
  if (typeof r.id !== 'string' || !RULE_ID.test(r.id)) {
    out.push(
      `id ${JSON.stringify(r.id)} must be "<plugin>/<rule>" in kebab-case, e.g. "kstthc/provenance"`,
    )
  }
  if (typeof r.severity !== 'string' || !SEVERITIES.has(r.severity)) {
    out.push(`severity ${JSON.stringify(r.severity)} must be error, warning or info`)
  }
  if (typeof r.description !== 'string' || r.description.trim() === '')
    out.push('description must be a non-empty string')
  if (typeof r.check !== 'function') out.push('check must be a function (ctx) => Diagnostic[]')
  if (
    r.templates !== undefined &&
    !(Array.isArray(r.templates) && r.templates.every((t) => typeof t === 'string'))
  ) {
    out.push('templates must be an array of template codes')
  }
  return out
}

/**
 * Declares a plugin rule: checks its shape and returns a frozen copy.
 *
 * @example
 * const nonNegative = defineRule({
 *   id: 'kstthc/non-negative',
 *   severity: 'error',
 *   description: 'Số hồ sơ không được âm',
 *   check: (ctx) => [],
 * })
 */
export function defineRule(rule: RuleDefinition): Rule {
  const problems = ruleProblems(rule)
  if (problems.length > 0) {
    const id =
      typeof rule === 'object' && rule !== null && typeof rule.id === 'string'
        ? ` "${rule.id}"`
        : ''
    throw new Error(`Invalid rule${id}: ${problems.join('; ')}`)
  }
  const copy: RuleDefinition = {
    id: rule.id,
    severity: rule.severity,
    description: rule.description,
    check: rule.check,
  }
  if (rule.templates !== undefined) copy.templates = Object.freeze([...rule.templates])
  return Object.freeze(copy)
}
