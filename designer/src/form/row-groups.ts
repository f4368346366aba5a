import type { ResolvedGridSection, ResolvedRow } from '../../../core/index.js'

/** The dynamic row (danh sách) a row of the sheet belongs to, and what the reporter may do with it. */
export interface RowGroup {
  /** The template's dynamic row: the first entry of the list. */
  model: ResolvedRow
  /** Rows the reporter added to it, in list order. */
  added: string[]
  canAdd: boolean
  canRemove: boolean
}

/**
 * The group of a row of an expanded section (core's `expandDynamicRows` marks added rows with
 * `addedTo`), with minRows / maxRows applied the way core checks them: the dynamic row counts.
 */
export function groupOf(section: ResolvedGridSection, rowId: string): RowGroup | undefined {
  const row = section.rows.find((r) => r.id === rowId)
  const modelId = row?.addedTo ?? (row?.dynamic !== undefined ? row.id : undefined)
  const model = section.rows.find((r) => r.id === modelId)
  if (model?.dynamic === undefined) return undefined
  const added = section.rows.filter((r) => r.addedTo === model.id).map((r) => r.id)
  const total = 1 + added.length
  return {
    model,
    added,
    canAdd: model.dynamic.maxRows === undefined || total < model.dynamic.maxRows,
    canRemove: added.includes(rowId) && total > Math.max(1, model.dynamic.minRows ?? 0),
  }
}

/** Next free id `<dynamic row id>_<n>` of a group, after the highest number in use. */
export function nextRowId(modelId: string, existing: readonly string[]): string {
  let n = 0
  for (const id of existing) {
    const rest = id.startsWith(`${modelId}_`) ? id.slice(modelId.length + 1) : ''
    if (/^[0-9]+$/.test(rest)) n = Math.max(n, Number(rest))
  }
  return `${modelId}_${n + 1}`
}
