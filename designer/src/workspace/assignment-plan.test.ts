import { describe, expect, it } from 'vitest'
import type { UnitRow } from '../api/assignment-types.js'
import { periodsOfYear, planSchedules, unitIdsOf, unitTree } from './assignment-plan.js'

describe('periodsOfYear', () => {
  it('lists the periods of each type in a year', () => {
    expect(periodsOfYear('quarter', 2026)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    expect(periodsOfYear('month', 2026)).toHaveLength(12)
    expect(periodsOfYear('month', 2026)[0]).toBe('2026-M01')
    expect(periodsOfYear('half-year', 2026)).toEqual(['2026-H1', '2026-H2'])
    expect(periodsOfYear('year', 2026)).toEqual(['2026-Y'])
    expect(periodsOfYear('none', 2026)).toEqual(['none'])
  })
})

describe('planSchedules', () => {
  it('makes one schedule per run of consecutive periods', () => {
    expect(planSchedules('quarter', ['2026-Q4', '2026-Q1', '2026-Q2'])).toEqual([
      { fromPeriod: '2026-Q1', toPeriod: '2026-Q2' },
      { fromPeriod: '2026-Q4', toPeriod: '2026-Q4' },
    ])
    expect(planSchedules('quarter', ['2026-Q4', '2027-Q1'])).toEqual([
      { fromPeriod: '2026-Q4', toPeriod: '2027-Q1' },
    ])
    expect(planSchedules('month', ['2026-M03', '2026-M03'])).toEqual([
      { fromPeriod: '2026-M03', toPeriod: '2026-M03' },
    ])
  })

  it('leaves the last run open when the assignment goes on', () => {
    expect(planSchedules('quarter', ['2026-Q1', '2026-Q3'], { ongoing: true })).toEqual([
      { fromPeriod: '2026-Q1', toPeriod: '2026-Q1' },
      { fromPeriod: '2026-Q3' },
    ])
  })

  it('gives each schedule the deadlines of its own periods and the receiving window', () => {
    expect(
      planSchedules('quarter', ['2026-Q1', '2026-Q3'], {
        deadlines: { '2026-Q1': '2026-03-20', '2026-Q3': '', '2026-Q2': '2026-06-20' },
        daysAfterDeadline: 5,
      }),
    ).toEqual([
      {
        fromPeriod: '2026-Q1',
        toPeriod: '2026-Q1',
        deadlines: { '2026-Q1': '2026-03-20' },
        receivingWindow: { daysAfterDeadline: 5 },
      },
      { fromPeriod: '2026-Q3', toPeriod: '2026-Q3', receivingWindow: { daysAfterDeadline: 5 } },
    ])
  })

  it('assigns an ad-hoc form once, with no period range', () => {
    expect(planSchedules('none', [])).toEqual([{ fromPeriod: 'none' }])
  })

  it('plans nothing when no period is chosen', () => {
    expect(planSchedules('quarter', [])).toEqual([])
  })
})

describe('unitTree', () => {
  const u = (id: number, parentId: number | null, code = `U${id}`): UnitRow => ({
    id,
    code,
    name: code,
    tier: 'x',
    parentId,
    rootId: 1,
    path: '',
  })
  const units = [u(1, null), u(2, 1), u(3, 2), u(4, 2), u(5, 1), u(6, 3)]

  it('gives the units below a unit, nested, without the unit itself', () => {
    const tree = unitTree(units, 1)
    expect(tree.map((n) => n.unit.id)).toEqual([2, 5])
    expect(tree[0]!.children.map((n) => n.unit.id)).toEqual([3, 4])
    expect(unitIdsOf(tree)).toEqual([2, 3, 6, 4, 5])
    expect(unitIdsOf(unitTree(units, 2))).toEqual([3, 6, 4])
    expect(unitTree(units, 6)).toEqual([])
    expect(unitTree(units, 99)).toEqual([])
  })
})
