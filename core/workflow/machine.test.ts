import { describe, expect, it } from 'vitest'
import { diagnosticKey } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import { availableActions, canFire, fire, openInstance, whyNot } from './machine.js'
import { TRANSITIONS } from './transitions.js'
import type {
  Actor,
  FireInput,
  Role,
  WorkflowAction,
  WorkflowInstance,
  WorkflowState,
} from './types.js'
import { ROLES, WORKFLOW_ACTIONS, WORKFLOW_STATES } from './types.js'

const XA = 'XA-01'
const TINH = 'TINH'
const AT = '2025-09-15T09:00:00+07:00'

function actor(id: string, grants: Array<[string, Role]>): Actor {
  return { id, roles: grants.map(([unit, role]) => ({ unit, role })) }
}

const entry = actor('nhap-lieu', [[XA, 'entry']])
const approver = actor('lanh-dao', [[XA, 'approver']])
const sender = actor('van-thu', [[XA, 'sender']])
const aggregator = actor('tong-hop', [[TINH, 'aggregator']])
const everyone = actor(
  'all',
  ROLES.flatMap((role) => [
    [XA, role],
    [TINH, role],
  ]) as Array<[string, Role]>,
)

/** Full inputs, so only state and role decide. */
const full = (a: Actor): FireInput => ({
  actor: a,
  at: AT,
  reason: 'Lý do',
  signature: 'sig-1',
  diagnostics: [],
})

function must(
  instance: WorkflowInstance,
  action: WorkflowAction,
  input: FireInput,
): WorkflowInstance {
  const r = fire(instance, action, input)
  if (!r.ok) throw new Error(r.error.messageEn)
  return r.instance
}

/** An instance in each state, reached through the happy path. */
function inState(state: WorkflowState): WorkflowInstance {
  const path: Record<WorkflowState, WorkflowAction[]> = {
    draft: [],
    submitted: ['submit'],
    approved: ['submit', 'approve'],
    sent: ['submit', 'approve', 'send'],
    accepted: ['submit', 'approve', 'send', 'accept'],
    'correction-requested': ['submit', 'approve', 'send', 'accept', 'request-correction'],
  }
  return path[state].reduce(
    (i, a) => must(i, a, full(everyone)),
    openInstance({ reportingUnit: XA, receivingUnit: TINH }),
  )
}

/** The expected table, written out independently of TRANSITIONS. */
const EXPECTED: Record<WorkflowState, Partial<Record<WorkflowAction, WorkflowState>>> = {
  draft: { save: 'draft', submit: 'submitted' },
  submitted: { approve: 'approved', reject: 'draft' },
  approved: { send: 'sent' },
  sent: { accept: 'accepted', return: 'draft' },
  accepted: { 'request-correction': 'correction-requested' },
  'correction-requested': { 'grant-correction': 'draft', 'deny-correction': 'accepted' },
}

describe('every state x action', () => {
  for (const state of WORKFLOW_STATES) {
    for (const action of WORKFLOW_ACTIONS) {
      const to = EXPECTED[state][action]
      it(`${state} x ${action} -> ${to ?? 'refused'}`, () => {
        const instance = inState(state)
        expect(instance.state).toBe(state)
        const r = fire(instance, action, full(everyone))
        if (to === undefined) {
          expect(r.ok).toBe(false)
          if (r.ok) return
          expect(r.error.code).toBe('wrong-state')
          expect(r.error.message).toContain(`"${action}"`)
          expect(r.error.message).toContain(`"${state}"`)
          expect(r.error.messageEn).toContain(`not allowed in state "${state}"`)
          expect(canFire(instance, action, everyone)).toBe(false)
        } else {
          expect(r.ok).toBe(true)
          if (!r.ok) return
          expect(r.instance.state).toBe(to)
          expect(r.event).toMatchObject({ action, from: state, to, actor: 'all', at: AT })
          expect(canFire(instance, action, everyone)).toBe(true)
        }
      })
    }
  }

  it('should export a table that agrees with the expected one', () => {
    for (const t of TRANSITIONS) {
      for (const from of t.from) expect(EXPECTED[from][t.action]).toBe(t.to)
    }
    const count = Object.values(EXPECTED).reduce((n, m) => n + Object.keys(m).length, 0)
    expect(TRANSITIONS.reduce((n, t) => n + t.from.length, 0)).toBe(count)
    expect(Object.isFrozen(TRANSITIONS)).toBe(true)
    expect(Object.isFrozen(TRANSITIONS[0]?.from)).toBe(true)
  })
})

