import type { GridSection, Row, TemplateDefinition } from '../../../schemas/generated/index.js'

/** Rows a reporter added, per grid section: added row ids in order (`<base>_<n>`). */
export type DynamicRows = Record<string, string[]>

/**
 * The definition with the reporter's added rows inserted after their base row, so the ordinary
 * resolve step gives them cells, formulas and per-row constraints, and section-order ranges
 * (`SUM(r1.c3:r5.c3)`) grow over them as in Excel. This belongs in core (the server must expand
 * the same way to validate and aggregate added rows); until core has it, the sheet does it here.
 */
export function expandDynamicRows(def: TemplateDefinition, added: DynamicRows): TemplateDefinition {
  if (Object.values(added).every((ids) => ids.length === 0)) return def
  return {
    ...def,
    sections: def.sections.map((s) => {
      const ids = added[s.id]
      if (s.kind !== 'grid' || ids === undefined || ids.length === 0) return s
      const rows: Row[] = []
      for (const row of s.rows) {
        rows.push(row)
        if (row.dynamic === undefined) continue
        for (const id of ids) if (baseOf(id) === row.id) rows.push(copyRow(row, id))
      }
      return { ...s, rows } satisfies GridSection
    }),
  }
}

function copyRow(base: Row, id: string): Row {
  const { dynamic: _dynamic, code: _code, ...rest } = base
  return { ...rest, id }
}

/** `tinh_lv_3` -> `tinh_lv`; undefined when the id is not an added row id. */
export function baseOf(id: string): string | undefined {
  const m = /^(.*)_(\d+)$/.exec(id)
  return m?.[1]
}

export interface DynamicGroup {
  base: Row
  added: string[]
  canAdd: boolean
  canRemove: boolean
}

/** The dynamic group a row belongs to (its base row or an added copy), with the limits applied. */
export function groupOf(section: GridSection, added: readonly string[], rowId: string): DynamicGroup | undefined {
  const baseId = section.rows.some((r) => r.id === rowId && r.dynamic !== undefined) ? rowId : baseOf(rowId)
  const base = section.rows.find((r) => r.id === baseId && r.dynamic !== undefined)
  if (base === undefined || base.dynamic === undefined) return undefined
  const mine = added.filter((id) => baseOf(id) === base.id)
  const total = 1 + mine.length
  return {
    base,
    added: mine,
    canAdd: base.dynamic.maxRows === undefined || total < base.dynamic.maxRows,
    canRemove: mine.includes(rowId) && total > Math.max(1, base.dynamic.minRows ?? 0),
  }
}

/** Next free id `<base>_<n>` for an added row. */
export function nextRowId(baseId: string, existing: readonly string[]): string {
  let n = 0
  for (const id of existing) {
    if (baseOf(id) !== baseId) continue
    n = Math.max(n, Number(id.slice(baseId.length + 1)))
  }
  return `${baseId}_${n + 1}`
}
