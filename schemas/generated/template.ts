/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/template.schema.json by `npm run gen`.
 * Change the JSON Schema and regenerate instead.
 */

/**
 * A report template (biểu mẫu / đề cương) as authored by a designer or shipped by a regime plugin.
 */
export interface TemplateDefinition {
  $schema?: string
  /**
   * Official form code, e.g. II.06a/VPCP/KSTT.
   */
  code: string
  name: string
  /**
   * Version label; a published version is immutable.
   */
  version: string
  /**
   * Calendar date, YYYY-MM-DD.
   */
  effectiveFrom?: string
  status: 'draft' | 'testing' | 'published' | 'retired'
  /**
   * dinh-ky = định kỳ, chuyen-de = chuyên đề, dot-xuat = đột xuất (ND 09/2019 Điều 2).
   */
  regimeKind: 'dinh-ky' | 'chuyen-de' | 'dot-xuat'
  /**
   * Reporting frequency. none = ad-hoc (đột xuất / chuyên đề with the requester's window).
   */
  periodType: 'month' | 'quarter' | 'half-year' | 'nine-months' | 'year' | 'none'
  cutoff?: Cutoff
  deadlines?: Deadline[]
  /**
   * Administrative tiers that report (data: tiers are configurable).
   */
  reportingLevels?: string[]
  receivingLevel?: string
  fieldGroup?: string
  legalBasis?: string[]
  /**
   * Forms under state-secret rules (e.g. I.4/VPCP/TH) must not be submitted online.
   */
  confidential?: boolean
  /**
   * numeric = số liệu, narrative = thuyết minh / đề cương, linked = both.
   */
  formKind: 'numeric' | 'narrative' | 'linked'
  description?: string
  /**
   * @minItems 1
   */
  sections: (GridSection | NarrativeSection)[]
  constraints?: Constraint[]
}
/**
 * Data cut-off window. nd09 = ND 09/2019 Điều 12 (day 15 of the month before to day 14 of the last month).
 *
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "Cutoff".
 */
export interface Cutoff {
  rule: 'nd09' | 'calendar' | 'custom'
  /**
   * custom: first day of the window, in the month before the period's first month.
   */
  startDay?: number
  /**
   * custom: last day of the window, in the period's last month.
   */
  endDay?: number
}
/**
 * When a tier must send. Either a day of the month after the cut-off ends, or working days after it.
 *
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "Deadline".
 */
export interface Deadline {
  /**
   * Sending tier; absent = every tier.
   */
  level?: string
  /**
   * Day in the last month of the period (e.g. 16, 18, 19).
   */
  dayOfMonth?: number
  workingDaysAfterCutoff?: number
}
/**
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "GridSection".
 */
export interface GridSection {
  kind: 'grid'
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  id: string
  title?: string
  /**
   * Đơn vị tính shown above the table.
   */
  unit?: string
  /**
   * @minItems 1
   */
  columns: Column[]
  /**
   * @minItems 1
   */
  rows: Row[]
  /**
   * Generate a sum-of-children rule for every row that has children in the outline.
   */
  sumChildren?: boolean
}
/**
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "Column".
 */
export interface Column {
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  id: string
  /**
   * Header path from the top header row down; equal neighbouring texts merge.
   *
   * @minItems 1
   * @maxItems 5
   */
  header: string[]
  /**
   * Column number shown under the header, e.g. (3).
   */
  number?: string
  type: 'number' | 'integer' | 'percent' | 'text' | 'date' | 'choice'
  unit?: string
  decimals?: number
  choices?: string[]
  min?: number
  max?: number
  /**
   * Formula for every data row of this column; @ stands for the current row (e.g. =@.c4+@.c5).
   */
  formula?: string
  /**
   * How sub-units' values of an input cell are consolidated.
   */
  aggregate?: 'sum' | 'avg' | 'min' | 'max' | 'count' | 'none'
  width?: number
  /**
   * Supporting data outside the printed official form: values the system fills (data source, fetch time, figures as fetched) and the reporter's notes on them. Exporters of the printed layout omit it.
   */
  system?: boolean
}
/**
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "Row".
 */
export interface Row {
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  id: string
  /**
   * STT / row code as printed.
   */
  code?: string
  label: string
  /**
   * Indicator code from a catalogue.
   */
  indicator?: string
  unit?: string
  /**
   * Outline level; children follow their parent with level + 1.
   */
  level?: number
  /**
   * data = inputs, total = every cell sums its outline children unless overridden, heading = label only.
   */
  kind?: 'data' | 'total' | 'heading'
  /**
   * Formula for every cell of this row; @ stands for the current column (e.g. =SUM(r1.@:r5.@)).
   */
  formula?: string
  /**
   * Reporters may add rows like this one (danh sách); each added row gets id <id>_<n>.
   */
  dynamic?: {
    minRows?: number
    maxRows?: number
  }
  /**
   * Per-cell overrides keyed by column id.
   */
  cells?: {
    [k: string]: Cell
  }
}
/**
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "Cell".
 */
export interface Cell {
  kind: 'input' | 'formula' | 'fixed' | 'greyed'
  formula?: string
  /**
   * A value entered or computed in a cell. null = empty.
   */
  value?: number | string | boolean | null
  required?: boolean
}
/**
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "NarrativeSection".
 */
export interface NarrativeSection {
  kind: 'narrative'
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  id: string
  title: string
  /**
   * Outline numbering per level: roman (I.), arabic (1.), alpha (a)), dash (-).
   */
  numbering?: ('roman' | 'arabic' | 'alpha' | 'dash' | 'none')[]
  /**
   * @minItems 1
   */
  items: NarrativeItem[]
}
/**
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "NarrativeItem".
 */
export interface NarrativeItem {
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  id: string
  title: string
  level?: number
  /**
   * Guidance shown to the reporter.
   */
  prompt?: string
  /**
   * Fixed text; {{r1.c3}} or {{main!r1.c3}} embeds a figure of the same report.
   */
  text?: string
  /**
   * Whether the reporter writes text here.
   */
  input?: boolean
  required?: boolean
  minLength?: number
  maxLength?: number
}
/**
 * A cross-cell rule. Expressions use the formula language.
 *
 * This interface was referenced by `TemplateDefinition`'s JSON-Schema
 * via the `definition` "Constraint".
 */
export interface Constraint {
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  id: string
  /**
   * assert: expression is TRUE; compare: left op right within tolerance; required-if: target filled when condition holds; both-or-neither / not-both: pair rules.
   */
  kind: 'assert' | 'compare' | 'required-if' | 'both-or-neither' | 'not-both'
  severity: 'error' | 'warning' | 'info'
  /**
   * Shown to the reporter; {left} {right} {values} are filled in.
   */
  message?: string
  /**
   * assert: a formula that must be TRUE.
   */
  expression?: string
  left?: string
  operator?: '=' | '<>' | '<' | '<=' | '>' | '>='
  right?: string
  /**
   * compare: allowed absolute difference.
   */
  tolerance?: number
  /**
   * compare: allowed difference as a fraction of |right|.
   */
  relativeTolerance?: number
  /**
   * Precondition: the rule is checked only when this formula is TRUE.
   */
  when?: string
  /**
   * required-if / both-or-neither / not-both: the cells concerned (references).
   */
  cells?: string[]
  /**
   * What an empty operand means: zero (treat as 0), skip (rule not checked), fail (rule fails).
   */
  missing?: 'zero' | 'skip' | 'fail'
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  forEachRow?: string
  /**
   * Stable identifier of a row, column, section, rule or narrative field. Never a position.
   */
  forEachColumn?: string
}
