import type {
  Cell,
  Column,
  Constraint,
  GridSection,
  NarrativeItem,
  NarrativeSection,
  Row,
  TemplateDefinition,
} from '../../../schemas/generated/index.js'
import { applyPatch, freshId, move, type Patch } from './patch.js'

/**
 * Edits of a template definition as pure functions (old definition in, new one out), so the
 * designer's undo/redo is a list of snapshots and each edit is unit-tested without a browser.
 */
export type Section = TemplateDefinition['sections'][number]

export function newTemplate(): TemplateDefinition {
  return {
    code: 'BM-MOI',
    name: 'Biểu mẫu mới',
    version: '1.0',
    status: 'draft',
    regimeKind: 'dinh-ky',
    periodType: 'month',
    cutoff: { rule: 'nd09' },
    formKind: 'numeric',
    sections: [newGridSection('main')],
    constraints: [],
  }
}

export function newGridSection(id: string): GridSection {
  return {
    kind: 'grid',
    id,
    columns: [{ id: 'c1', header: ['Cột 1'], type: 'number' }],
    rows: [{ id: 'r1', label: 'Chỉ tiêu 1', level: 0 }],
  }
}

export function newNarrativeSection(id: string): NarrativeSection {
  return {
    kind: 'narrative',
    id,
    title: 'Thuyết minh',
    items: [{ id: 'm1', title: 'Nội dung', input: true }],
  }
}

export function updateMeta(
  def: TemplateDefinition,
  patch: Patch<TemplateDefinition>,
): TemplateDefinition {
  return applyPatch(def, patch)
}

export function addSection(def: TemplateDefinition, kind: Section['kind']): TemplateDefinition {
  const id = freshId(
    kind === 'grid' ? 'bang' : 'thuyet_minh',
    def.sections.map((s) => s.id),
  )
  const section = kind === 'grid' ? newGridSection(id) : newNarrativeSection(id)
  return { ...def, sections: [...def.sections, section] }
}

export function removeSection(def: TemplateDefinition, id: string): TemplateDefinition {
  if (def.sections.length <= 1) return def
  return { ...def, sections: def.sections.filter((s) => s.id !== id) }
}

export function updateSection<S extends Section>(
  def: TemplateDefinition,
  id: string,
  patch: Patch<S>,
): TemplateDefinition {
  return {
    ...def,
    sections: def.sections.map((s) => (s.id === id ? applyPatch(s as S, patch) : s)),
  }
}

function mapGrid(
  def: TemplateDefinition,
  id: string,
  f: (s: GridSection) => GridSection,
): TemplateDefinition {
  return {
    ...def,
    sections: def.sections.map((s) => (s.id === id && s.kind === 'grid' ? f(s) : s)),
  }
}

function mapNarrative(
  def: TemplateDefinition,
  id: string,
  f: (s: NarrativeSection) => NarrativeSection,
): TemplateDefinition {
  return {
    ...def,
    sections: def.sections.map((s) => (s.id === id && s.kind === 'narrative' ? f(s) : s)),
  }
}

export function gridOf(def: TemplateDefinition, id: string): GridSection | undefined {
  const s = def.sections.find((x) => x.id === id)
  return s?.kind === 'grid' ? s : undefined
}

// Rows ---------------------------------------------------------------------------------------

/** Inserts a new row at `at` (0 = top); it takes the level of the row it is inserted below. */
export function insertRow(
  def: TemplateDefinition,
  sectionId: string,
  at: number,
  init: Partial<Row> = {},
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => {
    const id =
      init.id ??
      freshId(
        'r',
        s.rows.map((r) => r.id),
      )
    const above = s.rows[at - 1]
    const row: Row = {
      label: `Chỉ tiêu ${s.rows.length + 1}`,
      level: above?.level ?? 0,
      ...init,
      id,
    }
    const rows = [...s.rows]
    rows.splice(Math.max(0, Math.min(at, rows.length)), 0, row)
    return { ...s, rows }
  })
}

export function deleteRow(
  def: TemplateDefinition,
  sectionId: string,
  index: number,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) =>
    s.rows.length <= 1 ? s : { ...s, rows: s.rows.filter((_, i) => i !== index) },
  )
}

export function moveRow(
  def: TemplateDefinition,
  sectionId: string,
  from: number,
  to: number,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => ({ ...s, rows: move(s.rows, from, to) }))
}

export function updateRow(
  def: TemplateDefinition,
  sectionId: string,
  index: number,
  patch: Patch<Row>,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => ({
    ...s,
    rows: s.rows.map((r, i) => (i === index ? applyPatch(r, patch) : r)),
  }))
}

/** Outline indent: a row may sit at most one level below the row above it. */
export function indentRow(
  def: TemplateDefinition,
  sectionId: string,
  index: number,
  delta: 1 | -1,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => {
    const row = s.rows[index]
    if (row === undefined) return s
    const max = index === 0 ? 0 : (s.rows[index - 1]?.level ?? 0) + 1
    const level = Math.max(0, Math.min(max, (row.level ?? 0) + delta))
    return { ...s, rows: s.rows.map((r, i) => (i === index ? { ...r, level } : r)) }
  })
}

