/**
 * Shapes of POST/GET /api/v1/assignments and GET /org-units (runtime/routes/assignments.ts,
 * runtime/routes/org-units.ts) as the assigning screen reads them; the runtime and the designer
 * never import each other.
 */

/** When an assignment's reports are due: a period range (no `toPeriod`: every later period too). */
export interface AssignmentSchedule {
  fromPeriod: string
  toPeriod?: string
  /** Deadline per period id (YYYY-MM-DD), overriding the template's. */
  deadlines?: Record<string, string>
  receivingWindow?: { daysAfterDeadline?: number }
}

export interface NewAssignment {
  templateVersionId: number
  unitId: number
  targetUnitIds: number[]
  schedule: AssignmentSchedule
}

export interface CreatedAssignment {
  id: number
  templateVersionId: number
  unitId: number
  targetUnitIds: number[]
  schedule: AssignmentSchedule
}

/** GET /assignments/:id: its targets and how far its background job has opened the reports. */
export interface AssignmentDetail {
  id: number
  code: string
  version: string
  name: string
  unitId: number
  active: boolean
  schedule: AssignmentSchedule
  targets: Array<{ id: number; code: string; name: string; tier: string }>
  instanceCount: number
  opening: boolean
}

/** A row of GET /assignments. */
export interface AssignmentRow {
  id: number
  templateVersionId: number
  unitId: number
  unitCode: string
  active: boolean
  code: string
  version: string
  name: string
  schedule: AssignmentSchedule
  targetCount: number
  instanceCount: number
}

/** A row of GET /org-units (the tenant, parents first). */
export interface UnitRow {
  id: number
  code: string
  name: string
  tier: string
  parentId: number | null
  rootId: number
  path: string
}
