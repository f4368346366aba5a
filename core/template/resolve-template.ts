import type { TemplateDefinition } from '../../schemas/generated/index.js'
import { resolveNarrativeSection } from '../narrative/index.js'
import { resolveConstraints } from '../rules/index.js'
import { resolveGridSection } from './resolve-grid.js'
import type { ResolvedSection, ResolvedTemplate } from './types.js'

/**
 * Turns a schema-valid definition into the resolved template every later phase works on:
 * grid sections with outline, merged headers and one cell per row x column (formulas canonical,
 * `@` bound), narrative sections numbered, constraints expanded into formulas. It does not check:
 * call `loadTemplate` for a definition you have not validated.
 *
 * @example
 * const t = resolveTemplate(definition)
 * t.sectionIndex.get('main')?.kind // 'grid'
 */
export function resolveTemplate(def: Readonly<TemplateDefinition>): ResolvedTemplate {
  const sections: ResolvedSection[] = def.sections.map((section, s) =>
    section.kind === 'grid' ? resolveGridSection(section, s) : resolveNarrativeSection(section),
  )
  const sectionIndex = new Map<string, ResolvedSection>()
  for (const section of sections)
    if (!sectionIndex.has(section.id)) sectionIndex.set(section.id, section)
  return {
    definition: def,
    code: def.code,
    version: def.version,
    sections,
    sectionIndex,
    constraints: resolveConstraints(def, sections),
  }
}
