/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/catalog.schema.json by `npm run gen`.
 * Change the JSON Schema and regenerate instead.
 */

/**
 * An indicator catalogue (danh mục chỉ tiêu), versioned, with codes and official Vietnamese labels verbatim.
 */
export interface CatalogDefinition {
  $schema?: string
  id: string
  name: string
  version: string
  /**
   * Calendar date, YYYY-MM-DD.
   */
  effectiveFrom?: string
  legalBasis?: string[]
  indicators: Indicator[]
}
/**
 * This interface was referenced by `CatalogDefinition`'s JSON-Schema
 * via the `definition` "Indicator".
 */
export interface Indicator {
  code: string
  name: string
  unit?: string
  group?: string
  parent?: string
  description?: string
  /**
   * How sub-units' values of an input cell are consolidated.
   */
  aggregate?: 'sum' | 'avg' | 'min' | 'max' | 'count' | 'none'
  /**
   * Formula over reported figures for ratio indicators.
   */
  numerator?: string
  denominator?: string
  fallbackDenominator?: string
  /**
   * Threshold to reach (e.g. 0.9 for 90%).
   */
  target?: number
  maxScore?: number
  /**
   * false where the label or rule is reconstructed, not read in the official text.
   */
  verified?: boolean
}