describe('roles', () => {
  const cases: Array<[WorkflowState, WorkflowAction, Actor, string]> = [
    ['draft', 'save', entry, XA],
    ['draft', 'submit', entry, XA],
    ['submitted', 'approve', approver, XA],
    ['submitted', 'reject', approver, XA],
    ['approved', 'send', sender, XA],
    ['sent', 'accept', aggregator, TINH],
    ['sent', 'return', aggregator, TINH],
    ['accepted', 'request-correction', entry, XA],
    ['accepted', 'request-correction', approver, XA],
    ['correction-requested', 'grant-correction', aggregator, TINH],
    ['correction-requested', 'deny-correction', aggregator, TINH],
  ]

  it.each(cases)('%s x %s: allowed for %s, refused for the others', (state, action, who, unit) => {
    const instance = inState(state)
    expect(fire(instance, action, full(who)).ok).toBe(true)
    for (const other of [entry, approver, sender, aggregator].filter(
      (a) => !whoCan(action).includes(a.id),
    )) {
      const r = fire(instance, action, full(other))
      expect(r.ok).toBe(false)
      if (r.ok) continue
      expect(r.error.code).toBe('missing-role')
      expect(r.error.unit).toBe(unit)
      expect(r.error.message).toMatch(
        new RegExp(`^Hành động "${action}" cần vai trò .* của đơn vị ${unit}$`),
      )
      expect(r.error.messageEn).toMatch(
        new RegExp(`^Action "${action}" needs the role .* at unit ${unit}$`),
      )
    }
  })

  function whoCan(action: WorkflowAction): string[] {
    return cases.filter(([, a]) => a === action).map(([, , who]) => who.id)
  }

  it('should name the role in the message', () => {
    const r = fire(inState('submitted'), 'approve', full(entry))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.message).toBe(
      'Hành động "approve" cần vai trò approver (lãnh đạo, ký duyệt) của đơn vị XA-01',
    )
    expect(r.error.messageEn).toBe('Action "approve" needs the role approver at unit XA-01')
    expect(r.error.roles).toEqual(['approver'])
  })

  it('should list alternatives', () => {
    const r = fire(inState('accepted'), 'request-correction', full(sender))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.messageEn).toBe(
      'Action "request-correction" needs the role entry or approver at unit XA-01',
    )
  })

  it('should check the role at the right unit', () => {
    // An aggregator of the reporting unit cannot accept its own report at the receiving unit.
    const wrongUnit = actor('x', [[XA, 'aggregator']])
    expect(whyNot(inState('sent'), 'accept', wrongUnit)?.code).toBe('missing-role')
    // An approver of the receiving unit cannot approve for the reporting unit.
    expect(whyNot(inState('submitted'), 'approve', actor('y', [[TINH, 'approver']]))?.unit).toBe(XA)
  })

  it('should list the actions an actor may take now', () => {
    expect(availableActions(inState('draft'), entry)).toEqual(['save', 'submit'])
    expect(availableActions(inState('draft'), approver)).toEqual([])
    expect(availableActions(inState('sent'), aggregator)).toEqual(['accept', 'return'])
    expect(availableActions(inState('accepted'), approver)).toEqual(['request-correction'])
  })
})

