import type { Context } from 'hono'
import {
  comparePeriods,
  compareVersionLabels,
  isLate,
  isPeriodId,
  periodType,
  submissionDay,
  STATE_LABELS,
} from '../../core/index.js'
import { requireRole } from '../auth/access.js'
import type { AppEnv, Auth } from '../context.js'
import type { AssignmentSchedule } from '../db/entities/index.js'
import { iso, query, queryOne } from '../db/sql.js'
import { ApiError, badRequest, conflict, notFound } from '../errors.js'
import { consolidate } from '../services/aggregation.js'
import { checkSchedule } from '../services/assignments.js'
import { enqueue } from '../services/jobs.js'
import { notifyOpenWindows } from '../services/notifications.js'
import {
  daysAfterDeadline,
  windowOf,
  windowSetting,
  windowState,
} from '../services/receiving-windows.js'
import { getVersion, resolvedOf } from '../services/templates.js'
import { getUnit, inSubtree, type UnitRow } from '../services/units.js'
import { intParam } from './body.js'
import { defineRoutes } from './define.js'
import { audit, em, engine, now } from './helpers.js'

interface AssignmentView {
  id: number
  tenantId: number
  templateVersionId: number
  unitId: number
  schedule: AssignmentSchedule
  active: boolean
  code: string
  version: string
  name: string
}

/** Each target unit's receiving window for a period, and whether it is open today. */
async function windowsView(c: Context<AppEnv>, a: AssignmentView, period: string) {
  const setting = await windowSetting(em(c), a.tenantId, a.id, period)
  const version = await getVersion(em(c), a.templateVersionId)
  const days = daysAfterDeadline(a.schedule, c.get('ctx').config.receivingDaysAfterDeadline)
  const rows = await query<{
    unitId: number
    code: string
    name: string
    deadline: string | null
    instanceId: number
  }>(
    em(c),
    `select u.id as "unitId", u.code, u.name, to_char(i.deadline, 'YYYY-MM-DD') as deadline, i.id as "instanceId"
       from report_instance i join org_unit u on u.id = i.unit_id
      where i.tenant_id = ? and i.assignment_id = ? and i.period = ? order by u.path`,
    [a.tenantId, a.id, period],
  )
  const today = submissionDay(now(c))
  return {
    assignmentId: a.id,
    period,
    today,
    daysAfterDeadline: days,
    setting: setting ?? null,
    units: rows.map((r) => {
      const w = windowOf(version.definition, period, r.deadline, days, setting)
      return { ...r, ...w, state: windowState(w, today) }
    }),
  }
}

async function loadAssignment(
  c: Context<AppEnv>,
  auth: Auth,
  id: number,
): Promise<{ a: AssignmentView; unit: UnitRow; targets: UnitRow[] }> {
  const home = await getUnit(em(c), auth.user.unitId)
  const a = await queryOne<AssignmentView>(
    em(c),
    `select a.id, a.tenant_id as "tenantId", a.template_version_id as "templateVersionId", a.unit_id as "unitId", a.schedule, a.active,
            t.code, v.version, t.name
       from assignment a join template_version v on v.id = a.template_version_id join template t on t.id = v.template_id
      where a.id = ? and a.tenant_id = ?`,
    [id, home.rootId],
  )
  if (a === undefined) throw notFound(`Assignment ${id}`)
  const targets = await query<UnitRow>(
    em(c),
    `select u.id, u.code, u.name, u.tier, u.parent_id as "parentId", u.root_id as "rootId", u.path
       from assignment_target t join org_unit u on u.id = t.unit_id where t.assignment_id = ? order by u.path`,
    [id],
  )
  return { a, unit: await getUnit(em(c), a.unitId), targets }
}

/** Whether two schedules share a period (an open end reaches every later period). */
function overlaps(a: AssignmentSchedule, b: AssignmentSchedule): boolean {
  const startsBy = (from: string, to: string | undefined) =>
    to === undefined || comparePeriods(from, to) <= 0
  return startsBy(a.fromPeriod, b.toPeriod) && startsBy(b.fromPeriod, a.toPeriod)
}

