import type { Role } from '../db/entities/index.js'
import type { Auth } from '../context.js'
import { missingRole, unauthorized } from '../errors.js'

/**
 * Roles that reach down the tree: an admin of a province administers its communes (delegation),
 * a viewer of a province sees its communes' reports. Entry, approval, sending, design and
 * aggregation are acts of one unit and do not inherit.
 */
const INHERITED: ReadonlySet<Role> = new Set<Role>(['admin', 'viewer'])

interface UnitRef {
  id: number
  path: string
  code: string
  name: string
}

export function hasRole(auth: Auth, role: Role, unit: UnitRef): boolean {
  return auth.grants.some(
    (g) =>
      g.role === role &&
      (g.unitId === unit.id || (INHERITED.has(role) && unit.path.startsWith(g.path))),
  )
}

export function requireAuth(auth: Auth | undefined): Auth {
  if (auth === undefined) throw unauthorized()
  return auth
}

/** Throws 403 naming the role (the first one listed when several would do). */
export function requireRole(auth: Auth, roles: Role | readonly Role[], unit: UnitRef): void {
  const list = typeof roles === 'string' ? [roles] : roles
  if (list.some((r) => hasRole(auth, r, unit))) return
  throw missingRole(list.join("' or '"), unit)
}

/** Any role at all on the unit (own roles) or an inherited one from above: enough to read its reports. */
export function canRead(auth: Auth, unit: UnitRef): boolean {
  return auth.grants.some(
    (g) => g.unitId === unit.id || (INHERITED.has(g.role) && unit.path.startsWith(g.path)),
  )
}
