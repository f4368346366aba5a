/**
 * The checks every route acting on a report makes, in the same order and with the same refusals:
 * the instance in the caller's tenant, the action's role on the right unit, core's workflow state,
 * the plugins' beforeTransition hooks and the draft version the caller read.
 */
import type { Context } from 'hono'
import {
  fire,
  transitionOf,
  type Actor,
  type Diagnostic,
  type ResolvedTemplate,
  type SubmissionDocument,
  type WorkflowAction,
  type WorkflowError,
} from '../../core/index.js'
import { requireRole } from '../auth/access.js'
import type { AppEnv, Auth } from '../context.js'
import { ApiError, conflict } from '../errors.js'
import {
  currentRevision,
  loadInstance,
  templateOf,
  workflowView,
  type InstanceContext,
  type RevisionRow,
} from '../services/instances.js'
import { intParam } from './body.js'
import { em, engine, now, tenantOf } from './helpers.js'

/** The instance named by the `:id` path parameter, in the caller's tenant (404 otherwise). */
export async function instanceFor(
  c: Context<AppEnv>,
  auth: Auth,
  lock = false,
): Promise<InstanceContext> {
  return loadInstance(em(c), intParam(c.req.param('id'), 'id'), await tenantOf(c, auth), lock)
}

/** The caller as core/workflow sees them: roles by unit code. */
export function actorOf(auth: Auth): Actor {
  return {
    id: String(auth.user.id),
    roles: auth.grants.map((g) => ({ unit: g.unitCode, role: g.role })),
  }
}

/** A refusal of core/workflow as an HTTP error: 403 for roles, 409 for state, 422 for content. */
export function workflowError(e: WorkflowError): ApiError {
  const details = {
    workflow: e.code,
    action: e.action,
    state: e.state,
    ...(e.roles ? { missingRole: e.roles.join(' or '), unit: e.unit } : {}),
    ...(e.diagnostics ? { diagnostics: e.diagnostics } : {}),
  }
  switch (e.code) {
    case 'missing-role':
      return new ApiError(
        403,
        'forbidden',
        `Requires role '${(e.roles ?? []).join("' or '")}' on unit ${e.unit ?? ''}: ${e.messageEn}`,
        details,
      )
    case 'wrong-state':
    case 'unknown-action':
      return new ApiError(409, 'wrong_state', e.messageEn, details)
    case 'reason-required':
      return new ApiError(400, 'reason_required', e.messageEn, details)
    default:
      return new ApiError(422, e.code.replace(/-/g, '_'), e.messageEn, details)
  }
}

export interface TransitionInput {
  reason?: string
  diagnostics?: readonly Diagnostic[]
  explanations?: Record<string, string>
  signature?: string
}

/**
 * Authorization before state: the caller must hold one of the transition's roles on the right
 * unit (reporting or receiving), else 403 naming it; only then does core judge the state, so a
 * stranger learns nothing about where a report stands.
 */
export function requireActionRole(auth: Auth, ctx: InstanceContext, action: WorkflowAction): void {
  const t = transitionOf(action)!
  const unit = t.unit === 'reporting' ? ctx.unit : ctx.receivingUnit
  requireRole(auth, t.roles, unit)
}

/** Fires an action through core/workflow with the caller's roles; throws the refusal. */
export function check(
  ctx: InstanceContext,
  auth: Auth,
  action: WorkflowAction,
  at: Date,
  input: TransitionInput = {},
) {
  const result = fire(workflowView(ctx), action, {
    actor: actorOf(auth),
    at: at.toISOString(),
    ...input,
  })
  if (!result.ok) throw workflowError(result.error)
  return result
}

/**
 * The plugins' beforeTransition hooks, after role and state: a veto is a 409 carrying the plugin's
 * reason; a hook that breaks is a 500 naming the plugin.
 */
export function requireNoVeto(
  c: Context<AppEnv>,
  auth: Auth,
  ctx: InstanceContext,
  action: WorkflowAction,
  template: ResolvedTemplate,
  submission: SubmissionDocument,
  at: Date,
  reason?: string,
): void {
  let verdict
  try {
    verdict = engine(c).runHook('beforeTransition', {
      instance: workflowView(ctx),
      action,
      input: {
        actor: actorOf(auth),
        at: at.toISOString(),
        ...(reason === undefined ? {} : { reason }),
      },
      template,
      submission,
      period: ctx.period,
    })
  } catch (err) {
    throw new ApiError(500, 'plugin_failed', (err as Error).message)
  }
  if (!verdict.ok) {
    throw conflict('vetoed', `Plugin ${verdict.plugin} refused '${action}': ${verdict.reason}`, {
      plugin: verdict.plugin,
      reason: verdict.reason,
      action,
    })
  }
}

/** 409 when the draft was saved since the caller read it; `retry` tells what to do next. */
export function requireVersion(
  read: number,
  current: number,
  retry = 'Reload and re-apply your changes.',
): void {
  if (read !== current) {
    throw conflict(
      'stale_version',
      `Report was saved by someone else: you have version ${read}, the server has ${current}. ${retry}`,
      {
        currentVersion: current,
      },
    )
  }
}

/** A draft that passed the save guards, with what writing to it needs. */
export interface OpenDraft {
  ctx: InstanceContext
  rev: RevisionRow
  template: ResolvedTemplate
  at: Date
}

/**
 * The guards of every write to a draft (save, prefill, CSV import), in this order: the instance,
 * the entry role, the draft state, the version the caller read. `lock` takes the row lock the
 * write itself needs.
 */
export async function openDraft(
  c: Context<AppEnv>,
  auth: Auth,
  version: number,
  { lock, retry }: { lock: boolean; retry?: string },
): Promise<OpenDraft> {
  const ctx = await instanceFor(c, auth, lock)
  requireActionRole(auth, ctx, 'save')
  const at = now(c)
  check(ctx, auth, 'save', at)
  const rev = currentRevision(ctx)
  requireVersion(version, rev.version, retry)
  return { ctx, rev, template: templateOf(ctx, engine(c)), at }
}
