import type { EntityManager } from '@mikro-orm/postgresql'
import {
  checkNarratives,
  createWorkbook,
  type Diagnostic,
  type Engine,
  type ResolvedTemplate,
  type SubmissionDocument,
  type WorkflowInstance,
  type WorkflowRevision,
  type WorkflowState,
  type Workbook,
} from '../../core/index.js'
import { canRead, hasRole } from '../auth/access.js'
import type { Auth } from '../context.js'
import { query, queryOne, iso } from '../db/sql.js'
import { ApiError, notFound } from '../errors.js'
import { loadExternalValues, type ExternalSource } from './external-values.js'
import { getVersion, resolvedOf, type VersionRow } from './templates.js'

export interface UnitInfo {
  id: number
  code: string
  name: string
  path: string
  tier: string
}

export interface RevisionRow {
  id: number
  revisionNo: number
  status: WorkflowState
  version: number
  document: SubmissionDocument
  reason: string | null
  createdAt: string
  updatedAt: string
  submittedAt: string | null
  approvedAt: string | null
  sentAt: string | null
  acceptedAt: string | null
}

/** An instance with everything a request about it needs: units, template, revisions. */
export interface InstanceContext {
  id: number
  tenantId: number
  assignmentId: number
  period: string
  deadline: string | null
  status: WorkflowState
  currentRevision: number
  unit: UnitInfo
  receivingUnit: UnitInfo
  version: VersionRow
  revisions: RevisionRow[]
}

interface InstanceRow {
  id: number
  tenantId: number
  assignmentId: number
  period: string
  deadline: string | null
  status: WorkflowState
  currentRevision: number
  versionId: number
  uId: number
  uCode: string
  uName: string
  uPath: string
  uTier: string
  rId: number
  rCode: string
  rName: string
  rPath: string
  rTier: string
}

/**
 * Loads an instance of the caller's tenant (404 otherwise). `lock` takes the row lock, which
 * serialises every write to one report (saves and transitions) until the transaction ends.
 */
export async function loadInstance(
  em: EntityManager,
  id: number,
  tenantId: number,
  lock = false,
): Promise<InstanceContext> {
  const row = await queryOne<InstanceRow>(
    em,
    `select i.id, i.tenant_id as "tenantId", i.assignment_id as "assignmentId", i.period, i.deadline, i.status,
            i.current_revision as "currentRevision", coalesce(i.template_version_id, a.template_version_id) as "versionId",
            u.id as "uId", u.code as "uCode", u.name as "uName", u.path as "uPath", u.tier as "uTier",
            r.id as "rId", r.code as "rCode", r.name as "rName", r.path as "rPath", r.tier as "rTier"
       from report_instance i
       join assignment a on a.id = i.assignment_id
       join org_unit u on u.id = i.unit_id
       join org_unit r on r.id = a.unit_id
      where i.id = ? and i.tenant_id = ?${lock ? ' for update of i' : ''}`,
    [id, tenantId],
  )
  if (row === undefined) throw notFound(`Report instance ${id}`)
  const revisions = await query<RevisionRow>(
    em,
    `select id, revision_no as "revisionNo", status, version, document, reason, created_at as "createdAt", updated_at as "updatedAt",
            submitted_at as "submittedAt", approved_at as "approvedAt", sent_at as "sentAt", accepted_at as "acceptedAt"
       from report_revision where tenant_id = ? and instance_id = ? order by revision_no`,
    [tenantId, id],
  )
  return {
    id: row.id,
    tenantId: row.tenantId,
    assignmentId: row.assignmentId,
    period: row.period,
    deadline: row.deadline,
    status: row.status,
    currentRevision: row.currentRevision,
    unit: { id: row.uId, code: row.uCode, name: row.uName, path: row.uPath, tier: row.uTier },
    receivingUnit: {
      id: row.rId,
      code: row.rCode,
      name: row.rName,
      path: row.rPath,
      tier: row.rTier,
    },
    version: await getVersion(em, row.versionId),
    revisions: revisions.map((r) => ({
      ...r,
      createdAt: iso(r.createdAt)!,
      updatedAt: iso(r.updatedAt)!,
      submittedAt: iso(r.submittedAt),
      approvedAt: iso(r.approvedAt),
      sentAt: iso(r.sentAt),
      acceptedAt: iso(r.acceptedAt),
    })),
  }
}

