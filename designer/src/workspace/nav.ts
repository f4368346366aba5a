import type { Role } from '../api/types.js'
import type { MessageId } from '../i18n/i18n.js'

/** One entry of the app's menu: where it goes, its label, and who it is for. */
export interface NavEntry {
  href: string
  label: MessageId
}

/** A role on a unit, as GET /auth/me lists them. */
export interface RoleGrant {
  role: Role
  unitId: number
}

/** Entry, approval and sending are the acts of filling a report: those users have reports due. */
const REPORTING: readonly Role[] = ['entry', 'approver', 'sender']

const MENU: ReadonlyArray<NavEntry & { roles: readonly Role[] | 'root-admin' }> = [
  { href: '#/inbox', label: 'nav.inbox', roles: REPORTING },
  { href: '#/templates', label: 'nav.templates', roles: ['designer', 'admin'] },
  { href: '#/designer/new', label: 'nav.designer', roles: ['designer', 'admin'] },
  // POST /assignments asks for the aggregator role on the assigning unit, and nothing else will do.
  { href: '#/assignments', label: 'nav.assignments', roles: ['aggregator'] },
  { href: '#/tracking', label: 'nav.tracking', roles: ['aggregator', 'viewer', 'admin'] },
  // GET /assignments/:id/aggregate asks for the aggregator role alone: viewers and admins get a 403.
  { href: '#/aggregate', label: 'aggregate.title', roles: ['aggregator'] },
  { href: '#/dashboard', label: 'nav.dashboard', roles: ['viewer', 'aggregator', 'admin'] },
  { href: '#/plugins', label: 'nav.plugins', roles: 'root-admin' },
]

/**
 * Administering the tenant (installing plugins) is for an admin of its root unit: the same check
 * the runtime makes on POST /plugins, so the menu never offers what the server would refuse.
 */
export function isRootAdmin(grants: readonly RoleGrant[], rootUnitId: number | undefined): boolean {
  return (
    rootUnitId !== undefined && grants.some((g) => g.role === 'admin' && g.unitId === rootUnitId)
  )
}

/**
 * The menu entries a user's roles call for, in menu order. The server still checks every request;
 * this only spares users pages that would show them nothing but refusals.
 *
 * @example
 * visibleNav([{ role: 'entry', unitId: 5 }], 1).map((e) => e.href) // ['#/inbox']
 */
export function visibleNav(
  grants: readonly RoleGrant[],
  rootUnitId: number | undefined,
): NavEntry[] {
  const held = new Set(grants.map((g) => g.role))
  return MENU.filter((m) =>
    m.roles === 'root-admin' ? isRootAdmin(grants, rootUnitId) : m.roles.some((r) => held.has(r)),
  ).map(({ href, label }) => ({ href, label }))
}
