/**
 * Shapes of the runtime's /api/v1 responses the web app reads (runtime/routes/*.ts). The runtime
 * and the designer never import each other, so these mirror the routes; documents inside them
 * (template definitions, submission values, diagnostics) are the shared schema/core types.
 */
import type {
  Diagnostic,
  SubmissionDocument,
  TemplateDefinition,
  Value,
} from '../../../core/index.js'

export type Role = 'admin' | 'designer' | 'entry' | 'aggregator' | 'approver' | 'sender' | 'viewer'

export interface Me {
  user: { id: number; username: string; fullName?: string; unitId: number }
  roles: Array<{ role: Role; unitId: number }>
}

export type InstanceStatus =
  'draft' | 'submitted' | 'approved' | 'sent' | 'accepted' | 'correction-requested'

export interface InstanceSummary {
  id: number
  assignmentId: number
  period: string
  status: InstanceStatus
  deadline: string | null
  currentRevision: number
  unitId: number
  unitCode: string
  unitName: string
  templateCode: string
  templateVersion: string
}

export interface UnitRef {
  id: number
  code: string
  name: string
}

export interface HistoryEntry {
  revisionNo: number
  action: string
  from: string
  to: string
  reason: string | null
  at: string
  actor: string | null
}

export interface InstanceDetail {
  id: number
  assignmentId: number
  period: string
  deadline: string | null
  status: InstanceStatus
  unit: UnitRef
  receivingUnit: UnitRef
  template: { versionId: number; code: string; version: string }
  revision: {
    id: number
    revisionNo: number
    status: string
    version: number
    reason: string | null
    document: SubmissionDocument
    updatedAt: string
  }
  revisions: Array<{ id: number; revisionNo: number; status: string; acceptedAt: string | null }>
  diagnostics?: Diagnostic[]
  history?: HistoryEntry[]
  /** Workflow actions the caller may fire now. */
  actions?: string[]
}

export interface DraftInput {
  version: number
  values?: SubmissionDocument['values']
  narrative?: NonNullable<SubmissionDocument['narrative']>
  explanations?: Record<string, string>
  dynamicRows?: Record<string, string[]>
}

export interface DraftSaved {
  version: number
  diagnostics: Diagnostic[]
  keys: string[]
}

export interface TemplateVersion {
  id: number
  templateId: number
  code: string
  version: string
  status: TemplateDefinition['status']
  lockVersion: number
  ownerUnitId: number
  definition: TemplateDefinition
  diagnostics?: Diagnostic[]
}

/** One version as GET /templates lists it: enough to choose it without fetching its definition. */
export interface TemplateVersionSummary {
  id: number
  version: string
  status: TemplateDefinition['status']
  name: string
  periodType: TemplateDefinition['periodType']
  regimeKind: TemplateDefinition['regimeKind']
}

export interface TemplateListItem {
  id: number
  code: string
  name: string
  ownerUnitId: number
  versions: TemplateVersionSummary[] | null
}

export interface Assignment {
  id: number
  templateVersionId: number
  unitId: number
  active: boolean
  code: string
  version: string
  name: string
  schedule?: unknown
}

export type BoardState =
  | 'not_started'
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'sent'
  | 'accepted'
  | 'correction-requested'
  | 'late'

export interface TrackingUnit {
  unitId: number
  unitCode: string
  unitName: string
  state: BoardState
  instanceId: number | null
  deadline: string | null
  late: boolean
  label?: string
  revision?: number
  sentAt?: string | null
  acceptedAt?: string | null
  updatedAt?: string | null
}

export interface Tracking {
  assignmentId: number
  period: string
  today: string
  counts: Record<string, number>
  units: TrackingUnit[]
}

export interface Consolidation {
  assignmentId: number
  period: string
  template: { code: string; version: string }
  included: Array<{ unitId: number; unitCode: string; revisionId: number; revisionNo: number }>
  values: SubmissionDocument['values']
  cells: Record<string, Value>
}
