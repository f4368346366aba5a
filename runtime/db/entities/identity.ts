import { defineEntity, p } from '@mikro-orm/core'
import { ROLES } from '../../../core/index.js'
import { OrgUnit } from './org.js'

/** The seven roles of DESIGN.md §3 (defined by core/workflow), held per unit. */
export { ROLES, type Role } from '../../../core/index.js'

export const AppUser = defineEntity({
  name: 'AppUser',
  tableName: 'app_user',
  properties: {
    id: p.integer().primary(),
    username: p.string().length(100).unique(),
    fullName: p.string().length(300),
    /** `scrypt$N$r$p$salt$hash` (base64 parts). */
    passwordHash: p.string().length(300),
    unit: () => p.manyToOne(OrgUnit).index(),
    active: p.boolean().default(true),
    failedLogins: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
})

export const UserRole = defineEntity({
  name: 'UserRole',
  tableName: 'user_role',
  properties: {
    id: p.integer().primary(),
    user: () => p.manyToOne(AppUser).deleteRule('cascade').index(),
    unit: () => p.manyToOne(OrgUnit).index(),
    role: p
      .string()
      .length(20)
      .check(`role in ('${ROLES.join("','")}')`),
    grantedBy: () => p.manyToOne(AppUser).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['user', 'unit', 'role'] }],
})

/** Server-side session; the cookie holds a random token, the table only its sha256. */
export const UserSession = defineEntity({
  name: 'UserSession',
  tableName: 'user_session',
  properties: {
    id: p.string().length(64).primary(),
    user: () => p.manyToOne(AppUser).deleteRule('cascade').index(),
    csrfToken: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
  },
})
