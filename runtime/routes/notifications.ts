import { canRead } from '../auth/access.js'
import { query, queryOne } from '../db/sql.js'
import { ApiError } from '../errors.js'
import { getUnit } from '../services/units.js'
import { defineRoutes } from './define.js'
import { em, optionalInt, PAGE_QUERY, pageParams } from './helpers.js'

export const notificationRoutes = defineRoutes([
  {
    method: 'get',
    path: '/notifications',
    operationId: 'listNotifications',
    summary:
      'Notices to a unit (e.g. a receiving window opened), newest first; without unitId, those of every unit the caller has a role on',
    tag: 'notifications',
    roles: 'any role on the unit, or admin/viewer above it',
    query: [
      { name: 'unitId', type: 'integer', description: 'The unit' },
      { name: 'kind', type: 'string', description: 'e.g. receiving-window-opened' },
      ...PAGE_QUERY,
    ],
    async handler(c, _body, auth) {
      const { page, pageSize, offset } = pageParams(c)
      const unitId = optionalInt(c, 'unitId')
      const home = await getUnit(em(c), auth.user.unitId)
      let units: number[]
      if (unitId !== undefined) {
        const unit = await getUnit(em(c), unitId)
        if (unit.rootId !== home.rootId || !canRead(auth, unit)) {
          throw new ApiError(403, 'forbidden', `No role on unit ${unit.code} (${unit.name})`, {
            missingRole: 'viewer',
            unit: unit.code,
          })
        }
        units = [unit.id]
      } else {
        units = [...new Set(auth.grants.map((g) => g.unitId))]
      }
      const kind = c.req.query('kind') ?? null
      const params = [home.rootId, JSON.stringify(units), kind, kind]
      const where = `n.tenant_id = ? and n.unit_id in (select value::int from json_array_elements_text(?::json))
        and (?::text is null or n.kind = ?)`
      const total = await queryOne<{ n: number }>(
        em(c),
        `select count(*)::int as n from notification n where ${where}`,
        params,
      )
      const items = await query(
        em(c),
        `select n.id, n.kind, n.message, n.data, n.created_at as "createdAt", u.id as "unitId", u.code as "unitCode"
           from notification n join org_unit u on u.id = n.unit_id
          where ${where} order by n.created_at desc, n.id desc limit ? offset ?`,
        [...params, pageSize, offset],
      )
      return { page, pageSize, total: total?.n ?? 0, items }
    },
  },
])
