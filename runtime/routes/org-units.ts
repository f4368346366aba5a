import { hasRole, requireRole } from '../auth/access.js'
import { query } from '../db/sql.js'
import { badRequest, notFound } from '../errors.js'
import { createUnit, getUnit, listUnits } from '../services/units.js'
import { intParam } from './body.js'
import { defineRoutes } from './define.js'
import { audit, em } from './helpers.js'

const CODE = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' }

export const orgUnitRoutes = defineRoutes([
  {
    method: 'get',
    path: '/org-tiers',
    operationId: 'listTiers',
    summary: 'Administrative tiers (data, not code)',
    tag: 'org',
    async handler(c) {
      return {
        tiers: await query(em(c), 'select code, name, rank from org_tier order by rank, code'),
      }
    },
  },
  {
    method: 'post',
    path: '/org-tiers',
    operationId: 'createTier',
    summary: 'Add an administrative tier',
    tag: 'org',
    roles: 'admin on the root unit',
    status: 201,
    body: {
      type: 'object',
      required: ['code', 'name', 'rank'],
      additionalProperties: false,
      properties: { code: CODE, name: { type: 'string', minLength: 1 }, rank: { type: 'integer' } },
    },
    async handler(c, body, auth) {
      const tier = body as { code: string; name: string; rank: number }
      const home = await getUnit(em(c), auth.user.unitId)
      requireRole(auth, 'admin', await getUnit(em(c), home.rootId))
      await query(em(c), 'insert into org_tier (code, name, rank) values (?, ?, ?)', [
        tier.code,
        tier.name,
        tier.rank,
      ])
      await audit(c, auth, {
        tenantId: home.rootId,
        action: 'tier.create',
        entity: 'org_tier',
        entityId: tier.code,
        after: tier,
      })
      return tier
    },
  },
  {
    method: 'get',
    path: '/org-units',
    operationId: 'listUnits',
    summary: "The caller's tenant as a flat tree (parents first); `parentId` links children",
    tag: 'org',
    async handler(c, _body, auth) {
      const home = await getUnit(em(c), auth.user.unitId)
      return { units: await listUnits(em(c), home.rootId) }
    },
  },
  {
    method: 'get',
    path: '/org-units/:id',
    operationId: 'getUnit',
    summary: 'One unit with its direct children',
    tag: 'org',
    async handler(c, _body, auth) {
      const unit = await getUnit(em(c), intParam(c.req.param('id'), 'id'))
      const home = await getUnit(em(c), auth.user.unitId)
      if (unit.rootId !== home.rootId) throw notFound(`Org unit ${unit.id}`)
      const children = await query(
        em(c),
        'select id, code, name, tier from org_unit where parent_id = ? order by code',
        [unit.id],
      )
      return { ...unit, children, canAdminister: hasRole(auth, 'admin', unit) }
    },
  },
  {
    method: 'post',
    path: '/org-units',
    operationId: 'createUnit',
    summary: 'Create a sub-unit',
    tag: 'org',
    roles: 'admin on the parent unit',
    status: 201,
    body: {
      type: 'object',
      required: ['code', 'name', 'tier', 'parentId'],
      additionalProperties: false,
      properties: {
        code: CODE,
        name: { type: 'string', minLength: 1, maxLength: 500 },
        tier: { type: 'string' },
        parentId: { type: 'integer' },
      },
    },
    async handler(c, body, auth) {
      const input = body as { code: string; name: string; tier: string; parentId: number }
      const parent = await getUnit(em(c), input.parentId)
      requireRole(auth, 'admin', parent)
      const unit = await createUnit(em(c), input)
      await audit(c, auth, {
        tenantId: unit.rootId,
        action: 'unit.create',
        entity: 'org_unit',
        entityId: unit.id,
        after: unit,
      })
      return unit
    },
  },
  {
    method: 'patch',
    path: '/org-units/:id',
    operationId: 'updateUnit',
    summary: 'Rename a unit or change its tier',
    tag: 'org',
    roles: 'admin on the unit (or above)',
    body: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 500 },
        tier: { type: 'string' },
      },
    },
    async handler(c, body, auth) {
      const patch = body as { name?: string; tier?: string }
      const unit = await getUnit(em(c), intParam(c.req.param('id'), 'id'))
      requireRole(auth, 'admin', unit)
      if (patch.tier !== undefined) {
        const t = await query(em(c), 'select 1 from org_tier where code = ?', [patch.tier])
        if (t.length === 0) throw badRequest(`Unknown tier '${patch.tier}'`, { pointer: '/tier' })
      }
      await query(
        em(c),
        'update org_unit set name = coalesce(?, name), tier = coalesce(?, tier) where id = ?',
        [patch.name ?? null, patch.tier ?? null, unit.id],
      )
      const after = await getUnit(em(c), unit.id)
      await audit(c, auth, {
        tenantId: unit.rootId,
        action: 'unit.update',
        entity: 'org_unit',
        entityId: unit.id,
        before: unit,
        after,
      })
      return after
    },
  },
])
