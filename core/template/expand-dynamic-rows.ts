import { groupDynamicRows, hasDynamicRows } from './dynamic-groups.js'
import { expandDefinition } from './expand-definition.js'
import { resolveTemplate } from './resolve-template.js'
import type { DynamicRows, ResolvedTemplate } from './types.js'

/** Expansions kept per template: a server sees a few row lists over and over, an editor one at a time. */
const CACHE_SIZE = 32
const cache = new WeakMap<ResolvedTemplate, Map<string, ResolvedTemplate>>()

/**
 * The template of one report: the rows the reporter added to dynamic rows (danh sách) inserted
 * as real rows, so they get cells, formulas, totals and per-row constraints.
 *
 * Semantics. A dynamic row of the template holds the first entry of its list; each added row
 * `<id>_<n>` (the submission's `dynamicRows[section]`, in order) comes after it and after the
 * rows added before it, a copy of it (same level, label, cells and formulas, without `dynamic`
 * and `code`): `@` formulas and the row's references to itself are bound to the copy. Outline
 * totals and `core/sum-children` rules take the copies in as siblings, forEachRow constraints
 * expand over them, and every range or folding call (`SUM(ds.c3)`, `SUM(r1.c3:ds.c3)`) that ends
 * at the dynamic row grows to the last added row. A plain reference `ds.c3` still means the first
 * entry. minRows / maxRows count the dynamic row too.
 *
 * Problems with the lists (a group outside minRows..maxRows, a bad or repeated id, an unknown
 * section) are `core/dynamic-row` diagnostics in `expansion.diagnostics`, which the workbook
 * reports; refused ids are left out. `definition` stays the authored one; cell pointers of copies
 * point at their dynamic row. The same template and the same lists give the same object, so the
 * workbook's compiled plan is reused. `undefined` lists keep an expanded template as it is and
 * mean "no added rows" for an authored one; an already expanded template is re-expanded from its
 * base. A template with nothing to add and nothing to report is returned as is.
 *
 * @example
 * const t = expandDynamicRows(template, { main: ['don_vi_1', 'don_vi_2'] })
 * t.sectionIndex.get('main') // rows ..., don_vi, don_vi_1, don_vi_2, ...
 * createWorkbook(t, { values }).get('main!tong.c3') // sums don_vi, don_vi_1 and don_vi_2
 * expandDynamicRows(template, { main: ['don_vi_1', 'don_vi_2'] }) === t // true
 */
export function expandDynamicRows(
  template: ResolvedTemplate,
  dynamicRows: DynamicRows | undefined,
): ResolvedTemplate {
  if (dynamicRows === undefined && template.expansion !== undefined) return template
  const base = template.expansion?.base ?? template
  const lists = dynamicRows ?? {}
  if (!hasDynamicRows(base.definition) && Object.values(lists).every((ids) => ids.length === 0))
    return base
  const key = JSON.stringify(
    Object.keys(lists)
      .sort()
      .filter((s) => (lists[s] as string[]).length > 0)
      .map((s) => [s, lists[s]]),
  )
  let byKey = cache.get(base)
  const hit = byKey?.get(key)
  if (byKey !== undefined && hit !== undefined) {
    byKey.delete(key)
    byKey.set(key, hit)
    return hit
  }
  const expanded = expand(base, lists)
  if (byKey === undefined) {
    byKey = new Map()
    cache.set(base, byKey)
  }
  byKey.set(key, expanded)
  if (byKey.size > CACHE_SIZE) byKey.delete(byKey.keys().next().value as string)
  return expanded
}

function expand(base: ResolvedTemplate, lists: DynamicRows): ResolvedTemplate {
  const { groups, diagnostics } = groupDynamicRows(base.definition, lists)
  const rows: DynamicRows = {}
  for (const g of groups) if (g.added.length > 0) (rows[g.section] ??= []).push(...g.added)
  if (Object.keys(rows).length === 0 && diagnostics.length === 0) return base
  const { definition, origin, addedTo } = expandDefinition(base.definition, groups)
  const resolved = Object.keys(rows).length === 0 ? base : resolveTemplate(definition)
  if (resolved !== base) {
    resolved.sections.forEach((section, s) => {
      const from = origin[s]
      const added = addedTo[s]
      if (section.kind !== 'grid' || from === undefined || added === undefined) return
      for (const row of section.rows) {
        const model = added.get(row.id)
        if (model !== undefined) row.addedTo = model
      }
      for (const cell of section.cells) cell.pointer = authoredPointer(cell.pointer, s, from)
    })
    for (const c of resolved.constraints) {
      const s = /^\/sections\/(\d+)\//.exec(c.pointer)?.[1]
      const from = s === undefined ? undefined : origin[Number(s)]
      if (from !== undefined) c.pointer = authoredPointer(c.pointer, Number(s), from)
    }
  }
  return {
    ...resolved,
    definition: base.definition,
    expansion: { base, rows, diagnostics },
  }
}

/** `/sections/<s>/rows/<expanded position>...` -> the same pointer at the authored position. */
function authoredPointer(pointer: string, s: number, from: readonly number[]): string {
  const prefix = `/sections/${s}/rows/`
  if (!pointer.startsWith(prefix)) return pointer
  const rest = pointer.slice(prefix.length)
  const m = /^(\d+)(.*)$/.exec(rest)
  if (m === null) return pointer
  const authored = from[Number(m[1])]
  return authored === undefined ? pointer : `${prefix}${authored}${m[2] ?? ''}`
}
