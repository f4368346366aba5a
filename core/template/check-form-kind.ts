import type { TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'

/**
 * `formKind` tells exporters and the designer what to expect: numeric = grids only, narrative =
 * narrative sections only, linked = both. A mismatch is a warning (`core/form-kind`).
 */
export function checkFormKind(def: Readonly<TemplateDefinition>): Diagnostic[] {
  const grids = def.sections.some((s) => s.kind === 'grid')
  const narratives = def.sections.some((s) => s.kind === 'narrative')
  const expected = { numeric: [true, false], narrative: [false, true], linked: [true, true] }[
    def.formKind
  ]
  if (expected[0] === grids && expected[1] === narratives) return []
  const has = [grids ? 'grid' : '', narratives ? 'narrative' : ''].filter(Boolean).join(' and ')
  return [
    {
      ruleId: 'core/form-kind',
      severity: 'warning',
      message: `/formKind: a ${def.formKind} template should have ${
        def.formKind === 'linked'
          ? 'both grid and narrative sections'
          : `only ${def.formKind === 'numeric' ? 'grid' : 'narrative'} sections`
      }, this one has ${has} sections`,
      place: { pointer: '/formKind' },
    },
  ]
}
