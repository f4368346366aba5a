import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { ResolvedConstraint, ResolvedSection } from '../template/types.js'
import { expandConstraint } from './expand-constraint.js'
import { GridLookup } from './grid-lookup.js'
import { sumChildrenRules } from './sum-children.js'

/**
 * Turns the template's constraints into formulas the sheet evaluates: each kind becomes a `check`
 * that is TRUE when the rule holds (tolerances, missing-value strategy included), preconditions
 * become `when`, forEachRow / forEachColumn expand over the data rows / numeric columns, and
 * sections with `sumChildren` get generated `core/sum-children` rules. References are
 * section-qualified. Unqualified references of a constraint without forEach point into the first
 * grid section.
 *
 * @example
 * resolveConstraints(def, resolveTemplate(def).sections)[0]
 * // { id: 'can_doi_r1', ruleId: 'template/can_doi', check: 'main!r1.c3=main!r1.c7+main!r1.c11', ... }
 */
export function resolveConstraints(
  def: Readonly<TemplateDefinition>,
  sections: readonly ResolvedSection[],
): ResolvedConstraint[] {
  const grids = new GridLookup(sections)
  const taken = new Set((def.constraints ?? []).map((c) => c.id))
  const unique = (hint: string): string => {
    let id = hint
    for (let n = 2; taken.has(id); n++) id = `${hint}_${n}`
    taken.add(id)
    return id
  }
  const out: ResolvedConstraint[] = []
  def.constraints?.forEach((c, i) => {
    const expanded = c.forEachRow !== undefined || c.forEachColumn !== undefined
    for (const { suffix, draft } of expandConstraint(c, grids)) {
      out.push({
        ...draft,
        id: expanded ? unique(`${c.id}_${suffix}`) : c.id,
        ruleId: `template/${c.id}`,
        severity: c.severity,
        kind: c.kind,
        pointer: `/constraints/${i}`,
      })
    }
  })
  sections.forEach((section, s) => {
    if (section.kind !== 'grid') return
    for (const { idHint, ...rule } of sumChildrenRules(def, section, s))
      out.push({ ...rule, id: unique(idHint) })
  })
  return out
}
