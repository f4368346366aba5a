/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/common.schema.json by `npm run gen`.
 * Change the JSON Schema and regenerate instead.
 */

/**
 * Stable identifier of a row, column, section, rule or narrative field. Never a position.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Id".
 */
export type Id = string
/**
 * Official form code, e.g. II.06a/VPCP/KSTT.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "TemplateCode".
 */
export type TemplateCode = string
/**
 * Calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "IsoDate".
 */
export type IsoDate = string
/**
 * Reporting frequency. none = ad-hoc (đột xuất / chuyên đề with the requester's window).
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "PeriodType".
 */
export type PeriodType = 'month' | 'quarter' | 'half-year' | 'nine-months' | 'year' | 'none'
/**
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Severity".
 */
export type Severity = 'error' | 'warning' | 'info'
/**
 * A value entered or computed in a cell. null = empty.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "CellValue".
 */
export type CellValue = number | string | boolean | null
/**
 * How sub-units' values of an input cell are consolidated.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "AggregateRule".
 */
export type AggregateRule = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'none'

export interface CommonDefinitions {
  [k: string]: unknown
}