describe('required inputs', () => {
  it.each([
    ['submitted', 'reject', approver],
    ['sent', 'return', aggregator],
    ['accepted', 'request-correction', entry],
    ['correction-requested', 'deny-correction', aggregator],
  ] as const)('%s x %s needs a reason', (state, action, who) => {
    for (const reason of [undefined, '', '   ']) {
      const input: FireInput = { actor: who, at: AT }
      if (reason !== undefined) input.reason = reason
      const r = fire(inState(state), action, input)
      expect(r.ok).toBe(false)
      if (r.ok) continue
      expect(r.error.code).toBe('reason-required')
      expect(r.error.message).toBe(`Hành động "${action}" cần nêu lý do`)
    }
    const r = fire(inState(state), action, {
      actor: who,
      at: AT,
      reason: '  Số liệu sai cột (5)  ',
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.event.reason).toBe('Số liệu sai cột (5)')
    expect(r.instance.reason).toBe('Số liệu sai cột (5)')
  })

  it('should need a signature to approve, and record it', () => {
    const missing = fire(inState('submitted'), 'approve', { actor: approver, at: AT })
    expect(missing.ok || missing.error.code).toBe('signature-required')
    const blank = fire(inState('submitted'), 'approve', { actor: approver, at: AT, signature: ' ' })
    expect(blank.ok || blank.error.code).toBe('signature-required')
    const r = fire(inState('submitted'), 'approve', {
      actor: approver,
      at: AT,
      signature: 'cms-42',
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.event.signature).toBe('cms-42')
    expect(r.instance.revisions[0]).toMatchObject({
      state: 'approved',
      signature: 'cms-42',
      approvedAt: AT,
    })
  })

  it('should report an unknown action with the list of actions', () => {
    const r = fire(inState('draft'), 'publish', full(everyone))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('unknown-action')
    expect(r.error.messageEn).toMatch(/^Unknown action "publish" \(actions: save, submit,/)
  })
})

describe('submit guard', () => {
  const place = { section: 'main', row: 'r1', col: 'c3' }
  const err: Diagnostic = { ruleId: 'template/sum', severity: 'error', message: 'Tổng sai', place }
  const warn: Diagnostic = {
    ruleId: 'template/ratio',
    severity: 'warning',
    message: 'Tỷ lệ thấp',
    place,
  }
  const info: Diagnostic = { ruleId: 'template/note', severity: 'info', message: 'Ghi chú', place }
  const submit = (diagnostics: Diagnostic[] | undefined, explanations?: Record<string, string>) => {
    const input: FireInput = { actor: entry, at: AT }
    if (diagnostics !== undefined) input.diagnostics = diagnostics
    if (explanations !== undefined) input.explanations = explanations
    return fire(inState('draft'), 'submit', input)
  }

  it('should need the diagnostics', () => {
    const r = submit(undefined)
    expect(r.ok || r.error.code).toBe('diagnostics-required')
  })

  it('should block on errors, naming them', () => {
    const r = submit([err, warn], { [diagnosticKey(warn)]: 'ok' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('blocking-errors')
    expect(r.error.diagnostics).toEqual([err])
    expect(r.error.message).toBe('Không thể trình: còn 1 lỗi phải sửa (template/sum@main!r1.c3)')
  })

  it('should need an explanation for each warning', () => {
    for (const explanations of [undefined, {}, { [diagnosticKey(warn)]: '  ' }, { other: 'x' }]) {
      const r = submit([warn, info], explanations)
      expect(r.ok).toBe(false)
      if (r.ok) continue
      expect(r.error.code).toBe('unexplained-warnings')
      expect(r.error.diagnostics).toEqual([warn])
      expect(r.error.messageEn).toContain(
        '1 warning(s) need an explanation (template/ratio@main!r1.c3)',
      )
    }
    expect(submit([warn, info], { [diagnosticKey(warn)]: 'Đã kiểm tra lại' }).ok).toBe(true)
    expect(submit([info]).ok).toBe(true)
  })

  it('should shorten long lists', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      ...err,
      place: { ...place, row: `r${i}` },
    }))
    const r = submit(many)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.message).toMatch(/còn 7 lỗi .*r4\.c3, …\)$/)
  })
})

