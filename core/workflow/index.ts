/**
 * The report-instance workflow (DESIGN.md §3): draft -> submitted -> approved (signed) -> sent ->
 * accepted, with reject / return (reason required) and corrections that open a new revision.
 * A pure state machine: the runtime persists instances and events and checks the caller's session.
 */
export type {
  Actor,
  FireInput,
  FireResult,
  Role,
  RoleGrant,
  Transition,
  UnitSide,
  WorkflowAction,
  WorkflowError,
  WorkflowErrorCode,
  WorkflowEvent,
  WorkflowInstance,
  WorkflowRevision,
  WorkflowState,
} from './types.js'
export { ROLES, WORKFLOW_ACTIONS, WORKFLOW_STATES } from './types.js'
export {
  ROLE_LABELS,
  STATE_LABELS,
  TRANSITIONS,
  isWorkflowAction,
  transitionOf,
} from './transitions.js'
export type { SubmitBlockers } from './submit-guard.js'
export { submitBlockers } from './submit-guard.js'
export { availableActions, canFire, fire, openInstance, whyNot } from './machine.js'
