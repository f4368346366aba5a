import type { Row, SubmissionDocument, TemplateDefinition } from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'
import { jsonPointer } from './json-pointer.js'
import type { DynamicRows } from './types.js'

const RULE = 'core/dynamic-row'

/** One dynamic row of an authored grid section and the rows a reporter added to it. */
export interface DynamicGroup {
  section: string
  /** Position of the section in `definition.sections`. */
  s: number
  /** The dynamic row: it holds the group's first entry. */
  model: Row
  /** Position of the dynamic row in the authored section. */
  r: number
  /** Added row ids, in list order. */
  added: string[]
}

interface GridModels {
  s: number
  rowIds: ReadonlySet<string>
  /** Longest id first, so `a_1_2` goes to a dynamic row `a_1` before `a`. */
  models: Array<{ model: Row; r: number }>
}

const modelCache = new WeakMap<object, Map<string, GridModels>>()

/** The dynamic rows of each grid section of a definition (first section of an id wins). */
function gridModels(def: Readonly<TemplateDefinition>): Map<string, GridModels> {
  let found = modelCache.get(def)
  if (found !== undefined) return found
  found = new Map()
  def.sections.forEach((section, s) => {
    if (section.kind !== 'grid' || found!.has(section.id)) return
    const models = section.rows
      .map((model, r) => ({ model, r }))
      .filter(({ model }) => model.dynamic !== undefined)
      .sort((a, b) => b.model.id.length - a.model.id.length)
    found!.set(section.id, { s, rowIds: new Set(section.rows.map((r) => r.id)), models })
  })
  modelCache.set(def, found)
  return found
}

/** The dynamic row an added id `<id>_<n>` belongs to. */
function modelOf(grid: GridModels, id: string): { model: Row; r: number } | undefined {
  return grid.models.find(
    ({ model }) => id.startsWith(`${model.id}_`) && /^[0-9]+$/.test(id.slice(model.id.length + 1)),
  )
}

/** Whether a definition has any dynamic row (most have none: expansion is then a no-op). */
export function hasDynamicRows(def: Readonly<TemplateDefinition>): boolean {
  for (const grid of gridModels(def).values()) if (grid.models.length > 0) return true
  return false
}

/**
 * Sorts a submission's added row ids into the groups of their dynamic rows and checks them:
 * every id is `<dynamic row id>_<n>` of its section, listed once, and each group (the dynamic row
 * plus its added rows) stays within minRows..maxRows. Refused ids are left out of the groups.
 * Diagnostics point into the submission (`/dynamicRows/<section>/<i>`).
 */
export function groupDynamicRows(
  def: Readonly<TemplateDefinition>,
  lists: DynamicRows,
): { groups: DynamicGroup[]; diagnostics: Diagnostic[] } {
  const grids = gridModels(def)
  const diagnostics: Diagnostic[] = []
  const added = new Map<Row, string[]>()
  for (const [section, ids] of Object.entries(lists)) {
    const grid = grids.get(section)
    const at = jsonPointer('dynamicRows', section)
    if (grid === undefined) {
      if (ids.length === 0) continue
      diagnostics.push({
        ruleId: RULE,
        severity: 'error',
        message: `${at}: '${section}' is not a grid section of template ${def.code}; its ${ids.length} added row(s) are ignored`,
        place: { pointer: at },
      })
      continue
    }
    const seen = new Set<string>()
    ids.forEach((id, i) => {
      const idAt = jsonPointer('dynamicRows', section, i)
      const refuse = (why: string): void => {
        diagnostics.push({
          ruleId: RULE,
          severity: 'error',
          message: `${idAt}: '${id}' ${why}; the row is ignored`,
          place: { section, row: id, pointer: idAt },
        })
      }
      const found = modelOf(grid, id)
      if (seen.has(id)) refuse('is listed twice')
      else if (grid.rowIds.has(id)) refuse(`is a row of the template, not an added row`)
      else if (found === undefined) {
        const named = grid.models.map(({ model }) => `${model.id}_<n>`).join(', ')
        refuse(
          named === ''
            ? `cannot be added: section '${section}' has no dynamic row`
            : `is not an added row id of section '${section}' (${named})`,
        )
      } else {
        seen.add(id)
        const list = added.get(found.model) ?? []
        list.push(id)
        added.set(found.model, list)
      }
    })
  }
  const groups: DynamicGroup[] = []
  for (const [section, grid] of grids) {
    for (const { model, r } of [...grid.models].sort((a, b) => a.r - b.r)) {
      const group: DynamicGroup = { section, s: grid.s, model, r, added: added.get(model) ?? [] }
      checkCount(group, diagnostics)
      groups.push(group)
    }
  }
  return { groups, diagnostics }
}

/** minRows / maxRows count the dynamic row itself: it is the first entry of the list. */
function checkCount(group: DynamicGroup, out: Diagnostic[]): void {
  const { minRows, maxRows } = group.model.dynamic ?? {}
  const rows = 1 + group.added.length
  const at = jsonPointer('dynamicRows', group.section)
  const place = { section: group.section, row: group.model.id, pointer: at }
  const list = `list '${group.model.id}' (${group.model.label}) of section '${group.section}'`
  if (maxRows !== undefined && rows > maxRows) {
    out.push({
      ruleId: RULE,
      severity: 'error',
      message: `${at}: ${list} has ${rows} rows; at most ${maxRows} are allowed (maxRows)`,
      place,
      values: { rows, maxRows },
    })
  }
  if (minRows !== undefined && rows < minRows) {
    out.push({
      ruleId: RULE,
      severity: 'error',
      message: `${at}: ${list} has ${rows} row(s); at least ${minRows} are required (minRows)`,
      place,
      values: { rows, minRows },
    })
  }
}

/**
 * The added rows a values document has, per grid section: row ids `<dynamic row id>_<n>` that
 * appear in it, each group in order of `n`. For documents that carry no row lists, e.g. the
 * consolidated values of many units (the units' rows `_1`, `_2`, ... line up by number).
 *
 * @example
 * dynamicRowsIn(template, { main: { don_vi: { c3: 1 }, don_vi_2: { c3: 4 }, don_vi_1: { c3: 2 } } })
 * // { main: ['don_vi_1', 'don_vi_2'] }
 */
export function dynamicRowsIn(
  template: { definition: Readonly<TemplateDefinition> },
  values: SubmissionDocument['values'],
): DynamicRows {
  const out: DynamicRows = {}
  for (const [section, grid] of gridModels(template.definition)) {
    const rows = values[section]
    if (rows === undefined || grid.models.length === 0) continue
    const byModel = new Map<Row, Array<{ id: string; n: number }>>()
    for (const id of Object.keys(rows)) {
      if (grid.rowIds.has(id)) continue
      const found = modelOf(grid, id)
      if (found === undefined) continue
      const list = byModel.get(found.model) ?? []
      list.push({ id, n: Number(id.slice(found.model.id.length + 1)) })
      byModel.set(found.model, list)
    }
    const ids = [...grid.models]
      .sort((a, b) => a.r - b.r)
      .flatMap(({ model }) =>
        (byModel.get(model) ?? [])
          .sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : 1))
          .map((x) => x.id),
      )
    if (ids.length > 0) out[section] = ids
  }
  return out
}