describe('revisions and corrections', () => {
  it('should keep revision 1 accepted and open revision 2 in draft', () => {
    const requested = must(inState('accepted'), 'request-correction', {
      actor: entry,
      at: AT,
      reason: 'Sai số liệu xã',
    })
    expect(requested.acceptedRevision).toBe(1)
    expect(requested.revisions).toHaveLength(1)
    expect(requested.revisions[0]?.state).toBe('accepted')

    const r = fire(requested, 'grant-correction', { actor: aggregator, at: '2025-10-01' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.instance.state).toBe('draft')
    expect(r.instance.revision).toBe(2)
    expect(r.instance.acceptedRevision).toBe(1)
    expect(r.instance.revisions).toEqual([
      expect.objectContaining({ revision: 1, state: 'accepted', signature: 'sig-1' }),
      { revision: 2, state: 'draft' },
    ])
    expect(r.instance.reason).toBe('Sai số liệu xã')
    expect(r.event).toMatchObject({
      action: 'grant-correction',
      revision: 1,
      openedRevision: 2,
      to: 'draft',
    })
    // The input instance is untouched.
    expect(requested.revision).toBe(1)
    expect(requested.state).toBe('correction-requested')
  })

  it('should take revision 2 through the whole flow and keep both', () => {
    let i = must(inState('correction-requested'), 'grant-correction', full(aggregator))
    i = must(i, 'save', full(entry))
    i = must(i, 'submit', full(entry))
    i = must(i, 'approve', { ...full(approver), signature: 'sig-2' })
    i = must(i, 'send', full(sender))
    expect(i.acceptedRevision).toBe(1)
    i = must(i, 'accept', full(aggregator))
    expect(i.state).toBe('accepted')
    expect(i.acceptedRevision).toBe(2)
    expect(i.revisions.map((r) => [r.revision, r.state, r.signature])).toEqual([
      [1, 'accepted', 'sig-1'],
      [2, 'accepted', 'sig-2'],
    ])
    i = must(i, 'request-correction', full(approver))
    i = must(i, 'grant-correction', full(aggregator))
    expect(i.revision).toBe(3)
    expect(i.revisions).toHaveLength(3)
  })

  it('should go back to accepted on a denial, keeping the revision', () => {
    const r = fire(inState('correction-requested'), 'deny-correction', {
      actor: aggregator,
      at: AT,
      reason: 'Không có căn cứ',
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.instance).toMatchObject({
      state: 'accepted',
      revision: 1,
      acceptedRevision: 1,
      reason: 'Không có căn cứ',
    })
    expect(r.instance.revisions).toHaveLength(1)
  })

  it('should clear the signature when a report is rejected or returned', () => {
    const returned = must(inState('sent'), 'return', {
      actor: aggregator,
      at: AT,
      reason: 'Thiếu số liệu',
    })
    expect(returned.state).toBe('draft')
    expect(returned.revisions[0]).toEqual({ revision: 1, state: 'draft' })
    expect(returned.reason).toBe('Thiếu số liệu')
    // Saving keeps the reason visible; submitting clears it.
    const saved = must(returned, 'save', full(entry))
    expect(saved.reason).toBe('Thiếu số liệu')
    expect(must(saved, 'submit', full(entry)).reason).toBeUndefined()
  })

  it('should stamp times on the current revision', () => {
    const i = inState('accepted')
    expect(i.revisions[0]).toEqual({
      revision: 1,
      state: 'accepted',
      signature: 'sig-1',
      submittedAt: AT,
      approvedAt: AT,
      sentAt: AT,
      acceptedAt: AT,
    })
    expect(i.acceptedRevision).toBe(1)
  })
})
