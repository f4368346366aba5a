/**
 * Turns a one-stop export into Biểu II.06a input values: one row per lĩnh vực under its tier (the
 * tier's list row, then rows added after it), with the system columns recording where and when the
 * figures came from and what they were.
 */
import type { GridSection, TemplateDefinition } from '../../../core/index.js'
import type { OneStopExport, OneStopRecord, PrefillResult } from './types.js'

/** Repeating row of each tier in II.06a (tiers absent from a template version are an error). */
export const TIER_LIST_ROWS: Readonly<Record<string, string>> = {
  tinh: 'tinh_lv',
  huyen: 'huyen_lv',
  xa: 'xa_lv',
}

/** Figures as prefilled, by column; stored as JSON in the system column `goc`. */
export function recordFigures(r: OneStopRecord): Record<string, number> {
  return {
    c4: r.received.online,
    c5: r.received.direct,
    c6: r.received.carriedOver,
    c8: r.resolved.early,
    c9: r.resolved.onTime,
    c10: r.resolved.late,
    c12: r.pending.onTime,
    c13: r.pending.late,
  }
}

/**
 * @example
 * const { values, dynamicRows } = prefillII06a(template, exportFromOneStop, 'one-stop-file')
 */
export function prefillII06a(
  template: TemplateDefinition,
  data: OneStopExport,
  connector: string,
  section = 'main',
): PrefillResult {
  const grid = template.sections.find(
    (s): s is GridSection => s.kind === 'grid' && s.id === section,
  )
  if (grid === undefined)
    throw new Error(`${template.code} ${template.version}: no grid section "${section}"`)
  const rowIds = new Set(grid.rows.map((r) => r.id))
  const added = new Map<string, string[]>()
  const sectionValues: Record<string, Record<string, string | number>> = {}
  data.records.forEach((record, i) => {
    const list = TIER_LIST_ROWS[record.tier]
    if (list === undefined || !rowIds.has(list)) {
      throw new Error(
        `${data.system} records[${i}] (tier "${record.tier}", lĩnh vực "${record.field}"): ` +
          `${template.code} ${template.version} has no rows for this tier`,
      )
    }
    // The list row itself holds the first lĩnh vực; the others are rows added after it.
    const ids = added.get(list) ?? []
    const id = ids.length === 0 ? list : `${list}_${ids.length}`
    ids.push(id)
    added.set(list, ids)
    const figures = recordFigures(record)
    sectionValues[id] = {
      c2: record.field,
      ...figures,
      nguon: data.system,
      thoi_diem: data.generatedAt,
      goc: JSON.stringify(figures),
    }
  })
  // Added rows follow the template's order of tiers, whatever order the system listed them in.
  const order = grid.rows.flatMap((r) => (added.get(r.id) ?? []).slice(1))
  return {
    values: { [section]: sectionValues },
    dynamicRows: { [section]: order },
    source: { system: data.system, connector, fetchedAt: data.generatedAt },
  }
}
