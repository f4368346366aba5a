import { canRead } from '../auth/access.js'
import { ApiError, badRequest } from '../errors.js'
import { indicatorDashboard } from '../services/dashboard.js'
import { getUnit, inSubtree } from '../services/units.js'
import { intParam } from './body.js'
import { defineRoutes } from './define.js'
import { em, engine, PAGE_QUERY, pageParams } from './helpers.js'

export const dashboardRoutes = defineRoutes([
  {
    method: 'get',
    path: '/dashboard/indicators',
    operationId: 'indicatorDashboard',
    summary:
      'Indicators by unit and period from accepted reports: the values of indicator-coded rows and the indicators plugins compute (e.g. QĐ 766), newest period first, paginated',
    tag: 'dashboard',
    roles:
      'any role on the unit, admin/viewer/aggregator above it; each report only when the caller may read it',
    query: [
      { name: 'unitId', type: 'integer', required: true, description: 'The unit' },
      {
        name: 'scope',
        type: 'string',
        description: 'unit (default) or subtree: also every unit below',
      },
      { name: 'fromPeriod', type: 'string', description: 'First period id, e.g. 2025-Q1' },
      { name: 'toPeriod', type: 'string', description: 'Last period id' },
      { name: 'template', type: 'string', description: 'Template code' },
      {
        name: 'indicator',
        type: 'string',
        description: 'Indicator code (rows and computed indicators)',
      },
      ...PAGE_QUERY,
    ],
    async handler(c, _body, auth) {
      const { page, pageSize } = pageParams(c, 20, 100)
      const unit = await getUnit(em(c), intParam(c.req.query('unitId'), 'unitId'))
      const home = await getUnit(em(c), auth.user.unitId)
      const scope = c.req.query('scope') ?? 'unit'
      if (scope !== 'unit' && scope !== 'subtree')
        throw badRequest(`Query parameter 'scope' must be 'unit' or 'subtree', got '${scope}'`)
      // Aggregators see the units below them (whose reports they receive); the per-report rule of
      // the query decides which of those reports.
      const allowed =
        unit.rootId === home.rootId &&
        (canRead(auth, unit) ||
          auth.grants.some(
            (g) => g.role === 'aggregator' && g.unitId !== unit.id && inSubtree(unit, g),
          ))
      if (!allowed) {
        throw new ApiError(
          403,
          'forbidden',
          `No role on unit ${unit.code} (${unit.name}) or above it`,
          {
            missingRole: 'viewer',
            unit: unit.code,
          },
        )
      }
      const opt = (name: string) => {
        const v = c.req.query(name)
        return v === undefined || v === '' ? {} : { [name]: v }
      }
      const result = await indicatorDashboard(em(c), engine(c), auth, {
        tenantId: home.rootId,
        unit,
        scope,
        page,
        pageSize,
        ...opt('fromPeriod'),
        ...opt('toPeriod'),
        ...opt('template'),
        ...opt('indicator'),
      })
      return {
        unit: { id: unit.id, code: unit.code, name: unit.name },
        scope,
        page,
        pageSize,
        ...result,
      }
    },
  },
])
