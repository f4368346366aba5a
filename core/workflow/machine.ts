import type { Diagnostic } from '../diagnostics.js'
import { diagnosticKey } from '../diagnostics.js'
import { submitBlockers } from './submit-guard.js'
import { ROLE_LABELS, STATE_LABELS, TRANSITIONS, transitionOf } from './transitions.js'
import type {
  Actor,
  FireInput,
  FireResult,
  Role,
  Transition,
  WorkflowAction,
  WorkflowError,
  WorkflowErrorCode,
  WorkflowEvent,
  WorkflowInstance,
  WorkflowRevision,
} from './types.js'

/**
 * A new report instance: revision 1 in `draft`.
 *
 * @example
 * openInstance({ reportingUnit: 'XA-01', receivingUnit: 'TINH' }).state // 'draft'
 */
export function openInstance(units: {
  reportingUnit: string
  receivingUnit: string
}): WorkflowInstance {
  return {
    reportingUnit: units.reportingUnit,
    receivingUnit: units.receivingUnit,
    state: 'draft',
    revision: 1,
    revisions: [{ revision: 1, state: 'draft' }],
  }
}

function fail(
  code: WorkflowErrorCode,
  instance: WorkflowInstance,
  action: string,
  text: { vi: string; en: string },
  extra: Partial<Pick<WorkflowError, 'roles' | 'unit' | 'diagnostics'>> = {},
): WorkflowError {
  return { code, message: text.vi, messageEn: text.en, action, state: instance.state, ...extra }
}

function hasRole(actor: Actor, roles: readonly Role[], unit: string): boolean {
  return actor.roles.some((g) => g.unit === unit && roles.includes(g.role))
}

function unitOf(t: Transition, instance: WorkflowInstance): string {
  return t.unit === 'reporting' ? instance.reportingUnit : instance.receivingUnit
}

/** State and role checks of an action, without its inputs (reason, signature, diagnostics). */
function checkAccess(
  instance: WorkflowInstance,
  action: string,
  actor: Actor,
): WorkflowError | Transition {
  const t = transitionOf(action)
  if (t === undefined) {
    const known = TRANSITIONS.map((x) => x.action).join(', ')
    return fail('unknown-action', instance, action, {
      vi: `Không có hành động "${action}" (các hành động: ${known})`,
      en: `Unknown action "${action}" (actions: ${known})`,
    })
  }
  if (!t.from.includes(instance.state)) {
    const from = t.from.join(', ')
    return fail('wrong-state', instance, action, {
      vi: `Không thể thực hiện "${action}" khi báo cáo ở trạng thái "${instance.state}" (${STATE_LABELS[instance.state].vi}); chỉ thực hiện được ở trạng thái: ${from}`,
      en: `Action "${action}" is not allowed in state "${instance.state}"; allowed in: ${from}`,
    })
  }
  const unit = unitOf(t, instance)
  if (!hasRole(actor, t.roles, unit)) {
    const vi = t.roles.map((r) => `${r} (${ROLE_LABELS[r].vi})`).join(' hoặc ')
    const en = t.roles.join(' or ')
    return fail(
      'missing-role',
      instance,
      action,
      {
        vi: `Hành động "${action}" cần vai trò ${vi} của đơn vị ${unit}`,
        en: `Action "${action}" needs the role ${en} at unit ${unit}`,
      },
      { roles: t.roles, unit },
    )
  }
  return t
}

/**
 * Why an actor may not fire an action on an instance now (wrong state, missing role), or undefined
 * when they may. Inputs such as the reason or signature are checked by `fire`.
 *
 * @example
 * whyNot(openInstance({ reportingUnit: 'A', receivingUnit: 'B' }), 'approve', { id: 'u', roles: [] })?.code // 'wrong-state'
 */
export function whyNot(
  instance: WorkflowInstance,
  action: string,
  actor: Actor,
): WorkflowError | undefined {
  const checked = checkAccess(instance, action, actor)
  return 'code' in checked ? checked : undefined
}

/**
 * True when the actor may fire the action on the instance in its current state.
 *
 * @example
 * canFire(instance, 'submit', { id: 'u1', roles: [{ unit: instance.reportingUnit, role: 'entry' }] }) // true in draft
 */
export function canFire(instance: WorkflowInstance, action: string, actor: Actor): boolean {
  return whyNot(instance, action, actor) === undefined
}

/**
 * The actions the actor may fire now, in table order (for the buttons of the form).
 *
 * @example
 * availableActions(openInstance({ reportingUnit: 'A', receivingUnit: 'B' }), { id: 'u', roles: [{ unit: 'A', role: 'entry' }] }) // ['save', 'submit']
 */
export function availableActions(instance: WorkflowInstance, actor: Actor): WorkflowAction[] {
  return TRANSITIONS.filter((t) => canFire(instance, t.action, actor)).map((t) => t.action)
}

function keys(list: readonly Diagnostic[]): string {
  const shown = list.slice(0, 5).map(diagnosticKey).join(', ')
  return list.length > 5 ? `${shown}, …` : shown
}

