import type { NarrativeSection } from '../../schemas/generated/index.js'
import type { ResolvedNarrativeSection } from '../template/types.js'
import { numberOutline } from './outline-numbering.js'

/**
 * The narrative section as the form shows it: each item with its outline level and label.
 *
 * @example
 * resolveNarrativeSection({ kind: 'narrative', id: 'de_cuong', title: 'Đề cương',
 *   items: [{ id: 'a', title: 'Kết quả' }, { id: 'b', title: 'Tồn tại', level: 1 }] }).items.map((i) => i.number)
 * // ['I.', '1.']
 */
export function resolveNarrativeSection(
  section: Readonly<NarrativeSection>,
): ResolvedNarrativeSection {
  const numbers = numberOutline(section.items, section.numbering)
  return {
    kind: 'narrative',
    id: section.id,
    title: section.title,
    items: section.items.map((item, i) => ({
      ...item,
      level: item.level ?? 0,
      number: numbers[i] ?? '',
    })),
  }
}