export function currentRevision(ctx: InstanceContext): RevisionRow {
  const rev = ctx.revisions.find((r) => r.revisionNo === ctx.currentRevision)
  if (rev === undefined)
    throw new Error(`Instance ${ctx.id} has no revision ${ctx.currentRevision}`)
  return rev
}

export function templateOf(ctx: InstanceContext, engine: Engine): ResolvedTemplate {
  return resolvedOf(ctx.version, engine)
}

/** Reading a report: any role on the reporting unit (or admin/viewer above it), or aggregator/viewer of the receiving unit. */
export function requireRead(auth: Auth, ctx: InstanceContext): void {
  if (canRead(auth, ctx.unit)) return
  if (hasRole(auth, 'aggregator', ctx.receivingUnit) || hasRole(auth, 'viewer', ctx.receivingUnit))
    return
  throw new ApiError(
    403,
    'forbidden',
    `No role on unit ${ctx.unit.code} (${ctx.unit.name}) or aggregator/viewer on ${ctx.receivingUnit.code}`,
    {
      missingRole: 'viewer',
      unit: ctx.unit.code,
    },
  )
}

/** The workflow's view of an instance (core/workflow works on this shape). */
export function workflowView(ctx: InstanceContext): WorkflowInstance {
  const revisions: WorkflowRevision[] = ctx.revisions.map((r) => ({
    revision: r.revisionNo,
    state: r.status,
    ...(r.submittedAt === null ? {} : { submittedAt: r.submittedAt }),
    ...(r.approvedAt === null ? {} : { approvedAt: r.approvedAt }),
    ...(r.sentAt === null ? {} : { sentAt: r.sentAt }),
    ...(r.acceptedAt === null ? {} : { acceptedAt: r.acceptedAt }),
  }))
  const accepted = ctx.revisions
    .filter((r) => r.acceptedAt !== null && r.status === 'accepted')
    .at(-1)
  const reason = currentRevision(ctx).reason
  return {
    reportingUnit: ctx.unit.code,
    receivingUnit: ctx.receivingUnit.code,
    state: ctx.status,
    revision: ctx.currentRevision,
    revisions,
    ...(accepted === undefined ? {} : { acceptedRevision: accepted.revisionNo }),
    ...(reason === null ? {} : { reason }),
  }
}

/** The external values (period functions, other templates, child units) of an instance's template. */
export async function externalFor(
  em: EntityManager,
  engine: Engine,
  ctx: InstanceContext,
  template: ResolvedTemplate,
): Promise<ExternalSource | undefined> {
  return loadExternalValues(em, engine, template, {
    tenantId: ctx.tenantId,
    unit: ctx.unit,
    period: ctx.period,
  })
}

/**
 * Evaluates a document: core's workbook with the external values (the browser builds the same
 * workbook from GET /instances/:id/external-values, so both show the same figures).
 */
export function evaluate(
  engine: Engine,
  template: ResolvedTemplate,
  doc: SubmissionDocument,
  external?: ExternalSource,
): Workbook {
  return createWorkbook(template, {
    values: doc.values,
    dynamicRows: doc.dynamicRows,
    functions: engine.functions,
    ...(external === undefined ? {} : { external: external.values }),
  })
}

/**
 * Diagnostics of a document under its template: core's workbook (constraints, input types,
 * required cells), the narrative items (required, length limits) and the installed plugins' rules.
 * The server re-validates every save and submit.
 */
export function diagnose(
  engine: Engine,
  template: ResolvedTemplate,
  doc: SubmissionDocument,
  external?: ExternalSource,
): Diagnostic[] {
  const book = evaluate(engine, template, doc, external)
  return [
    ...book.diagnostics(),
    ...checkNarratives(book.template, doc.narrative),
    ...engine.runRules({
      template: book.template,
      submission: doc,
      value: (key) => book.get(key),
      ...(doc.period === undefined ? {} : { period: doc.period }),
      ...(doc.unit === undefined ? {} : { unit: doc.unit }),
    }),
  ]
}
