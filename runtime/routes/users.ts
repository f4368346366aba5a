import type { EntityManager } from '@mikro-orm/postgresql'
import { requireRole } from '../auth/access.js'
import { hashPassword, passwordProblem } from '../auth/password.js'
import { AppUser, ROLES, UserRole, type Role } from '../db/entities/index.js'
import { badRequest, notFound } from '../errors.js'
import { getUnit, listSubtree } from '../services/units.js'
import { intParam } from './body.js'
import { defineRoutes } from './define.js'
import { audit, em, optionalInt } from './helpers.js'

interface UserView {
  id: number
  username: string
  fullName: string
  unitId: number
  active: boolean
  locked: boolean
}

async function loadUser(e: EntityManager, id: number) {
  const user = await e.findOne(AppUser, { id })
  if (user === null) throw notFound(`User ${id}`)
  return user
}

function view(
  u: {
    id: number
    username: string
    fullName: string
    unit: { id: number }
    active: boolean
    lockedUntil?: Date | null | undefined
  },
  now: Date,
): UserView {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    unitId: u.unit.id,
    active: u.active,
    locked: u.lockedUntil != null && u.lockedUntil > now,
  }
}

export const userRoutes = defineRoutes([
  {
    method: 'get',
    path: '/users',
    operationId: 'listUsers',
    summary: 'Users whose home unit lies in a unit subtree (default: the caller’s unit)',
    tag: 'users',
    roles: 'admin on the unit',
    query: [{ name: 'unitId', type: 'integer', description: 'Subtree root' }],
    async handler(c, _body, auth) {
      const unit = await getUnit(em(c), optionalInt(c, 'unitId') ?? auth.user.unitId)
      requireRole(auth, 'admin', unit)
      const ids = (await listSubtree(em(c), unit)).map((u) => u.id)
      const users = await em(c).find(
        AppUser,
        { unit: { $in: ids } },
        { orderBy: { username: 'asc' } },
      )
      const now = c.get('ctx').config.now()
      return { users: users.map((u) => view(u, now)) }
    },
  },
  {
    method: 'post',
    path: '/users',
    operationId: 'createUser',
    summary: 'Create a user in a unit',
    tag: 'users',
    roles: 'admin on the unit',
    status: 201,
    body: {
      type: 'object',
      required: ['username', 'fullName', 'password', 'unitId'],
      additionalProperties: false,
      properties: {
        username: { type: 'string', pattern: '^[a-z0-9._-]{3,100}$' },
        fullName: { type: 'string', minLength: 1, maxLength: 300 },
        password: { type: 'string' },
        unitId: { type: 'integer' },
      },
    },
    async handler(c, body, auth) {
      const input = body as { username: string; fullName: string; password: string; unitId: number }
      const unit = await getUnit(em(c), input.unitId)
      requireRole(auth, 'admin', unit)
      const problem = passwordProblem(input.password)
      if (problem !== undefined) throw badRequest(problem, { pointer: '/password' })
      const user = em(c).create(AppUser, {
        username: input.username,
        fullName: input.fullName,
        passwordHash: await hashPassword(input.password, c.get('ctx').config.scryptCost),
        unit: unit.id,
        active: true,
        failedLogins: 0,
      })
      await em(c).flush()
      const out = view(user, c.get('ctx').config.now())
      await audit(c, auth, {
        tenantId: unit.rootId,
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        after: out,
      })
      return out
    },
  },
  {
    method: 'get',
    path: '/users/:id',
    operationId: 'getUser',
    summary: 'One user with their roles',
    tag: 'users',
    roles: 'admin on the user’s unit, or the user themself',
    async handler(c, _body, auth) {
      const user = await loadUser(em(c), intParam(c.req.param('id'), 'id'))
      if (user.id !== auth.user.id) requireRole(auth, 'admin', await getUnit(em(c), user.unit.id))
      const roles = await em(c).find(UserRole, { user: user.id }, { orderBy: { id: 'asc' } })
      return {
        ...view(user, c.get('ctx').config.now()),
        roles: roles.map((r) => ({ id: r.id, role: r.role, unitId: r.unit.id })),
      }
    },
  },
  {
    method: 'patch',
    path: '/users/:id',
    operationId: 'updateUser',
    summary: 'Rename, (de)activate, unlock or reset the password of a user',
    tag: 'users',
    roles: 'admin on the user’s unit',
    body: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        fullName: { type: 'string', minLength: 1, maxLength: 300 },
        active: { type: 'boolean' },
        unlock: { const: true },
        password: { type: 'string' },
      },
    },
    async handler(c, body, auth) {
      const patch = body as {
        fullName?: string
        active?: boolean
        unlock?: true
        password?: string
      }
      const user = await loadUser(em(c), intParam(c.req.param('id'), 'id'))
      const unit = await getUnit(em(c), user.unit.id)
      requireRole(auth, 'admin', unit)
      const now = c.get('ctx').config.now()
      const before = view(user, now)
      if (patch.fullName !== undefined) user.fullName = patch.fullName
      if (patch.active !== undefined) user.active = patch.active
      if (patch.unlock === true) {
        user.lockedUntil = null
        user.failedLogins = 0
      }
      if (patch.password !== undefined) {
        const problem = passwordProblem(patch.password)
        if (problem !== undefined) throw badRequest(problem, { pointer: '/password' })
        user.passwordHash = await hashPassword(patch.password, c.get('ctx').config.scryptCost)
      }
      await em(c).flush()
      const after = view(user, now)
      await audit(c, auth, {
        tenantId: unit.rootId,
        action: patch.password === undefined ? 'user.update' : 'user.password-reset',
        entity: 'user',
        entityId: user.id,
        before,
        after,
      })
      return after
    },
  },
  {
    method: 'post',
    path: '/users/:id/roles',
    operationId: 'grantRole',
    summary:
      'Grant a role on a unit; an admin may delegate any role, admin included, to its sub-units',
    tag: 'users',
    roles: 'admin on the unit the role is granted on',
    status: 201,
    body: {
      type: 'object',
      required: ['role', 'unitId'],
      additionalProperties: false,
      properties: { role: { enum: [...ROLES] }, unitId: { type: 'integer' } },
    },
    async handler(c, body, auth) {
      const input = body as { role: Role; unitId: number }
      const user = await loadUser(em(c), intParam(c.req.param('id'), 'id'))
      const unit = await getUnit(em(c), input.unitId)
      requireRole(auth, 'admin', unit)
      const home = await getUnit(em(c), user.unit.id)
      if (home.rootId !== unit.rootId)
        throw badRequest('The unit belongs to another tenant than the user')
      const grant = em(c).create(UserRole, {
        user: user.id,
        unit: unit.id,
        role: input.role,
        grantedBy: auth.user.id,
      })
      await em(c).flush()
      const out = { id: grant.id, userId: user.id, role: input.role, unitId: unit.id }
      await audit(c, auth, {
        tenantId: unit.rootId,
        action: 'role.grant',
        entity: 'user_role',
        entityId: grant.id,
        after: out,
      })
      return out
    },
  },
  {
    method: 'delete',
    path: '/users/:id/roles/:roleId',
    operationId: 'revokeRole',
    summary: 'Revoke a role',
    tag: 'users',
    roles: 'admin on the unit the role was granted on',
    async handler(c, _body, auth) {
      const userId = intParam(c.req.param('id'), 'id')
      const grant = await em(c).findOne(UserRole, {
        id: intParam(c.req.param('roleId'), 'roleId'),
        user: userId,
      })
      if (grant === null) throw notFound(`Role grant ${c.req.param('roleId')} of user ${userId}`)
      const unit = await getUnit(em(c), grant.unit.id)
      requireRole(auth, 'admin', unit)
      const before = { id: grant.id, userId, role: grant.role, unitId: unit.id }
      em(c).remove(grant)
      await em(c).flush()
      await audit(c, auth, {
        tenantId: unit.rootId,
        action: 'role.revoke',
        entity: 'user_role',
        entityId: before.id,
        before,
      })
      return { ok: true }
    },
  },
])
