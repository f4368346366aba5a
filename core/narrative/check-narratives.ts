import type { Diagnostic } from '../diagnostics.js'
import type { SubmissionDocument } from '../../schemas/generated/index.js'
import type { ResolvedTemplate } from '../template/types.js'
import { checkNarrative } from './check-narrative.js'

/**
 * Checks every narrative section of a template against the reporter's texts. The browser's live
 * check, the plugin conformance check and the server's re-validation all call this one function,
 * so a required item blocks a submit in all three places, not only in the one that remembered to.
 *
 * @example
 * checkNarratives(template, { danh_gia: { nhan_xet: '' } }).map((d) => d.ruleId)
 * // ['core/narrative-required']
 */
export function checkNarratives(
  template: Pick<ResolvedTemplate, 'sections'>,
  narrative: SubmissionDocument['narrative'],
): Diagnostic[] {
  return template.sections.flatMap((s) =>
    s.kind === 'narrative' ? checkNarrative(s, narrative?.[s.id]) : [],
  )
}
