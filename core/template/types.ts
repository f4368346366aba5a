/**
 * The resolved template: what `resolveTemplate` makes of a schema-valid `TemplateDefinition`
 * (Payload's raw -> sanitized split). Every later phase (sheet, rules, aggregation, export)
 * works on these types, never on positions.
 */
import type {
  CellValue,
  Column,
  Constraint,
  NarrativeItem,
  Row,
  Severity,
  SubmissionDocument,
  TemplateDefinition,
} from '../../schemas/generated/index.js'
import type { Diagnostic } from '../diagnostics.js'

export type CellKind = 'input' | 'formula' | 'fixed' | 'greyed'
export type ColumnType = Column['type']

/** `<section>!<row>.<col>`: the key of a cell inside one template. */
export type CellKey = string

/**
 * The key of one cell.
 *
 * @example
 * cellKey('main', 'r1', 'c3') // 'main!r1.c3'
 */
export function cellKey(section: string, row: string, col: string): CellKey {
  return `${section}!${row}.${col}`
}

export interface ResolvedCell {
  key: CellKey
  section: string
  row: string
  col: string
  kind: CellKind
  /** Canonical formula (stable ids, `@` bound, no leading `=`) for kind = formula. */
  formula?: string
  /** Fixed text/value for kind = fixed. */
  value?: CellValue
  type: ColumnType
  decimals?: number
  required: boolean
  /** JSON pointer of the definition that produced this cell (column formula, row formula or cell override). */
  pointer: string
}

export interface ResolvedRow extends Row {
  index: number
  level: number
  kind: 'data' | 'total' | 'heading'
  /** Parent row id in the outline. */
  parent?: string
  /** Direct children in the outline. */
  children: string[]
  /** For a row a reporter added (`<id>_<n>`, see `expandDynamicRows`): the id of its dynamic row. */
  addedTo?: string
}

/** One merged header cell; header rows are listed top-down. */
export interface HeaderCell {
  text: string
  colStart: number
  colSpan: number
  rowSpan: number
}

export interface ResolvedGridSection {
  kind: 'grid'
  id: string
  title?: string
  unit?: string
  columns: Column[]
  rows: ResolvedRow[]
  headerRows: HeaderCell[][]
  rowIndex: ReadonlyMap<string, number>
  colIndex: ReadonlyMap<string, number>
  /** Row-major: cells[rowIndex * columns.length + colIndex]. */
  cells: ResolvedCell[]
}

export interface ResolvedNarrativeItem extends NarrativeItem {
  level: number
  /** Outline label, e.g. `I.`, `1.`, `a)`. */
  number: string
}

export interface ResolvedNarrativeSection {
  kind: 'narrative'
  id: string
  title: string
  items: ResolvedNarrativeItem[]
}

export type ResolvedSection = ResolvedGridSection | ResolvedNarrativeSection

/**
 * A constraint after expansion (forEachRow/forEachColumn, generated sum-of-children rules):
 * everything is a formula in canonical form, so the sheet can evaluate it incrementally.
 */
export interface ResolvedConstraint {
  /** Unique within the template, e.g. `balance_r3` for an expanded rule. */
  id: string
  /** `template/<constraint id>` or `core/sum-children`. */
  ruleId: string
  severity: Severity
  kind: Constraint['kind'] | 'sum-children'
  /** Formula that is TRUE when the rule holds (missing-value strategy already encoded). */
  check: string
  /** Precondition formula; the rule is checked only when it is TRUE. */
  when?: string
  /** Values shown in the message, e.g. { left: 'main!r1.c3', right: 'main!r1.c4+main!r1.c5' }. */
  operands: Record<string, string>
  /** Message template with `{name}` placeholders for operands. */
  message: string
  /** Cell the diagnostic points at. */
  place: { section: string; row?: string; col?: string }
  /** JSON pointer of the constraint in the definition (or the row for generated rules). */
  pointer: string
}

export interface ResolvedTemplate {
  definition: Readonly<TemplateDefinition>
  code: string
  version: string
  sections: ResolvedSection[]
  sectionIndex: ReadonlyMap<string, ResolvedSection>
  constraints: ResolvedConstraint[]
  /** Set on the templates `expandDynamicRows` makes: what they were expanded from and with. */
  expansion?: DynamicExpansion
}

/**
 * Rows a reporter added, per grid section: the added row ids (`<dynamic row id>_<n>`) in order,
 * as a submission stores them.
 */
export type DynamicRows = NonNullable<SubmissionDocument['dynamicRows']>

/** How an expanded template came about (see `expandDynamicRows`). */
export interface DynamicExpansion {
  /** The template as authored: no added rows. */
  base: ResolvedTemplate
  /** The added rows the template holds, per section, in order (ids that were refused left out). */
  rows: DynamicRows
  /**
   * `core/dynamic-row` problems of the row lists: a group outside its minRows..maxRows, an id that
   * is not `<dynamic row id>_<n>`, a repeated id, a section that is not a grid of the template.
   */
  diagnostics: Diagnostic[]
}
