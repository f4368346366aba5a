import { describe, expect, it } from 'vitest'
import { isRootAdmin, visibleNav, type RoleGrant } from './nav.js'

const ROOT = 1
const hrefs = (grants: RoleGrant[]) => visibleNav(grants, ROOT).map((e) => e.href)

describe('visibleNav', () => {
  it('gives a reporter only the reports due', () => {
    expect(hrefs([{ role: 'entry', unitId: 7 }])).toEqual(['#/inbox'])
    expect(hrefs([{ role: 'approver', unitId: 7 }])).toEqual(['#/inbox'])
    expect(hrefs([{ role: 'sender', unitId: 7 }])).toEqual(['#/inbox'])
  })

  it('gives a designer the library and the designer, an aggregator tracking, consolidation and the dashboard', () => {
    expect(hrefs([{ role: 'designer', unitId: ROOT }])).toEqual(['#/templates', '#/designer/new'])
    expect(hrefs([{ role: 'aggregator', unitId: ROOT }])).toEqual([
      '#/assignments',
      '#/tracking',
      '#/aggregate',
      '#/dashboard',
    ])
    expect(hrefs([{ role: 'viewer', unitId: 7 }])).toEqual(['#/tracking', '#/dashboard'])
  })

  it('offers consolidation to aggregators only, the role GET /assignments/:id/aggregate asks for', () => {
    expect(hrefs([{ role: 'aggregator', unitId: 7 }])).toContain('#/aggregate')
    for (const role of ['admin', 'designer', 'viewer', 'entry', 'approver'] as const)
      expect(hrefs([{ role, unitId: ROOT }])).not.toContain('#/aggregate')
  })

  it('offers the assigning screen to aggregators only, the role POST /assignments asks for', () => {
    expect(hrefs([{ role: 'aggregator', unitId: 7 }])).toContain('#/assignments')
    for (const role of ['admin', 'designer', 'viewer', 'entry'] as const)
      expect(hrefs([{ role, unitId: ROOT }])).not.toContain('#/assignments')
  })

  it('shows the plugins page to an admin of the root unit only', () => {
    expect(hrefs([{ role: 'admin', unitId: ROOT }])).toContain('#/plugins')
    expect(hrefs([{ role: 'admin', unitId: 7 }])).not.toContain('#/plugins')
    expect(hrefs([{ role: 'admin', unitId: 7 }])).toContain('#/templates')
    expect(
      visibleNav([{ role: 'admin', unitId: ROOT }], undefined).map((e) => e.href),
    ).not.toContain('#/plugins')
  })

  it('merges the entries of several roles in menu order, each once', () => {
    expect(
      hrefs([
        { role: 'aggregator', unitId: ROOT },
        { role: 'entry', unitId: 7 },
        { role: 'entry', unitId: 8 },
      ]),
    ).toEqual(['#/inbox', '#/assignments', '#/tracking', '#/aggregate', '#/dashboard'])
  })

  it('shows nothing to a user without roles', () => {
    expect(hrefs([])).toEqual([])
  })
})

describe('isRootAdmin', () => {
  it('needs the admin role on the root unit itself', () => {
    expect(isRootAdmin([{ role: 'admin', unitId: ROOT }], ROOT)).toBe(true)
    expect(isRootAdmin([{ role: 'designer', unitId: ROOT }], ROOT)).toBe(false)
    expect(isRootAdmin([{ role: 'admin', unitId: 2 }], ROOT)).toBe(false)
  })
})