function checkInputs(
  instance: WorkflowInstance,
  t: Transition,
  input: FireInput,
): WorkflowError | undefined {
  const { action } = t
  if (t.needsReason && (input.reason === undefined || input.reason.trim() === '')) {
    return fail('reason-required', instance, action, {
      vi: `Hành động "${action}" cần nêu lý do`,
      en: `Action "${action}" requires a reason`,
    })
  }
  if (t.needsSignature && (input.signature === undefined || input.signature.trim() === '')) {
    return fail('signature-required', instance, action, {
      vi: `Hành động "${action}" cần chữ ký số của lãnh đạo`,
      en: `Action "${action}" requires a signature reference`,
    })
  }
  if (!t.checksDiagnostics) return undefined
  if (input.diagnostics === undefined) {
    return fail('diagnostics-required', instance, action, {
      vi: `Hành động "${action}" cần kết quả kiểm tra số liệu hiện tại`,
      en: `Action "${action}" needs the current diagnostics of the submission`,
    })
  }
  const { errors, unexplained } = submitBlockers(input.diagnostics, input.explanations)
  if (errors.length > 0) {
    return fail(
      'blocking-errors',
      instance,
      action,
      {
        vi: `Không thể trình: còn ${errors.length} lỗi phải sửa (${keys(errors)})`,
        en: `Cannot submit: ${errors.length} error(s) must be fixed (${keys(errors)})`,
      },
      { diagnostics: errors },
    )
  }
  if (unexplained.length > 0) {
    return fail(
      'unexplained-warnings',
      instance,
      action,
      {
        vi: `Không thể trình: ${unexplained.length} cảnh báo chưa có giải trình (${keys(unexplained)})`,
        en: `Cannot submit: ${unexplained.length} warning(s) need an explanation (${keys(unexplained)})`,
      },
      { diagnostics: unexplained },
    )
  }
  return undefined
}

/** The current revision after an action: stamped on the way up, cleared when sent back to draft. */
function nextRevision(
  current: WorkflowRevision,
  t: Transition,
  input: FireInput,
): WorkflowRevision {
  const { revision } = current
  switch (t.action) {
    case 'save':
      return current
    case 'submit':
      return { revision, state: 'submitted', submittedAt: input.at }
    case 'approve':
      return {
        ...current,
        state: 'approved',
        signature: input.signature ?? '',
        approvedAt: input.at,
      }
    case 'send':
      return { ...current, state: 'sent', sentAt: input.at }
    case 'accept':
      return { ...current, state: 'accepted', acceptedAt: input.at }
    // The accepted revision stays accepted while a correction is requested, denied or granted.
    case 'request-correction':
    case 'deny-correction':
    case 'grant-correction':
      return current
    case 'reject':
    case 'return':
      return { revision, state: 'draft' }
  }
}

/**
 * Fires an action: checks state, role, reason, signature and (for submit) the diagnostics guard,
 * then returns the new instance and the event to record. Never mutates the instance, never throws.
 *
 * @example
 * const entry = { id: 'u1', roles: [{ unit: 'XA-01', role: 'entry' as const }] }
 * const r = fire(openInstance({ reportingUnit: 'XA-01', receivingUnit: 'TINH' }), 'submit', { actor: entry, at: '2025-09-15T09:00:00+07:00', diagnostics: [] })
 * r.ok && r.instance.state // 'submitted'
 */
export function fire(instance: WorkflowInstance, action: string, input: FireInput): FireResult {
  const checked = checkAccess(instance, action, input.actor)
  if ('code' in checked) return { ok: false, error: checked }
  const t = checked
  const problem = checkInputs(instance, t, input)
  if (problem !== undefined) return { ok: false, error: problem }

  const index = instance.revisions.findIndex((r) => r.revision === instance.revision)
  const current = instance.revisions[index] ?? {
    revision: instance.revision,
    state: instance.state,
  }
  const revisions = [...instance.revisions]
  revisions[index < 0 ? revisions.length : index] = nextRevision(current, t, input)
  const reason = t.needsReason ? input.reason?.trim() : undefined
  const opened = t.opensRevision ? Math.max(...revisions.map((r) => r.revision)) + 1 : undefined
  if (opened !== undefined) revisions.push({ revision: opened, state: 'draft' })

  const next: WorkflowInstance = {
    reportingUnit: instance.reportingUnit,
    receivingUnit: instance.receivingUnit,
    state: t.to,
    revision: opened ?? instance.revision,
    revisions,
  }
  const accepted = t.action === 'accept' ? instance.revision : instance.acceptedRevision
  if (accepted !== undefined) next.acceptedRevision = accepted
  // A reason stays visible until the report moves on: a save keeps the reason for a rejection, and
  // a granted correction keeps the request's reason (it says what to correct); other steps clear it.
  const keep = t.action === 'save' || t.action === 'grant-correction'
  const shownReason = reason ?? (keep ? instance.reason : undefined)
  if (shownReason !== undefined) next.reason = shownReason

  const event: WorkflowEvent = {
    action: t.action,
    from: instance.state,
    to: t.to,
    revision: instance.revision,
    actor: input.actor.id,
    at: input.at,
  }
  if (opened !== undefined) event.openedRevision = opened
  if (reason !== undefined) event.reason = reason
  if (t.needsSignature && input.signature !== undefined) event.signature = input.signature
  return { ok: true, instance: next, event }
}
