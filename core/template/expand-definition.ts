import type {
  Cell,
  Constraint,
  GridSection,
  Row,
  TemplateDefinition,
} from '../../schemas/generated/index.js'
import type { DynamicGroup } from './dynamic-groups.js'
import { rewriteFormula, type GroupMap, type RewriteOptions } from './group-refs.js'

export interface ExpandedDefinition {
  definition: TemplateDefinition
  /** Per section position: authored position of each row of the expanded section (copies: their dynamic row's). */
  origin: Array<number[] | undefined>
  /** Added row id -> its dynamic row id, per section position. */
  addedTo: Array<Map<string, string> | undefined>
}

/**
 * The definition with each group's added rows inserted after its dynamic row, in list order, as
 * copies of it (without `dynamic` and the printed `code`): same level, so outline totals and
 * sum-of-children rules take them in; own references rebound to the copy. Every other formula
 * (column, row, cell, constraint) has its ranges and folds over a dynamic row widened to the
 * group. Groups without added rows change nothing.
 */
export function expandDefinition(
  def: Readonly<TemplateDefinition>,
  groups: readonly DynamicGroup[],
): ExpandedDefinition {
  const used = groups.filter((g) => g.added.length > 0)
  const map = groupMap(def, used)
  const defaultSection = def.sections.find((s) => s.kind === 'grid')?.id
  const origin: ExpandedDefinition['origin'] = []
  const addedTo: ExpandedDefinition['addedTo'] = []
  const sections = def.sections.map((section, s) => {
    if (section.kind !== 'grid') return section
    const mine = used.filter((g) => g.s === s)
    const opts = { home: section.id }
    const rows: Row[] = []
    const from: number[] = []
    const added = new Map<string, string>()
    section.rows.forEach((row, r) => {
      const group = mine.find((g) => g.r === r)
      const own = group === undefined ? undefined : { section: section.id, model: row.id }
      rows.push(rewriteRow(row, map, own === undefined ? opts : { ...opts, own }))
      from.push(r)
      if (group === undefined) return
      const { dynamic: _dynamic, code: _code, ...model } = row
      for (const id of group.added) {
        const rebind = { section: section.id, from: row.id, to: id }
        rows.push(rewriteRow({ ...model, id }, map, { ...opts, rebind, own: own! }))
        from.push(r)
        added.set(id, row.id)
      }
    })
    origin.push(mine.length > 0 ? from : undefined)
    addedTo.push(mine.length > 0 ? added : undefined)
    const columns = section.columns.map((column) =>
      column.formula === undefined
        ? column
        : { ...column, formula: rewriteFormula(column.formula, map, opts) },
    )
    return { ...section, columns, rows } satisfies GridSection
  })
  const constraints = def.constraints?.map((c) => rewriteConstraint(c, map, defaultSection))
  const definition: TemplateDefinition = { ...def, sections }
  if (constraints !== undefined) definition.constraints = constraints
  return { definition, origin, addedTo }
}

function groupMap(def: Readonly<TemplateDefinition>, used: readonly DynamicGroup[]): GroupMap {
  const positions = new Map<string, Map<string, number>>()
  const last = new Map<string, Map<string, string>>()
  def.sections.forEach((section) => {
    if (section.kind !== 'grid' || positions.has(section.id)) return
    const at = new Map<string, number>()
    section.rows.forEach((row, r) => {
      if (!at.has(row.id)) at.set(row.id, r)
    })
    positions.set(section.id, at)
  })
  for (const g of used) {
    const byModel = last.get(g.section) ?? new Map<string, string>()
    byModel.set(g.model.id, g.added[g.added.length - 1] as string)
    last.set(g.section, byModel)
  }
  return { positions, last }
}

function rewriteRow(row: Row, map: GroupMap, opts: RewriteOptions): Row {
  const out: Row = { ...row }
  if (row.formula !== undefined) out.formula = rewriteFormula(row.formula, map, opts)
  if (row.cells !== undefined) {
    const cells: Record<string, Cell> = {}
    for (const [col, cell] of Object.entries(row.cells)) {
      cells[col] =
        cell.formula === undefined
          ? cell
          : { ...cell, formula: rewriteFormula(cell.formula, map, opts) }
    }
    out.cells = cells
  }
  return out
}

function rewriteConstraint(
  c: Constraint,
  map: GroupMap,
  defaultSection: string | undefined,
): Constraint {
  const opts = { home: c.forEachRow ?? c.forEachColumn ?? defaultSection }
  const out: Constraint = { ...c }
  for (const field of ['expression', 'left', 'right', 'when'] as const) {
    const text = c[field]
    if (text !== undefined) out[field] = rewriteFormula(text, map, opts)
  }
  if (c.cells !== undefined) out.cells = c.cells.map((text) => rewriteFormula(text, map, opts))
  return out
}
