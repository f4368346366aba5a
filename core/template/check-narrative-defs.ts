import type { Severity, TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { parseFormula } from '../formula/index.js'
import { embeddedRefs } from '../narrative/index.js'
import { referenceProblem } from './check-references.js'
import { jsonPointer } from './json-pointer.js'
import type { TemplateIndex } from './template-index.js'

/**
 * Narrative items: embedded `{{ref}}` figures must name a cell of this report
 * (`core/formula-syntax`, `core/unknown-reference`); length limits must be consistent
 * (`core/type-mismatch`); limits on an item the reporter does not write are flagged.
 */
export function checkNarrativeDefinitions(
  def: Readonly<TemplateDefinition>,
  index: TemplateIndex,
): Diagnostic[] {
  const out: Diagnostic[] = []
  const emit = (ruleId: string, severity: Severity, pointer: string, message: string): void => {
    out.push({ ruleId, severity, message: `${pointer}: ${message}`, place: { pointer } })
  }
  def.sections.forEach((section, s) => {
    if (section.kind !== 'narrative') return
    section.items.forEach((item, i) => {
      const at = jsonPointer('sections', s, 'items', i)
      for (const { ref } of embeddedRefs(item.text ?? '')) {
        const parsed = parseFormula(ref)
        if (!parsed.ok || parsed.ast.type !== 'ref') {
          emit(
            'core/formula-syntax',
            'error',
            `${at}/text`,
            `{{${ref}}} is not a cell reference such as {{r1.c3}} or {{main!r1.c3}}`,
          )
          continue
        }
        if (parsed.ast.ref.template !== undefined) {
          emit(
            'core/unknown-reference',
            'error',
            `${at}/text`,
            `{{${ref}}}: embedded figures come from the same report, not from another template`,
          )
          continue
        }
        const problem = referenceProblem(
          parsed.ast.ref,
          { section: index.defaultSection, relative: { row: false, col: false } },
          index,
        )
        if (problem !== undefined)
          emit('core/unknown-reference', 'error', `${at}/text`, `{{${ref}}}: ${problem}`)
      }
      if (
        item.minLength !== undefined &&
        item.maxLength !== undefined &&
        item.minLength > item.maxLength
      ) {
        emit(
          'core/type-mismatch',
          'error',
          `${at}/minLength`,
          `minLength ${item.minLength} is greater than maxLength ${item.maxLength} in item '${item.id}'`,
        )
      }
      if (item.input !== true) {
        for (const field of ['required', 'minLength', 'maxLength'] as const) {
          if (item[field] !== undefined && item[field] !== false) {
            emit(
              'core/type-mismatch',
              'warning',
              `${at}/${field}`,
              `"${field}" applies to the reporter's text, but item '${item.id}' has no "input": true`,
            )
          }
        }
      }
    })
  })
  return out
}
