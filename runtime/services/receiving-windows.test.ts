import { describe, expect, it } from 'vitest'
import { defaultOpensOn, windowOf, windowState } from './receiving-windows.js'

const quarterly = { periodType: 'quarter' as const, cutoff: { rule: 'nd09' as const } }

describe('receiving windows', () => {
  it('open at the end of the cut-off window and close N days after the deadline', () => {
    const w = windowOf(quarterly, '2026-Q3', '2026-09-16', 15, undefined)
    expect(w).toEqual({
      opensOn: '2026-09-14',
      closesOn: '2026-10-01',
      set: { opensOn: false, closesOn: false },
    })
    expect(
      ['2026-09-13', '2026-09-14', '2026-10-01', '2026-10-02'].map((d) => windowState(w, d)),
    ).toEqual(['not-open', 'open', 'open', 'closed'])
  })

  it('take the bounds set for the period, keeping defaults for the others', () => {
    const w = windowOf(quarterly, '2026-Q3', '2026-09-16', 15, {
      opensOn: null,
      closesOn: '2026-10-09',
    })
    expect(w).toMatchObject({
      opensOn: '2026-09-14',
      closesOn: '2026-10-09',
      set: { closesOn: true },
    })
  })

  it('have no bounds where there is no cut-off or deadline', () => {
    expect(defaultOpensOn({ periodType: 'none' }, 'none')).toBeNull()
    const w = windowOf({ periodType: 'none' }, 'none', null, 15, undefined)
    expect(windowState(w, '2030-01-01')).toBe('open')
  })
})
