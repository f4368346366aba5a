/**
 * What the reporter's browser needs to compute period functions (PREV_PERIOD, SAME_PERIOD_LAST_YEAR,
 * YEAR_TO_DATE, CHILD_VALUE, other templates) as the server does: the cells of the referenced
 * accepted reports, read into core's `externalValuesFromData`.
 */
import type { ExternalReportsData } from '../../core/index.js'
import { externalFor, requireRead, templateOf } from '../services/instances.js'
import { defineRoutes } from './define.js'
import { em, engine } from './helpers.js'
import { instanceFor } from './report-guards.js'

export const externalValueRoutes = defineRoutes([
  {
    method: 'get',
    path: '/instances/:id/external-values',
    operationId: 'getExternalValues',
    summary:
      'The values the report’s formulas read from other reports (previous period, same period last year, earlier periods of the year, other templates of the unit, child units), as core’s ExternalReportsData: the cells of each referenced accepted report that the template reads, by "unit|template|period". A report not listed reads as empty',
    tag: 'instances',
    roles: 'as for reading the instance',
    async handler(c, _body, auth): Promise<ExternalReportsData> {
      const ctx = await instanceFor(c, auth)
      requireRead(auth, ctx)
      const template = templateOf(ctx, engine(c))
      const external = await externalFor(em(c), engine(c), ctx, template)
      return (
        external?.data() ?? {
          template: template.code,
          unit: ctx.unit.code,
          period: ctx.period,
          children: [],
          reports: {},
        }
      )
    },
  },
])
