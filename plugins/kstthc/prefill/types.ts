/**
 * Prefilling Biểu II.06a from an external one-stop system (Hệ thống thông tin một cửa điện tử).
 * The connector that talks to the system (HTTP or file) is configured in the runtime; the plugin
 * defines what a connector returns and how it becomes submission values with their provenance.
 */
import type {
  PrefillContext,
  PrefillResult as CorePrefillResult,
  SubmissionDocument,
} from '../../../core/index.js'

export type { PrefillContext }

/** Dossier counts of one lĩnh vực at one tier, as the one-stop system reports them. */
export interface OneStopRecord {
  /** Tier code from the cap-hanh-chinh catalogue: tinh, huyen, xa. */
  tier: string
  /** Lĩnh vực, công việc giải quyết (printed in column (2)). */
  field: string
  received: { online: number; direct: number; carriedOver: number }
  resolved: { early: number; onTime: number; late: number }
  pending: { onTime: number; late: number }
}

/** What a connector returns: one unit's dossier figures for one period. */
export interface OneStopExport {
  /** Name of the source system, recorded in the system column "Nguồn số liệu". */
  system: string
  unit: string
  period: string
  /** ISO 8601 date-time the figures were produced, recorded in "Thời điểm lấy số liệu". */
  generatedAt: string
  records: OneStopRecord[]
}

export interface PrefillRequest {
  template: { code: string; version: string }
  unit: string
  period: string
}

/** A configured data source. `kind` tells the runtime how it is reached; the plugin only calls fetch. */
export interface OneStopConnector {
  id: string
  kind: 'http' | 'file'
  fetch(request: PrefillRequest): Promise<OneStopExport>
}

/**
 * What the prefill hook returns: core's `PrefillResult`, always with the rows added per section.
 * The hook's input is core's `PrefillContext` (the runtime's connector has already fetched the data).
 */
export interface PrefillResult extends CorePrefillResult {
  dynamicRows: NonNullable<SubmissionDocument['dynamicRows']>
}

/** Hook of kind `first`: values for the template, or undefined when the plugin has no opinion. */
export type PrefillHook = (ctx: PrefillContext) => PrefillResult | undefined
