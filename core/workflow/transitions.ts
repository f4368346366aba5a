import type { Role, Transition, WorkflowAction, WorkflowState } from './types.js'

type Row = Omit<
  Transition,
  'needsReason' | 'needsSignature' | 'checksDiagnostics' | 'opensRevision'
> &
  Partial<
    Pick<Transition, 'needsReason' | 'needsSignature' | 'checksDiagnostics' | 'opensRevision'>
  >

function row(r: Row): Transition {
  return Object.freeze({
    needsReason: false,
    needsSignature: false,
    checksDiagnostics: false,
    opensRevision: false,
    ...r,
    from: Object.freeze([...r.from]),
    roles: Object.freeze([...r.roles]),
    label: Object.freeze({ ...r.label }),
  })
}

/**
 * The transition table of a report instance (DESIGN.md §3), as data: the runtime enforces it and
 * the designer shows it.
 *
 * Decisions: `return` (the receiving unit sends the report back) goes to `draft`, like `reject`:
 * the figures must change, so the report is entered, approved and signed again. `deny-correction`
 * needs a reason, as every refusal does. A granted correction opens a new revision in `draft`; the
 * accepted revision is kept and stays what the receiving unit aggregates until the new one is accepted.
 *
 * @example
 * TRANSITIONS.find((t) => t.action === 'approve')?.roles // ['approver']
 */
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  row({
    action: 'save',
    from: ['draft'],
    to: 'draft',
    roles: ['entry'],
    unit: 'reporting',
    label: { vi: 'Lưu', en: 'Save' },
  }),
  row({
    action: 'submit',
    from: ['draft'],
    to: 'submitted',
    roles: ['entry'],
    unit: 'reporting',
    checksDiagnostics: true,
    label: { vi: 'Trình lãnh đạo', en: 'Submit for approval' },
  }),
  row({
    action: 'approve',
    from: ['submitted'],
    to: 'approved',
    roles: ['approver'],
    unit: 'reporting',
    needsSignature: true,
    label: { vi: 'Phê duyệt và ký số', en: 'Approve and sign' },
  }),
  row({
    action: 'reject',
    from: ['submitted'],
    to: 'draft',
    roles: ['approver'],
    unit: 'reporting',
    needsReason: true,
    label: { vi: 'Từ chối', en: 'Reject' },
  }),
  row({
    action: 'send',
    from: ['approved'],
    to: 'sent',
    roles: ['sender'],
    unit: 'reporting',
    label: { vi: 'Gửi báo cáo', en: 'Send' },
  }),
  row({
    action: 'accept',
    from: ['sent'],
    to: 'accepted',
    roles: ['aggregator'],
    unit: 'receiving',
    label: { vi: 'Tiếp nhận', en: 'Accept' },
  }),
  row({
    action: 'return',
    from: ['sent'],
    to: 'draft',
    roles: ['aggregator'],
    unit: 'receiving',
    needsReason: true,
    label: { vi: 'Trả lại', en: 'Return' },
  }),
  row({
    action: 'request-correction',
    from: ['accepted'],
    to: 'correction-requested',
    roles: ['entry', 'approver'],
    unit: 'reporting',
    needsReason: true,
    label: { vi: 'Đề nghị đính chính', en: 'Request a correction' },
  }),
  row({
    action: 'grant-correction',
    from: ['correction-requested'],
    to: 'draft',
    roles: ['aggregator'],
    unit: 'receiving',
    opensRevision: true,
    label: { vi: 'Chấp thuận đính chính', en: 'Grant the correction' },
  }),
  row({
    action: 'deny-correction',
    from: ['correction-requested'],
    to: 'accepted',
    roles: ['aggregator'],
    unit: 'receiving',
    needsReason: true,
    label: { vi: 'Không chấp thuận đính chính', en: 'Deny the correction' },
  }),
])

/**
 * Labels of the states, for status badges and the tracking board.
 *
 * @example
 * STATE_LABELS.accepted.vi // 'Đã tiếp nhận'
 */
export const STATE_LABELS: Readonly<Record<WorkflowState, { vi: string; en: string }>> =
  Object.freeze({
    draft: { vi: 'Đang soạn thảo', en: 'Draft' },
    submitted: { vi: 'Chờ lãnh đạo duyệt', en: 'Awaiting approval' },
    approved: { vi: 'Đã ký duyệt', en: 'Approved' },
    sent: { vi: 'Đã gửi', en: 'Sent' },
    accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
    'correction-requested': { vi: 'Đề nghị đính chính', en: 'Correction requested' },
  })

/**
 * Labels of the roles (DESIGN.md §3).
 *
 * @example
 * ROLE_LABELS.approver.vi // 'lãnh đạo, ký duyệt'
 */
export const ROLE_LABELS: Readonly<Record<Role, { vi: string; en: string }>> = Object.freeze({
  admin: { vi: 'quản trị', en: 'administrator' },
  designer: { vi: 'thiết kế biểu mẫu', en: 'template designer' },
  entry: { vi: 'nhập liệu', en: 'data entry' },
  aggregator: { vi: 'tổng hợp', en: 'aggregator' },
  approver: { vi: 'lãnh đạo, ký duyệt', en: 'approver (signs)' },
  sender: { vi: 'gửi báo cáo', en: 'sender' },
  viewer: { vi: 'xem', en: 'viewer' },
})

const BY_ACTION: ReadonlyMap<string, Transition> = new Map(TRANSITIONS.map((t) => [t.action, t]))

/**
 * The transition of an action, or undefined for an unknown action name.
 *
 * @example
 * transitionOf('return')?.to // 'draft'
 */
export function transitionOf(action: string): Transition | undefined {
  return BY_ACTION.get(action)
}

/** Type guard for action names that come from outside (HTTP bodies). */
export function isWorkflowAction(action: string): action is WorkflowAction {
  return BY_ACTION.has(action)
}
