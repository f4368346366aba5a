import type { Context } from 'hono'
import {
  diagnosticKey,
  availableActions,
  whyNot,
  transitionOf,
  type Diagnostic,
  type ResolvedTemplate,
  type SubmissionDocument,
  type WorkflowAction,
} from '../../core/index.js'
import type { AppEnv, Auth } from '../context.js'
import { query } from '../db/sql.js'
import { badRequest, notFound } from '../errors.js'
import { copyCells, flattenValues, mergeValues, withAddedValues } from '../services/cells.js'
import {
  currentRevision,
  diagnose,
  externalFor,
  loadInstance,
  requireRead,
  templateOf,
  workflowView,
  type InstanceContext,
} from '../services/instances.js'
import { LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT, listInstances } from '../services/instance-list.js'
import { caCertificatePem } from '../services/pki.js'
import { runPrefill } from '../services/prefill.js'
import { saveRevision } from '../services/save-revision.js'
import { requireOpenWindow } from '../services/receiving-windows.js'
import { revisionOf } from '../services/report-export.js'
import { signRevision, signedContent, verifyRevisionSignatures } from '../services/signing.js'
import { boundedParam, intParam } from './body.js'
import { defineRoutes, type RouteDef } from './define.js'
import { audit, em, engine, now, tenantOf } from './helpers.js'
import {
  actorOf,
  check,
  instanceFor,
  openDraft,
  requireActionRole,
  requireNoVeto,
  workflowError,
  type TransitionInput,
} from './report-guards.js'

function present(ctx: InstanceContext, extra: Record<string, unknown> = {}) {
  const rev = currentRevision(ctx)
  return {
    id: ctx.id,
    assignmentId: ctx.assignmentId,
    period: ctx.period,
    deadline: ctx.deadline,
    status: ctx.status,
    unit: { id: ctx.unit.id, code: ctx.unit.code, name: ctx.unit.name },
    receivingUnit: {
      id: ctx.receivingUnit.id,
      code: ctx.receivingUnit.code,
      name: ctx.receivingUnit.name,
    },
    template: { versionId: ctx.version.id, code: ctx.version.code, version: ctx.version.version },
    revision: {
      id: rev.id,
      revisionNo: rev.revisionNo,
      status: rev.status,
      version: rev.version,
      reason: rev.reason,
      document: rev.document,
      updatedAt: rev.updatedAt,
    },
    revisions: ctx.revisions.map((r) => ({
      id: r.id,
      revisionNo: r.revisionNo,
      status: r.status,
      acceptedAt: r.acceptedAt,
    })),
    ...extra,
  }
}

/** Diagnostics with the instance's external values (period functions, other templates, sub-units). */
async function diagnoseInstance(
  c: Context<AppEnv>,
  ctx: InstanceContext,
  template: ResolvedTemplate,
  doc: SubmissionDocument,
): Promise<Diagnostic[]> {
  return diagnose(engine(c), template, doc, await externalFor(em(c), engine(c), ctx, template))
}

/**
 * The revision named by the `:id` path parameter (a revision id, not a number within a report) in
 * the caller's tenant, once the caller may read its report; 404 otherwise.
 */
async function readableRevision(
  c: Context<AppEnv>,
  auth: Auth,
): Promise<{ id: number; tenantId: number; document: SubmissionDocument }> {
  const id = intParam(c.req.param('id'), 'id')
  const tenantId = await tenantOf(c, auth)
  const [row] = await query<{ instanceId: number; document: SubmissionDocument }>(
    em(c),
    'select instance_id as "instanceId", document from report_revision where id = ? and tenant_id = ?',
    [id, tenantId],
  )
  if (row === undefined) throw notFound(`Revision ${id}`)
  requireRead(auth, await loadInstance(em(c), row.instanceId, tenantId))
  return { id, tenantId, document: row.document }
}

const TIMESTAMP: Partial<Record<WorkflowAction, string>> = {
  submit: 'submitted_at',
  approve: 'approved_at',
  send: 'sent_at',
  accept: 'accepted_at',
}

/**
 * Runs a workflow action end to end in the request transaction: check with core, sign when the
 * transition needs it, persist states, open a correction revision, history and audit.
 */
