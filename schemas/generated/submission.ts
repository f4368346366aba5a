/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/submission.schema.json by `npm run gen`.
 * Change the JSON Schema and regenerate instead.
 */

/**
 * The values of one report instance revision: what a reporter enters and what is signed.
 */
export interface SubmissionDocument {
  $schema?: string
  template: {
    /**
     * Official form code, e.g. II.06a/VPCP/KSTT.
     */
    code: string
    version: string
  }
  /**
   * Reporting unit code.
   */
  unit?: string
  /**
   * Period id, e.g. 2025-Q3, 2025-M07, 2025-H1, 2025-N9, 2025-Y.
   */
  period?: string
  revision?: number
  /**
   * Input cell values keyed by section id, then row id, then column id.
   */
  values: {
    [k: string]: {
      [k: string]: {
        /**
         * A value entered or computed in a cell. null = empty.
         */
        [k: string]: number | string | boolean | null
      }
    }
  }
  /**
   * Rows added by the reporter, per section: the list of added row ids in order.
   */
  dynamicRows?: {
    /**
     * Items: Stable identifier of a row, column, section, rule or narrative field. Never a position.
     */
    [k: string]: string[]
  }
  /**
   * Narrative texts keyed by section id then item id.
   */
  narrative?: {
    [k: string]: {
      [k: string]: string
    }
  }
  /**
   * Reporter explanations of warnings, keyed by diagnostic key (rule id and place).
   */
  explanations?: {
    [k: string]: string
  }
}