/**
 * The same version assigned again to a unit for a period it already reports would open a second,
 * identical report for that unit: 409 names the unit, the period range and the assignment.
 * Ad-hoc forms may be assigned again (each one is a new occasion).
 */
async function refuseDuplicate(
  c: Context<AppEnv>,
  versionId: number,
  type: string,
  schedule: AssignmentSchedule,
  targets: readonly UnitRow[],
): Promise<void> {
  if (type === 'none') return
  const rows = await query<{ id: number; schedule: AssignmentSchedule; unitId: number }>(
    em(c),
    `select a.id, a.schedule, x.unit_id as "unitId" from assignment a join assignment_target x on x.assignment_id = a.id
      where a.template_version_id = ? and a.active and x.unit_id = any(?::int[]) order by a.id`,
    [versionId, `{${targets.map((t) => t.id).join(',')}}`],
  )
  const hit = rows.find((r) => overlaps(r.schedule, schedule))
  if (hit === undefined) return
  const unit = targets.find((t) => t.id === hit.unitId)!
  const range = `${hit.schedule.fromPeriod}..${hit.schedule.toPeriod ?? ''}`
  throw conflict(
    'already_assigned',
    `${unit.code} already reports this version for ${range} (assignment ${hit.id})`,
    { pointer: `/targetUnitIds/${targets.indexOf(unit)}`, assignmentId: hit.id },
  )
}

/** The board's state of one unit: where its report stands, or `late` when the deadline passed unsent. */
export type BoardState =
  | 'not_started'
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'sent'
  | 'accepted'
  | 'correction-requested'
  | 'late'

