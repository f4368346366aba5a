/**
 * Builds ResolvedTemplate objects directly, for tests and benchmarks of the sheet that should not
 * depend on the template loader. Column formulas use `@` for the current row, as in templates.
 */
import type { Column, TemplateDefinition } from '../../schemas/generated/index.js'
import { bindRelative, formatFormula, parseFormula } from '../formula/index.js'
import {
  cellKey,
  type ResolvedCell,
  type ResolvedConstraint,
  type ResolvedGridSection,
  type ResolvedRow,
  type ResolvedTemplate,
} from '../template/types.js'

export type CellSpec =
  | { kind: 'input'; required?: boolean }
  | { kind: 'formula'; formula: string }
  | { kind: 'fixed'; value: string | number | boolean | null }
  | { kind: 'greyed' }

export interface RowSpec {
  id: string
  kind?: ResolvedRow['kind']
  cells?: Record<string, CellSpec>
}

export interface GridSpec {
  id?: string
  columns: ReadonlyArray<Partial<Column> & { id: string }>
  rows: ReadonlyArray<string | RowSpec>
  /** Every input cell is required. */
  required?: boolean
}

export interface ConstraintSpec {
  id: string
  check: string
  when?: string
  operands?: Record<string, string>
  message?: string
  severity?: ResolvedConstraint['severity']
  place?: ResolvedConstraint['place']
}

export interface TemplateSpec {
  code?: string
  sections: readonly GridSpec[]
  constraints?: readonly ConstraintSpec[]
}

function bind(formula: string, row: string): string {
  const parsed = parseFormula(formula)
  if (!parsed.ok) return formula.replace(/^=/, '')
  return formatFormula(bindRelative(parsed.ast, { row }))
}

function buildSection(spec: GridSpec, index: number): ResolvedGridSection {
  const id = spec.id ?? 'main'
  const columns: Column[] = spec.columns.map((c) => ({ header: [c.id], type: 'number', ...c }))
  const rows: ResolvedRow[] = spec.rows.map((r, i) => {
    const row = typeof r === 'string' ? { id: r } : r
    return { id: row.id, label: row.id, index: i, level: 0, kind: row.kind ?? 'data', children: [] }
  })
  const cells: ResolvedCell[] = []
  rows.forEach((row, ri) => {
    const rowSpec = spec.rows[ri]
    const overrides = typeof rowSpec === 'object' ? rowSpec.cells : undefined
    columns.forEach((column, ci) => {
      const override = overrides?.[column.id]
      const base = {
        key: cellKey(id, row.id, column.id),
        section: id,
        row: row.id,
        col: column.id,
        type: column.type,
        ...(column.decimals === undefined ? {} : { decimals: column.decimals }),
      }
      const pointer = `/sections/${index}/rows/${ri}/cells/${column.id}`
      if (override !== undefined) {
        switch (override.kind) {
          case 'input':
            cells.push({
              ...base,
              kind: 'input',
              required: override.required ?? spec.required ?? false,
              pointer,
            })
            return
          case 'formula':
            cells.push({
              ...base,
              kind: 'formula',
              formula: bind(override.formula, row.id),
              required: false,
              pointer,
            })
            return
          case 'fixed':
            cells.push({ ...base, kind: 'fixed', value: override.value, required: false, pointer })
            return
          case 'greyed':
            cells.push({ ...base, kind: 'greyed', required: false, pointer })
            return
        }
      }
      if (column.formula !== undefined) {
        const formula = bind(column.formula, row.id)
        cells.push({
          ...base,
          kind: 'formula',
          formula,
          required: false,
          pointer: `/sections/${index}/columns/${ci}/formula`,
        })
      } else {
        cells.push({ ...base, kind: 'input', required: spec.required ?? false, pointer })
      }
    })
  })
  return {
    kind: 'grid',
    id,
    columns,
    rows,
    headerRows: [],
    rowIndex: new Map(rows.map((r, i) => [r.id, i])),
    colIndex: new Map(columns.map((c, i) => [c.id, i])),
    cells,
  }
}

/** A ResolvedTemplate from a compact description (code `TEST` unless given). */
export function buildTemplate(spec: TemplateSpec): ResolvedTemplate {
  const sections = spec.sections.map(buildSection)
  const constraints: ResolvedConstraint[] = (spec.constraints ?? []).map((c, i) => ({
    id: c.id,
    ruleId: `template/${c.id}`,
    severity: c.severity ?? 'error',
    kind: 'assert',
    check: c.check,
    ...(c.when === undefined ? {} : { when: c.when }),
    operands: c.operands ?? {},
    message: c.message ?? `${c.id} fails`,
    place: c.place ?? { section: sections[0]?.id ?? 'main' },
    pointer: `/constraints/${i}`,
  }))
  const code = spec.code ?? 'TEST'
  const definition = {
    code,
    name: code,
    version: '1.0',
    status: 'draft',
    regimeKind: 'dinh-ky',
    periodType: 'month',
    formKind: 'numeric',
    sections: [],
  } as unknown as TemplateDefinition
  return {
    definition,
    code,
    version: '1.0',
    sections,
    sectionIndex: new Map(sections.map((s) => [s.id, s])),
    constraints,
  }
}
