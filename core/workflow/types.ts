/**
 * Types of the report-instance workflow (DESIGN.md §3): who may do what to a report, in which state.
 */
import type { Diagnostic } from '../diagnostics.js'

/**
 * The seven roles of DESIGN.md §3, each held per org unit.
 *
 * @example
 * ROLES.includes('approver') // true
 */
export const ROLES = [
  'admin',
  'designer',
  'entry',
  'aggregator',
  'approver',
  'sender',
  'viewer',
] as const
export type Role = (typeof ROLES)[number]

/**
 * States of a report instance. A report is corrected through `correction-requested` -> a new revision in `draft`.
 *
 * @example
 * WORKFLOW_STATES[0] // 'draft'
 */
export const WORKFLOW_STATES = [
  'draft',
  'submitted',
  'approved',
  'sent',
  'accepted',
  'correction-requested',
] as const
export type WorkflowState = (typeof WORKFLOW_STATES)[number]

/**
 * Actions on a report instance, in the order of the transition table.
 *
 * @example
 * WORKFLOW_ACTIONS.includes('grant-correction') // true
 */
export const WORKFLOW_ACTIONS = [
  'save',
  'submit',
  'approve',
  'reject',
  'send',
  'accept',
  'return',
  'request-correction',
  'grant-correction',
  'deny-correction',
] as const
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number]

/** A role held at one unit (by unit code). */
export interface RoleGrant {
  unit: string
  role: Role
}

/** Whoever fires an action: a user id and the roles they hold, per unit. */
export interface Actor {
  id: string
  roles: readonly RoleGrant[]
}

/** Which unit's role a transition needs: the unit that reports or the unit that receives the report. */
export type UnitSide = 'reporting' | 'receiving'

/** One row of the transition table. */
export interface Transition {
  action: WorkflowAction
  from: readonly WorkflowState[]
  to: WorkflowState
  /** Any one of these roles, at the unit of `unit`. */
  roles: readonly Role[]
  unit: UnitSide
  needsReason: boolean
  needsSignature: boolean
  /** Errors block, warnings need explanations (the submit guard). */
  checksDiagnostics: boolean
  /** Opens a new revision (a granted correction); the accepted one is kept. */
  opensRevision: boolean
  label: { vi: string; en: string }
}

/** The state of one revision; 1 = the original report, 2+ = corrections. Every revision is kept. */
export interface WorkflowRevision {
  revision: number
  /** An accepted revision stays `accepted` while a correction of it is requested or under way. */
  state: WorkflowState
  /** Reference to the approver's signature (e.g. the stored CMS signature id). */
  signature?: string
  submittedAt?: string
  approvedAt?: string
  sentAt?: string
  acceptedAt?: string
}

/** A report instance as the workflow sees it: one unit, one period, one template. */
export interface WorkflowInstance {
  reportingUnit: string
  receivingUnit: string
  state: WorkflowState
  /** The revision being worked on (the last of `revisions`). */
  revision: number
  revisions: readonly WorkflowRevision[]
  /** The latest accepted revision: what the receiving unit aggregates while a correction is open. */
  acceptedRevision?: number
  /** The last reason given (reject, return, correction request or denial), shown to the next actor. */
  reason?: string
}

/** What the caller provides when firing an action. `at` is the time, passed in (core has no clock). */
export interface FireInput {
  actor: Actor
  at: string
  reason?: string
  /** The current diagnostics of the submission (required for `submit`). */
  diagnostics?: readonly Diagnostic[]
  /** Reporter explanations of warnings, keyed by `diagnosticKey`. */
  explanations?: Readonly<Record<string, string>>
  signature?: string
}

/** The record of a transition, for the audit log and the instance history. */
export interface WorkflowEvent {
  action: WorkflowAction
  from: WorkflowState
  to: WorkflowState
  /** The revision the action applied to. */
  revision: number
  /** The revision a granted correction opened. */
  openedRevision?: number
  actor: string
  at: string
  reason?: string
  signature?: string
}

export type WorkflowErrorCode =
  | 'unknown-action'
  | 'wrong-state'
  | 'missing-role'
  | 'reason-required'
  | 'signature-required'
  | 'diagnostics-required'
  | 'blocking-errors'
  | 'unexplained-warnings'

/** Why an action was refused, in Vietnamese (`message`) and English (`messageEn`). */
export interface WorkflowError {
  code: WorkflowErrorCode
  message: string
  messageEn: string
  action: string
  state: WorkflowState
  /** missing-role: the roles that would do, and the unit. */
  roles?: readonly Role[]
  unit?: string
  /** blocking-errors / unexplained-warnings: the diagnostics concerned. */
  diagnostics?: readonly Diagnostic[]
}

export type FireResult =
  | { ok: true; instance: WorkflowInstance; event: WorkflowEvent }
  | { ok: false; error: WorkflowError }
