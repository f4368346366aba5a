import { describe, expect, it } from 'vitest'
import {
  ROLE_LABELS,
  STATE_LABELS,
  TRANSITIONS,
  isWorkflowAction,
  transitionOf,
} from './transitions.js'
import { ROLES, WORKFLOW_ACTIONS, WORKFLOW_STATES } from './types.js'

describe('transition table data', () => {
  it('should have one row per action, with labels in both languages', () => {
    expect(TRANSITIONS.map((t) => t.action)).toEqual([...WORKFLOW_ACTIONS])
    for (const t of TRANSITIONS) {
      expect(t.label.vi.length).toBeGreaterThan(0)
      expect(t.label.en.length).toBeGreaterThan(0)
      expect(transitionOf(t.action)).toBe(t)
    }
    expect(Object.keys(STATE_LABELS).sort()).toEqual([...WORKFLOW_STATES].sort())
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort())
  })

  it('should need a reason for every refusal and a signature to approve', () => {
    const needing = (
      key: 'needsReason' | 'needsSignature' | 'checksDiagnostics' | 'opensRevision',
    ) => TRANSITIONS.filter((t) => t[key]).map((t) => t.action)
    expect(needing('needsReason')).toEqual([
      'reject',
      'return',
      'request-correction',
      'deny-correction',
    ])
    expect(needing('needsSignature')).toEqual(['approve'])
    expect(needing('checksDiagnostics')).toEqual(['submit'])
    expect(needing('opensRevision')).toEqual(['grant-correction'])
  })

  it('should recognise action names from outside', () => {
    expect(isWorkflowAction('grant-correction')).toBe(true)
    expect(isWorkflowAction('toString')).toBe(false)
    expect(transitionOf('publish')).toBeUndefined()
  })
})
