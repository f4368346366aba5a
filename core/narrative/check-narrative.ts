import type { NarrativeItem } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { numberOutline, type NumberingStyle } from './outline-numbering.js'

/** What checkNarrative needs of a section: a raw `NarrativeSection` or a resolved one both fit. */
export interface NarrativeSectionLike {
  id: string
  numbering?: NumberingStyle[]
  items: ReadonlyArray<NarrativeItem & { number?: string }>
}

// Rich-text editors send markup; limits are about what the reader sees.
const TAG = /<\/?[A-Za-z][^<>]*>/g

/**
 * Length as a reader counts it: tags removed, NFC code points (Vietnamese marks may be combining).
 *
 * @example
 * visibleLength('<p>Kết <b>quả</b></p>') // 7
 */
export function visibleLength(text: string): number {
  return [...text.replace(TAG, '').normalize('NFC')].length
}

/**
 * Checks the reporter's texts of one narrative section: required items filled, length limits.
 * Each finding names the item (place.item) and its pointer into the submission (`/narrative/<section>/<item>`).
 *
 * @example
 * checkNarrative({ id: 'dc', items: [{ id: 'kq', title: 'Kết quả', input: true, required: true }] }, {})
 * // [{ ruleId: 'core/narrative-required', severity: 'error', place: { section: 'dc', item: 'kq', pointer: '/narrative/dc/kq' },
 * //    message: 'Mục I. Kết quả: bắt buộc phải nhập nội dung' }]
 */
export function checkNarrative(
  section: Readonly<NarrativeSectionLike>,
  texts: Readonly<Record<string, string>> | undefined,
): Diagnostic[] {
  const numbers = numberOutline(section.items, section.numbering)
  const out: Diagnostic[] = []
  section.items.forEach((item, i) => {
    const text = texts?.[item.id] ?? ''
    const length = visibleLength(text.trim())
    const label = `Mục ${[item.number ?? numbers[i], item.title].filter((s) => s !== undefined && s !== '').join(' ')}`
    const place = {
      section: section.id,
      item: item.id,
      pointer: `/narrative/${section.id}/${item.id}`,
    }
    const problem = (ruleId: string, message: string, values: Record<string, unknown>): void => {
      out.push({ ruleId, severity: 'error', message: `${label}: ${message}`, place, values })
    }
    if (length === 0) {
      if (item.required === true)
        problem('core/narrative-required', 'bắt buộc phải nhập nội dung', { length })
      return
    }
    if (item.minLength !== undefined && length < item.minLength) {
      problem(
        'core/narrative-min-length',
        `cần ít nhất ${item.minLength} ký tự (hiện có ${length})`,
        {
          length,
          minLength: item.minLength,
        },
      )
    }
    if (item.maxLength !== undefined && length > item.maxLength) {
      problem(
        'core/narrative-max-length',
        `không được quá ${item.maxLength} ký tự (hiện có ${length})`,
        {
          length,
          maxLength: item.maxLength,
        },
      )
    }
  })
  return out
}
