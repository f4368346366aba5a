/**
 * A worksheet that is an outline rather than a table: outline labels (I., 1., a), -) in the first column,
 * item titles next to them, texts after (the layout `exportXlsx` gives the narrative). It becomes a
 * narrative section whose items the reporter writes.
 */
import type { NarrativeSection } from '../../../schemas/generated/index.js'
import type { SheetGrid } from './read-sheet.js'

const OUTLINE = /^(?:([IVXLC]+)\.|(\d+)\.|([a-zđ])\)|(-|\+))$/

function levelOf(label: string): number {
  const m = OUTLINE.exec(label) as RegExpExecArray
  return m[1] !== undefined ? 0 : m[2] !== undefined ? 1 : m[3] !== undefined ? 2 : 3
}

export interface OutlineItem {
  row: number
  label: string
  title: string
  text: string
}

/** The outline items of the sheet, or undefined when it does not read as an outline. */
export function readOutline(g: SheetGrid): OutlineItem[] | undefined {
  const items: OutlineItem[] = []
  let rows = 0
  for (let r = 1; r <= g.maxRow; r++) {
    const cols = g.filled(r)
    if (cols.length === 0) continue
    rows++
    const label = g.text(r, 1)
    if (!OUTLINE.test(label) || cols.some((c) => c > 3)) continue
    items.push({ row: r, label, title: g.text(r, 2), text: g.text(r, 3) })
  }
  return items.length >= 1 && items.length >= rows * 0.8 && items.every((i) => i.title !== '')
    ? items
    : undefined
}

export function outlineSection(
  id: string,
  title: string,
  items: readonly OutlineItem[],
): NarrativeSection {
  return {
    kind: 'narrative',
    id,
    title,
    items: items.map((it, i) => ({
      id: `m${i + 1}`,
      title: it.title,
      level: levelOf(it.label),
      input: true,
    })) as NarrativeSection['items'],
  }
}