// Columns ------------------------------------------------------------------------------------

export function insertColumn(
  def: TemplateDefinition,
  sectionId: string,
  at: number,
  init: Partial<Column> = {},
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => {
    const id =
      init.id ??
      freshId(
        'c',
        s.columns.map((c) => c.id),
      )
    const col: Column = { header: [`Cột ${s.columns.length + 1}`], type: 'number', ...init, id }
    const columns = [...s.columns]
    columns.splice(Math.max(0, Math.min(at, columns.length)), 0, col)
    return { ...s, columns }
  })
}

export function deleteColumn(
  def: TemplateDefinition,
  sectionId: string,
  index: number,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => {
    if (s.columns.length <= 1) return s
    const gone = s.columns[index]?.id
    const rows = s.rows.map((r) => {
      if (gone === undefined || r.cells?.[gone] === undefined) return r
      const { [gone]: _removed, ...cells } = r.cells
      return Object.keys(cells).length === 0 ? applyPatch(r, { cells: undefined }) : { ...r, cells }
    })
    return { ...s, columns: s.columns.filter((_, i) => i !== index), rows }
  })
}

export function moveColumn(
  def: TemplateDefinition,
  sectionId: string,
  from: number,
  to: number,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => ({ ...s, columns: move(s.columns, from, to) }))
}

export function updateColumn(
  def: TemplateDefinition,
  sectionId: string,
  index: number,
  patch: Patch<Column>,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => ({
    ...s,
    columns: s.columns.map((c, i) => (i === index ? applyPatch(c, patch) : c)),
  }))
}

/** `"Số hồ sơ / Trong đó / Trực tuyến"` -> header path (at most 5 levels, as the schema allows). */
export function parseHeaderPath(text: string): string[] {
  const parts = text
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  return parts.length === 0 ? [''] : parts.slice(0, 5)
}

// Cells --------------------------------------------------------------------------------------

/** Sets the override of one cell; `undefined` removes it (the cell follows its row and column). */
export function setCell(
  def: TemplateDefinition,
  sectionId: string,
  rowId: string,
  colId: string,
  cell: Cell | undefined,
): TemplateDefinition {
  return mapGrid(def, sectionId, (s) => ({
    ...s,
    rows: s.rows.map((r) => {
      if (r.id !== rowId) return r
      const { [colId]: _old, ...rest } = r.cells ?? {}
      const cells = cell === undefined ? rest : { ...rest, [colId]: cell }
      return Object.keys(cells).length === 0 ? applyPatch(r, { cells: undefined }) : { ...r, cells }
    }),
  }))
}

// Constraints --------------------------------------------------------------------------------

export function addConstraint(
  def: TemplateDefinition,
  init: Partial<Constraint> = {},
): TemplateDefinition {
  const list = def.constraints ?? []
  const id =
    init.id ??
    freshId(
      'rb',
      list.map((c) => c.id),
    )
  const c: Constraint = {
    kind: 'compare',
    severity: 'error',
    operator: '=',
    left: '',
    right: '',
    ...init,
    id,
  }
  return { ...def, constraints: [...list, c] }
}

export function updateConstraint(
  def: TemplateDefinition,
  index: number,
  patch: Patch<Constraint>,
): TemplateDefinition {
  return {
    ...def,
    constraints: (def.constraints ?? []).map((c, i) => (i === index ? applyPatch(c, patch) : c)),
  }
}

export function removeConstraint(def: TemplateDefinition, index: number): TemplateDefinition {
  return { ...def, constraints: (def.constraints ?? []).filter((_, i) => i !== index) }
}

// Narrative ----------------------------------------------------------------------------------

export function addNarrativeItem(def: TemplateDefinition, sectionId: string): TemplateDefinition {
  return mapNarrative(def, sectionId, (s) => ({
    ...s,
    items: [
      ...s.items,
      {
        id: freshId(
          'm',
          s.items.map((i) => i.id),
        ),
        title: `Mục ${s.items.length + 1}`,
        input: true,
      },
    ],
  }))
}

export function updateNarrativeItem(
  def: TemplateDefinition,
  sectionId: string,
  index: number,
  patch: Patch<NarrativeItem>,
): TemplateDefinition {
  return mapNarrative(def, sectionId, (s) => ({
    ...s,
    items: s.items.map((it, i) => (i === index ? applyPatch(it, patch) : it)),
  }))
}

export function removeNarrativeItem(
  def: TemplateDefinition,
  sectionId: string,
  index: number,
): TemplateDefinition {
  return mapNarrative(def, sectionId, (s) =>
    s.items.length <= 1 ? s : { ...s, items: s.items.filter((_, i) => i !== index) },
  )
}

export function moveNarrativeItem(
  def: TemplateDefinition,
  sectionId: string,
  from: number,
  to: number,
): TemplateDefinition {
  return mapNarrative(def, sectionId, (s) => ({ ...s, items: move(s.items, from, to) }))
}