async function transition(c: Context<AppEnv>, auth: Auth, action: WorkflowAction, reason?: string) {
  const ctx = await instanceFor(c, auth, true)
  requireActionRole(auth, ctx, action)
  const at = now(c)
  const rev = currentRevision(ctx)
  const t = transitionOf(action)!
  const input: TransitionInput = reason === undefined ? {} : { reason }
  // Role and state first (core), then the receiving window and the plugins: nothing is signed,
  // fetched or evaluated for a transition that cannot happen.
  const refused = whyNot(workflowView(ctx), action, actorOf(auth))
  if (refused !== undefined) throw workflowError(refused)
  if (action === 'send' && ctx.currentRevision === 1) {
    await requireOpenWindow(em(c), ctx, at, c.get('ctx').config.receivingDaysAfterDeadline)
  }
  const template = templateOf(ctx, engine(c))
  requireNoVeto(c, auth, ctx, action, template, rev.document, at, reason)
  if (t.checksDiagnostics) {
    input.diagnostics = await diagnoseInstance(c, ctx, template, rev.document)
    input.explanations = rev.document.explanations ?? {}
  }
  let signatureId: number | undefined
  if (t.needsSignature) {
    const sig = await signRevision(
      em(c),
      { id: rev.id, tenantId: ctx.tenantId, document: rev.document },
      ctx.unit,
      auth.user.id,
      at,
    )
    signatureId = sig.id
    input.signature = String(sig.id)
  }
  const result = check(ctx, auth, action, at, input)
  const next = result.instance
  const stamp = TIMESTAMP[action]
  const touched = next.revisions.find((r) => r.revision === result.event.revision)
  await query(
    em(c),
    `update report_revision set status = ?, reason = ?, updated_at = ?${stamp === undefined ? '' : `, ${stamp} = ?`}
      where tenant_id = ? and instance_id = ? and revision_no = ?`,
    [
      touched?.state ?? next.state,
      t.needsReason
        ? (reason ?? null)
        : action === 'submit' || action === 'approve'
          ? null
          : rev.reason,
      at,
      ...(stamp === undefined ? [] : [at]),
      ctx.tenantId,
      ctx.id,
      result.event.revision,
    ],
  )
  if (result.event.openedRevision !== undefined) {
    const n = result.event.openedRevision
    const doc: SubmissionDocument = { ...rev.document, revision: n }
    const [created] = await query<{ id: number }>(
      em(c),
      `insert into report_revision (tenant_id, instance_id, revision_no, status, document, version, reason, created_by_id, created_at, updated_at)
       values (?, ?, ?, 'draft', ?::jsonb, 1, ?, ?, ?, ?) returning id`,
      [ctx.tenantId, ctx.id, n, JSON.stringify(doc), reason ?? null, auth.user.id, at, at],
    )
    await copyCells(em(c), ctx.tenantId, rev.id, created!.id)
  }
  await query(
    em(c),
    'update report_instance set status = ?, current_revision = ?, updated_at = ? where id = ? and tenant_id = ?',
    [next.state, next.revision, at, ctx.id, ctx.tenantId],
  )
  await query(
    em(c),
    `insert into workflow_event (tenant_id, instance_id, revision_no, action, from_status, to_status, reason, actor_id, at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      ctx.tenantId,
      ctx.id,
      result.event.revision,
      action,
      result.event.from,
      result.event.to,
      reason ?? null,
      auth.user.id,
      at,
    ],
  )
  await audit(c, auth, {
    tenantId: ctx.tenantId,
    action: `report.${action}`,
    entity: 'report_instance',
    entityId: ctx.id,
    before: { status: ctx.status, revision: ctx.currentRevision },
    after: {
      status: next.state,
      revision: next.revision,
      ...(reason === undefined ? {} : { reason }),
      ...(signatureId === undefined ? {} : { signatureId }),
    },
  })
  return present(await loadInstance(em(c), ctx.id, ctx.tenantId), { event: result.event })
}

const REASON_BODY = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 4000 } },
}

function action(name: WorkflowAction, summary: string, withReason: boolean): RouteDef {
  const t = transitionOf(name)!
  return {
    method: 'post',
    path: `/instances/:id/${name}`,
    operationId: name.replace(/-(\w)/g, (_m, ch: string) => ch.toUpperCase()) + 'Report',
    summary,
    tag: 'workflow',
    roles: `${t.roles.join(' or ')} on the ${t.unit} unit`,
    ...(withReason ? { body: REASON_BODY } : {}),
    async handler(c, body, auth) {
      const reason = withReason ? (body as { reason: string }).reason.trim() : undefined
      if (withReason && reason === '')
        throw badRequest('A reason is required and must not be blank', { pointer: '/reason' })
      return transition(c, auth, name, reason)
    },
  }
}

export const instanceRoutes = defineRoutes([
  {
    method: 'get',
    path: '/instances',
    operationId: 'listInstances',
    summary: 'Report instances the caller may read, filtered by assignment, period or unit',
    tag: 'entry',
    query: [
      { name: 'assignmentId', type: 'integer', description: 'Assignment' },
      { name: 'period', type: 'string', description: 'Period id' },
      { name: 'unitId', type: 'integer', description: 'Reporting unit' },
      {
        name: 'limit',
        type: 'integer',
        description: `Reports per page, 1 to ${LIST_MAX_LIMIT} (default ${LIST_DEFAULT_LIMIT}); the answer's \`total\` counts them all`,
      },
      {
        name: 'offset',
        type: 'integer',
        description: 'Reports to skip (default 0): the next page starts at offset + limit',
      },
    ],
    async handler(c, _body, auth) {
      const optional = (name: string) => {
        const v = c.req.query(name)
        return v === undefined ? null : intParam(v, name)
      }
      return listInstances(em(c), await tenantOf(c, auth), auth, {
        assignmentId: optional('assignmentId'),
        period: c.req.query('period') ?? null,
        unitId: optional('unitId'),
        limit: boundedParam(c.req.query('limit'), 'limit', 1, LIST_MAX_LIMIT, LIST_DEFAULT_LIMIT),
        offset: boundedParam(c.req.query('offset'), 'offset', 0, Number.MAX_SAFE_INTEGER, 0),
      })
    },
  },
  {
    method: 'get',
    path: '/instances/:id',
    operationId: 'getInstance',
    summary: 'A report instance: current revision document, diagnostics, revisions and history',
    tag: 'entry',
    roles: 'any role on the reporting unit, or aggregator/viewer on the receiving unit',
    async handler(c, _body, auth) {
      const ctx = await instanceFor(c, auth)
      requireRead(auth, ctx)
      const history = await query(
        em(c),
        `select e.revision_no as "revisionNo", e.action, e.from_status as "from", e.to_status as "to", e.reason, e.at, u.username as actor
           from workflow_event e left join app_user u on u.id = e.actor_id where e.tenant_id = ? and e.instance_id = ? order by e.id`,
        [ctx.tenantId, ctx.id],
      )
      return present(ctx, {
        diagnostics: await diagnoseInstance(
          c,
          ctx,
          templateOf(ctx, engine(c)),
          currentRevision(ctx).document,
        ),
        history,
        actions: availableActions(workflowView(ctx), actorOf(auth)),
      })
    },
  },
  {
    method: 'get',
    path: '/instances/:id/revisions/:no',
    operationId: 'getRevision',
    summary: 'One revision of a report (every revision is kept)',
    tag: 'entry',
    roles: 'as for reading the instance',
    async handler(c, _body, auth) {
      const ctx = await instanceFor(c, auth)
      requireRead(auth, ctx)
      const rev = revisionOf(ctx, intParam(c.req.param('no'), 'no'))
      const signatures = await query(
        em(c),
        `select s.id, s.content_sha256 as "contentSha256", s.signed_at as "signedAt", u.username as signer
           from revision_signature s join app_user u on u.id = s.signer_id where s.tenant_id = ? and s.revision_id = ? order by s.id`,
        [ctx.tenantId, rev.id],
      )
      return { ...rev, signatures }
    },
  },
  {
    method: 'put',
    path: '/instances/:id/draft',
    operationId: 'saveDraft',
    summary:
      'Save entered values (a partial tree; null clears a cell). `version` must be the one read: 409 when stale',
    tag: 'entry',
    roles: 'entry on the reporting unit',
    body: {
      type: 'object',
      required: ['version'],
      additionalProperties: false,
      properties: {
        version: { type: 'integer' },
        values: {
          type: 'object',
          additionalProperties: { type: 'object', additionalProperties: { type: 'object' } },
        },
        narrative: {
          type: 'object',
          additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
        },
        explanations: { type: 'object', additionalProperties: { type: 'string' } },
        dynamicRows: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    async handler(c, body, auth) {
      const input = body as { version: number } & Pick<
        SubmissionDocument,
        'values' | 'narrative' | 'explanations' | 'dynamicRows'
      >
      const draft = await openDraft(c, auth, input.version, { lock: true })
      const { ctx, rev, template, at } = draft
      const patch = input.values ?? {}
      const changes = flattenValues(patch)
      const doc: SubmissionDocument = {
        ...rev.document,
        values: mergeValues(rev.document.values, patch),
        ...(input.narrative === undefined
          ? {}
          : { narrative: { ...(rev.document.narrative ?? {}), ...input.narrative } }),
        ...(input.explanations === undefined ? {} : { explanations: input.explanations }),
        ...(input.dynamicRows === undefined ? {} : { dynamicRows: input.dynamicRows }),
      }
      // The plugins see the document as it would be saved.
      requireNoVeto(c, auth, ctx, 'save', template, doc, at)
      const { version, diagnostics } = await saveRevision(em(c), engine(c), {
        ...draft,
        doc,
        changes,
        actorId: auth.user.id,
        action: 'report.save',
        staleMessage: 'Report changed while saving; reload',
      })
      return { version, diagnostics, keys: diagnostics.map(diagnosticKey) }
    },
  },
  {
    method: 'post',
    path: '/instances/:id/prefill',
    operationId: 'prefillReport',
    summary:
      'Fill the draft from the external system of a plugin (its connector fetches, its prefill hook maps); the fetched figures carry their source and fetch time, explained overrides are kept. `version` as for saving',
    tag: 'entry',
    roles: 'entry on the reporting unit',
    body: {
      type: 'object',
      required: ['version'],
      additionalProperties: false,
      properties: { version: { type: 'integer' } },
    },
    async handler(c, body, auth) {
      const { version } = body as { version: number }
      // Checks without the row lock, then fetch (a network call must not hold the report's lock),
      // then lock and make sure nobody saved in between.
      const seen = await openDraft(c, auth, version, { lock: false })
      const { template } = seen
      requireNoVeto(c, auth, seen.ctx, 'save', template, seen.rev.document, seen.at)
      const { config } = c.get('ctx')
      const fetched = await runPrefill(
        em(c),
        config,
        c.get('ctx').rootDir,
        engine(c),
        {
          tenantId: seen.ctx.tenantId,
          template,
          unit: seen.ctx.unit.code,
          period: seen.ctx.period,
          current: seen.rev.document.values,
        },
        config.now,
      )
      const locked = await openDraft(c, auth, version, { lock: true })
      const { result } = fetched
      const changes = flattenValues(result.values)
      const doc = withAddedValues(locked.rev.document, result.values, result.dynamicRows)
      const source = {
        plugin: fetched.plugin,
        connector: fetched.connector.id,
        kind: fetched.connector.kind,
        system: result.source.system,
        producedAt: result.source.fetchedAt,
        fetchedAt: fetched.fetchedAt,
      }
      const { version: saved, diagnostics } = await saveRevision(em(c), engine(c), {
        ...locked,
        doc,
        changes,
        actorId: auth.user.id,
        action: 'report.prefill',
        auditAfter: { source },
        staleMessage: 'Report changed while prefilling; reload',
      })
      return {
        version: saved,
        source,
        cells: changes.length,
        dynamicRows: doc.dynamicRows ?? {},
        diagnostics,
      }
    },
  },
  {
    method: 'post',
    path: '/instances/:id/submit',
    operationId: 'submitReport',
    summary:
      'Submit to the unit leader: errors block (422 with diagnostics), warnings need explanations',
    tag: 'workflow',
    roles: 'entry on the reporting unit',
    async handler(c, _body, auth) {
      return transition(c, auth, 'submit')
    },
  },
  action(
    'approve',
    'Approve and sign (CMS detached signature over the canonical JSON of the revision)',
    false,
  ),
  action('reject', 'Reject back to entry with a mandatory reason', true),
  action('send', 'Send the approved report to the receiving unit', false),
  action('accept', 'Accept a sent report (receiving unit)', false),
  action('return', 'Return a sent report with a mandatory reason (receiving unit)', true),
  action('request-correction', 'Ask to correct an accepted report (reason required)', true),
  action(
    'grant-correction',
    'Grant a correction: opens a new revision in draft; the accepted one is kept',
    false,
  ),
  action('deny-correction', 'Deny a correction request (reason required)', true),
  {
    method: 'get',
    path: '/revisions/:id/signatures/verify',
    operationId: 'verifyRevisionSignature',
    summary: 'Verify the CMS signatures of a revision against its stored content and the demo CA',
    tag: 'workflow',
    roles: 'as for reading the instance',
    async handler(c, _body, auth) {
      const { id } = await readableRevision(c, auth)
      const result = await verifyRevisionSignatures(em(c), id)
      const checks = result?.checks ?? []
      // A revision returned or rejected after approval is approved again: the latest signature is
      // the one that must hold; earlier ones are listed (and fail once the values changed).
      const latest = checks.at(-1)
      return {
        revisionId: id,
        signed: latest !== undefined,
        valid: latest !== undefined && latest.valid && latest.trusted,
        signatures: checks,
      }
    },
  },
  {
    method: 'get',
    path: '/revisions/:id/signed-content',
    operationId: 'getSignedContent',
    summary:
      'The exact bytes that were signed (canonical JSON) with the CMS signatures and the CA, for offline verification',
    tag: 'workflow',
    roles: 'as for reading the instance',
    async handler(c, _body, auth) {
      const { id, tenantId, document } = await readableRevision(c, auth)
      const signatures = await query(
        em(c),
        'select id, cms, cert_pem as "certPem", signed_at as "signedAt" from revision_signature where tenant_id = ? and revision_id = ? order by id',
        [tenantId, id],
      )
      return {
        revisionId: id,
        content: signedContent(document).toString('utf8'),
        signatures,
        caCertificatePem: (await caCertificatePem(em(c))) ?? null,
      }
    },
  },
])