export const assignmentRoutes = defineRoutes([
  {
    method: 'post',
    path: '/assignments',
    operationId: 'createAssignment',
    summary:
      'Assign a published template version to sub-units with a schedule; instances open in a background job',
    tag: 'assignments',
    roles: 'aggregator on the assigning unit',
    status: 201,
    body: {
      type: 'object',
      required: ['templateVersionId', 'unitId', 'targetUnitIds', 'schedule'],
      additionalProperties: false,
      properties: {
        templateVersionId: { type: 'integer' },
        unitId: { type: 'integer', description: 'The assigning (receiving) unit' },
        targetUnitIds: {
          type: 'array',
          items: { type: 'integer' },
          minItems: 1,
          uniqueItems: true,
        },
        schedule: {
          type: 'object',
          required: ['fromPeriod'],
          additionalProperties: false,
          properties: {
            fromPeriod: { type: 'string' },
            toPeriod: { type: 'string' },
            deadlines: { type: 'object', additionalProperties: { type: 'string', format: 'date' } },
            receivingWindow: {
              type: 'object',
              additionalProperties: false,
              description:
                'Sending stays open this many days after each unit’s deadline (default: the server’s setting)',
              properties: { daysAfterDeadline: { type: 'integer', minimum: 0, maximum: 366 } },
            },
          },
        },
      },
    },
    async handler(c, body, auth) {
      const input = body as {
        templateVersionId: number
        unitId: number
        targetUnitIds: number[]
        schedule: AssignmentSchedule
      }
      const unit = await getUnit(em(c), input.unitId)
      requireRole(auth, 'aggregator', unit)
      const version = await getVersion(em(c), input.templateVersionId)
      if (version.tenantId !== unit.rootId)
        throw notFound(`Template version ${input.templateVersionId}`)
      if (version.status !== 'published') {
        throw conflict(
          'not_published',
          `Only a published version can be assigned; ${version.code} ${version.version} is ${version.status}`,
        )
      }
      checkSchedule(version.definition, input.schedule)
      const targets: UnitRow[] = []
      for (const [i, id] of input.targetUnitIds.entries()) {
        const t = await getUnit(em(c), id)
        if (t.id === unit.id || !inSubtree(t, unit)) {
          throw badRequest(
            `Unit ${t.code} is not below ${unit.code}: assignments go down the tree`,
            { pointer: `/targetUnitIds/${i}` },
          )
        }
        targets.push(t)
      }
      await refuseDuplicate(c, version.id, version.definition.periodType, input.schedule, targets)
      const row = await queryOne<{ id: number }>(
        em(c),
        `insert into assignment (tenant_id, template_version_id, unit_id, schedule, active, created_by_id, created_at)
         values (?, ?, ?, ?::jsonb, true, ?, ?) returning id`,
        [unit.rootId, version.id, unit.id, JSON.stringify(input.schedule), auth.user.id, now(c)],
      )
      const id = row!.id
      for (const t of targets)
        await query(em(c), 'insert into assignment_target (assignment_id, unit_id) values (?, ?)', [
          id,
          t.id,
        ])
      await enqueue(em(c), 'open-instances', { assignmentId: id }, now(c), {
        uniqueKey: `open-instances:${id}`,
      })
      await audit(c, auth, {
        tenantId: unit.rootId,
        action: 'assignment.create',
        entity: 'assignment',
        entityId: id,
        after: {
          templateVersionId: version.id,
          unit: unit.code,
          targets: targets.map((t) => t.code),
          schedule: input.schedule,
        },
      })
      return {
        id,
        templateVersionId: version.id,
        unitId: unit.id,
        targetUnitIds: targets.map((t) => t.id),
        schedule: input.schedule,
      }
    },
  },
  {
    method: 'get',
    path: '/assignments',
    operationId: 'listAssignments',
    summary: 'Assignments made by, or addressed to, units the caller has a role on',
    tag: 'assignments',
    async handler(c, _body, auth) {
      const home = await getUnit(em(c), auth.user.unitId)
      const rows = await query<
        AssignmentView & {
          unitCode: string
          unitPath: string
          targetPaths: string[]
          instanceCount: number
        }
      >(
        em(c),
        `select a.id, a.template_version_id as "templateVersionId", a.unit_id as "unitId", a.schedule, a.active, t.code, v.version, t.name,
                u.code as "unitCode", u.path as "unitPath",
                (select json_agg(ou.path) from assignment_target x join org_unit ou on ou.id = x.unit_id where x.assignment_id = a.id) as "targetPaths",
                (select count(*)::int from report_instance ri where ri.tenant_id = a.tenant_id and ri.assignment_id = a.id) as "instanceCount"
           from assignment a join template_version v on v.id = a.template_version_id join template t on t.id = v.template_id
           join org_unit u on u.id = a.unit_id where a.tenant_id = ? order by a.id desc`,
        [home.rootId],
      )
      const mine = rows.filter(
        (r) =>
          auth.grants.some((g) => r.unitPath.startsWith(g.path)) ||
          r.targetPaths.some((p) => auth.grants.some((g) => p.startsWith(g.path))),
      )
      return {
        assignments: mine.map(({ unitPath: _p, targetPaths, ...r }) => ({
          ...r,
          targetCount: targetPaths.length,
        })),
      }
    },
  },
  {
    method: 'get',
    path: '/assignments/:id',
    operationId: 'getAssignment',
    summary:
      'One assignment with its target units, how many report instances it opened, and whether the opening job is still pending',
    tag: 'assignments',
    roles: 'aggregator or viewer on the assigning unit',
    async handler(c, _body, auth) {
      const { a, unit, targets } = await loadAssignment(c, auth, intParam(c.req.param('id'), 'id'))
      requireRole(auth, ['aggregator', 'viewer', 'admin'], unit)
      // Instances open in a background job: the assigning screen polls these two to say when.
      const opened = await queryOne<{ n: number; opening: boolean }>(
        em(c),
        `select (select count(*)::int from report_instance where tenant_id = ? and assignment_id = ?) as n,
                exists (select 1 from job where unique_key = ? and status = 'pending') as opening`,
        [a.tenantId, a.id, `open-instances:${a.id}`],
      )
      return {
        ...a,
        targets: targets.map((t) => ({ id: t.id, code: t.code, name: t.name, tier: t.tier })),
        instanceCount: opened?.n ?? 0,
        opening: opened?.opening ?? false,
      }
    },
  },
  {
    method: 'get',
    path: '/assignments/:id/tracking',
    operationId: 'trackAssignment',
    summary:
      'Tracking board: where each unit’s report stands for a period (not started … accepted, or late)',
    tag: 'assignments',
    roles: 'aggregator or viewer on the assigning unit',
    query: [
      { name: 'period', type: 'string', required: true, description: 'Period id, e.g. 2025-Q3' },
    ],
    async handler(c, _body, auth) {
      const period = c.req.query('period')
      if (period === undefined) throw badRequest("Query parameter 'period' is required")
      const { a, unit, targets } = await loadAssignment(c, auth, intParam(c.req.param('id'), 'id'))
      requireRole(auth, ['aggregator', 'viewer', 'admin'], unit)
      const rows = await query<{
        unitId: number
        id: number
        status: string
        deadline: string | null
        currentRevision: number
        version: number
        sentAt: string | null
        acceptedAt: string | null
        updatedAt: string
      }>(
        em(c),
        `select i.unit_id as "unitId", i.id, i.status, i.deadline, i.current_revision as "currentRevision",
                r.version, r.sent_at as "sentAt", r.accepted_at as "acceptedAt", r.updated_at as "updatedAt"
           from report_instance i join report_revision r on r.instance_id = i.id and r.revision_no = i.current_revision and r.tenant_id = i.tenant_id
          where i.tenant_id = ? and i.assignment_id = ? and i.period = ?`,
        [a.tenantId, a.id, period],
      )
      const byUnit = new Map(rows.map((r) => [r.unitId, r]))
      const at = now(c)
      const day = submissionDay(at)
      const units = targets.map((t) => {
        const r = byUnit.get(t.id)
        if (r === undefined)
          return {
            unitId: t.id,
            unitCode: t.code,
            unitName: t.name,
            state: 'not_started' as BoardState,
            instanceId: null,
            deadline: null,
            late: false,
          }
        const sentOrDone =
          r.status === 'sent' ||
          r.status === 'accepted' ||
          r.status === 'correction-requested' ||
          r.currentRevision > 1
        const lateNow = r.deadline !== null && !sentOrDone && isLate(r.deadline, day)
        const sentLate =
          r.deadline !== null && r.sentAt !== null && isLate(r.deadline, new Date(r.sentAt))
        const base: BoardState =
          r.status === 'draft' && r.version === 1 && r.currentRevision === 1
            ? 'not_started'
            : (r.status as BoardState)
        return {
          unitId: t.id,
          unitCode: t.code,
          unitName: t.name,
          instanceId: r.id,
          state: lateNow ? ('late' as BoardState) : base,
          workflowState: r.status,
          label: STATE_LABELS[r.status as keyof typeof STATE_LABELS]?.vi ?? r.status,
          revision: r.currentRevision,
          deadline: r.deadline,
          late: lateNow || sentLate,
          sentAt: iso(r.sentAt),
          acceptedAt: iso(r.acceptedAt),
          updatedAt: iso(r.updatedAt),
        }
      })
      const counts: Record<string, number> = {}
      for (const u of units) counts[u.state] = (counts[u.state] ?? 0) + 1
      return { assignmentId: a.id, period, today: day, counts, units }
    },
  },
  {
    method: 'get',
    path: '/assignments/:id/aggregate',
    operationId: 'aggregateAssignment',
    summary:
      'Consolidate the accepted reports of the sub-units for a period (SQL over cell values, formulas recomputed)',
    tag: 'assignments',
    roles: 'aggregator on the assigning unit',
    query: [{ name: 'period', type: 'string', required: true, description: 'Period id' }],
    async handler(c, _body, auth) {
      const period = c.req.query('period')
      if (period === undefined) throw badRequest("Query parameter 'period' is required")
      const { a, unit } = await loadAssignment(c, auth, intParam(c.req.param('id'), 'id'))
      requireRole(auth, 'aggregator', unit)
      // A plugin may have given some periods' reports another version: consolidate under the
      // newest version the period's reports use.
      const used = await query<{ id: number }>(
        em(c),
        `select distinct coalesce(i.template_version_id, a.template_version_id) as id
           from report_instance i join assignment a on a.id = i.assignment_id
          where i.tenant_id = ? and i.assignment_id = ? and i.period = ?`,
        [a.tenantId, a.id, period],
      )
      const versions = await Promise.all(
        (used.length === 0 ? [{ id: a.templateVersionId }] : used).map((u) =>
          getVersion(em(c), u.id),
        ),
      )
      versions.sort((x, y) => compareVersionLabels(x.version, y.version))
      const version = versions.at(-1)!
      let result
      try {
        result = await consolidate(
          em(c),
          engine(c),
          resolvedOf(version, engine(c)),
          a.tenantId,
          a.id,
          period,
          unit.code,
        )
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('hook aggregate of plugin'))
          throw new ApiError(500, 'plugin_failed', err.message)
        throw err
      }
      return {
        assignmentId: a.id,
        period,
        template: { code: a.code, version: version.version },
        templateVersions: versions.map((v) => v.version),
        ...result,
      }
    },
  },
  {
    method: 'get',
    path: '/assignments/:id/receiving-windows',
    operationId: 'getReceivingWindows',
    summary:
      'Receiving window of a period for each target unit: when sending opens and closes (set for the period, or defaults: end of the cut-off window, N days after the deadline) and whether it is open today',
    tag: 'assignments',
    roles: 'aggregator, viewer or admin on the assigning unit',
    query: [{ name: 'period', type: 'string', required: true, description: 'Period id' }],
    async handler(c, _body, auth) {
      const period = c.req.query('period')
      if (period === undefined) throw badRequest("Query parameter 'period' is required")
      const { a, unit } = await loadAssignment(c, auth, intParam(c.req.param('id'), 'id'))
      requireRole(auth, ['aggregator', 'viewer', 'admin'], unit)
      return windowsView(c, a, period)
    },
  },
  {
    method: 'put',
    path: '/assignments/:id/receiving-windows/:period',
    operationId: 'setReceivingWindow',
    summary:
      'Open or close the receiving window of a period: set its first and last day (null = the default); units are notified when it opens',
    tag: 'assignments',
    roles: 'aggregator on the assigning unit',
    body: {
      type: 'object',
      required: ['opensOn', 'closesOn'],
      additionalProperties: false,
      properties: {
        opensOn: { type: ['string', 'null'], format: 'date' },
        closesOn: { type: ['string', 'null'], format: 'date' },
      },
    },
    async handler(c, body, auth) {
      const input = body as { opensOn: string | null; closesOn: string | null }
      const period = c.req.param('period') ?? ''
      const { a, unit } = await loadAssignment(c, auth, intParam(c.req.param('id'), 'id'))
      requireRole(auth, 'aggregator', unit)
      const version = await getVersion(em(c), a.templateVersionId)
      const expected = version.definition.periodType
      if (!isPeriodId(period) || periodType(period) !== expected) {
        throw badRequest(`'${period}' is not a ${expected} period id of this assignment`, {
          pointer: '/period',
        })
      }
      if (input.opensOn !== null && input.closesOn !== null && input.opensOn > input.closesOn) {
        throw badRequest(`closesOn ${input.closesOn} is before opensOn ${input.opensOn}`, {
          pointer: '/closesOn',
        })
      }
      const before = await windowSetting(em(c), a.tenantId, a.id, period)
      await query(
        em(c),
        `insert into receiving_window (tenant_id, assignment_id, period, opens_on, closes_on, set_by_id, updated_at)
         values (?, ?, ?, ?, ?, ?, ?)
         on conflict (assignment_id, period) do update set opens_on = excluded.opens_on, closes_on = excluded.closes_on,
           set_by_id = excluded.set_by_id, updated_at = excluded.updated_at`,
        [a.tenantId, a.id, period, input.opensOn, input.closesOn, auth.user.id, now(c)],
      )
      const notified = await notifyOpenWindows(em(c), now(c), {
        defaultDays: c.get('ctx').config.receivingDaysAfterDeadline,
        assignmentId: a.id,
      })
      await audit(c, auth, {
        tenantId: a.tenantId,
        action: 'assignment.receiving-window',
        entity: 'assignment',
        entityId: a.id,
        before: { period, ...(before ?? { opensOn: null, closesOn: null }) },
        after: { period, opensOn: input.opensOn, closesOn: input.closesOn, notified },
      })
      return { ...(await windowsView(c, a, period)), notified }
    },
  },
])
