import { defineEntity, p } from '@mikro-orm/core'
import type { SubmissionDocument } from '../../../schemas/generated/index.js'
import { AppUser } from './identity.js'
import { OrgUnit } from './org.js'
import { TemplateVersion } from './template.js'

/** When instances open: from `fromPeriod` (inclusive) up to `toPeriod` or the current period. */
export interface AssignmentSchedule {
  fromPeriod: string
  toPeriod?: string
  /** Override of the template deadline for the reporting units (ISO date per period id). */
  deadlines?: Record<string, string>
  /** Receiving window: sending stays open this many days after each unit's deadline (default: runtime config). */
  receivingWindow?: { daysAfterDeadline?: number }
}

/** A published template version assigned by a unit to some of its sub-units (DESIGN.md §3.1). */
export const Assignment = defineEntity({
  name: 'Assignment',
  tableName: 'assignment',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer().index(),
    templateVersion: () => p.manyToOne(TemplateVersion).index(),
    unit: () => p.manyToOne(OrgUnit).index(),
    schedule: p.json<AssignmentSchedule>(),
    active: p.boolean().default(true),
    createdBy: () => p.manyToOne(AppUser).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
})

export const AssignmentTarget = defineEntity({
  name: 'AssignmentTarget',
  tableName: 'assignment_target',
  properties: {
    id: p.integer().primary(),
    assignment: () => p.manyToOne(Assignment).deleteRule('cascade'),
    unit: () => p.manyToOne(OrgUnit).index(),
  },
  uniques: [{ properties: ['assignment', 'unit'] }],
})

/** One report per assignment, reporting unit and period; opened by the open-instances job. */
export const ReportInstance = defineEntity({
  name: 'ReportInstance',
  tableName: 'report_instance',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    assignment: () => p.manyToOne(Assignment),
    unit: () => p.manyToOne(OrgUnit).index(),
    period: p.string().length(20),
    /**
     * The template version this report uses, when the resolveTemplateVersion hook chose one other
     * than the assignment's (null = the assignment's version).
     */
    templateVersion: () => p.manyToOne(TemplateVersion).nullable(),
    /** Last day to send (ISO date, Vietnam calendar), from core's deadline rules for the unit's tier. */
    deadline: p.string().columnType('date').nullable(),
    status: p.string().length(30),
    currentRevision: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['tenantId', 'assignment', 'unit', 'period'] }],
  indexes: [{ properties: ['tenantId', 'assignment', 'period'] }],
})

/** A revision of a report (1 = original, 2+ = corrections). Every revision is kept. */
export const ReportRevision = defineEntity({
  name: 'ReportRevision',
  tableName: 'report_revision',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    instance: () => p.manyToOne(ReportInstance),
    revisionNo: p.integer(),
    status: p.string().length(30),
    document: p.json<SubmissionDocument>(),
    /** Optimistic concurrency token: a save must name the version it was based on. */
    version: p.integer().default(1),
    /** Last rejection / return reason, shown to the entry clerk. */
    reason: p.text().nullable(),
    createdBy: () => p.manyToOne(AppUser).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    submittedAt: p.datetime().nullable(),
    approvedAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
    acceptedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['instance', 'revisionNo'] }],
  indexes: [{ properties: ['tenantId', 'status'] }],
})

/**
 * Input cell values of a revision, one row per cell, so consolidation is a GROUP BY.
 * The tenant key leads the primary key (distribution column under Citus, DESIGN.md §6).
 */
export const CellValue = defineEntity({
  name: 'CellValue',
  tableName: 'cell_value',
  properties: {
    tenantId: p.integer().primary(),
    revisionId: p.integer().primary(),
    section: p.string().length(64).primary(),
    row: p.string().length(64).primary(),
    col: p.string().length(64).primary(),
    num: p.decimal('string').columnType('numeric').nullable(),
    txt: p.text().nullable(),
  },
  indexes: [{ properties: ['revisionId'] }],
})

/** Workflow history of an instance: every transition with its reason and actor. */
export const WorkflowEvent = defineEntity({
  name: 'WorkflowEvent',
  tableName: 'workflow_event',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    instance: () => p.manyToOne(ReportInstance).index(),
    revisionNo: p.integer(),
    action: p.string().length(40),
    fromStatus: p.string().length(30),
    toStatus: p.string().length(30),
    reason: p.text().nullable(),
    actor: () => p.manyToOne(AppUser).nullable(),
    at: p.datetime().onCreate(() => new Date()),
  },
})

/**
 * A receiving window set by the assigning unit for one period (DESIGN.md §3.4): each bound left
 * null keeps its default (opens at the end of the cut-off window, closes some days after each
 * unit's deadline).
 */
export const ReceivingWindow = defineEntity({
  name: 'ReceivingWindow',
  tableName: 'receiving_window',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    assignment: () => p.manyToOne(Assignment).deleteRule('cascade'),
    period: p.string().length(20),
    opensOn: p.string().columnType('date').nullable(),
    closesOn: p.string().columnType('date').nullable(),
    setBy: () => p.manyToOne(AppUser).nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['assignment', 'period'] }],
})

/**
 * A notice to a unit (every user with a role on it sees it), e.g. that a receiving window opened.
 * `dedupKey` makes sending the same notice twice a no-op.
 */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: p.integer().primary(),
    tenantId: p.integer(),
    unit: () => p.manyToOne(OrgUnit),
    kind: p.string().length(60),
    message: p.text(),
    data: p.json<Record<string, unknown>>(),
    dedupKey: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['unit', 'dedupKey'] }],
  indexes: [{ properties: ['tenantId', 'unit', 'createdAt'] }],
})
