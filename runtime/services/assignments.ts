import type { EntityManager } from '@mikro-orm/postgresql'
import {
  AD_HOC_PERIOD,
  comparePeriods,
  cutoffWindow,
  deadlineFor,
  isPeriodId,
  listPeriods,
  periodType,
  submissionDay,
  type SubmissionDocument,
  type TemplateDefinition,
} from '../../core/index.js'
import type { AssignmentSchedule } from '../db/entities/index.js'
import { query, queryOne } from '../db/sql.js'
import { badRequest } from '../errors.js'
import { appendAudit } from './audit.js'

/** The calendar day in Vietnam: periods and deadlines are Vietnamese dates. */
export function today(now: Date): string {
  return submissionDay(now)
}

/** Checks a schedule against the template's period type; 400 names the field. */
export function checkSchedule(def: TemplateDefinition, schedule: AssignmentSchedule): void {
  const expected = def.periodType
  for (const [field, id] of [
    ['fromPeriod', schedule.fromPeriod],
    ['toPeriod', schedule.toPeriod],
  ] as const) {
    if (id === undefined) continue
    if (!isPeriodId(id) || periodType(id) !== expected) {
      throw badRequest(
        `schedule.${field} '${id}' is not a ${expected} period id (e.g. ${expected === 'none' ? AD_HOC_PERIOD : '2025-Q3, 2025-M07'})`,
        {
          pointer: `/schedule/${field}`,
        },
      )
    }
  }
  if (
    schedule.toPeriod !== undefined &&
    expected !== 'none' &&
    comparePeriods(schedule.fromPeriod, schedule.toPeriod) > 0
  ) {
    throw badRequest('schedule.toPeriod is before schedule.fromPeriod', {
      pointer: '/schedule/toPeriod',
    })
  }
}

/**
 * The periods whose instances should exist today: from `fromPeriod` up to `toPeriod`, each once
 * its data cut-off window has started.
 */
export function duePeriods(
  def: TemplateDefinition,
  schedule: AssignmentSchedule,
  now: Date,
): string[] {
  if (def.periodType === 'none') return [AD_HOC_PERIOD]
  const day = today(now)
  const until = schedule.toPeriod ?? `${Number(day.slice(0, 4)) + 1}-Y`
  const cutoff = def.cutoff ?? 'nd09'
  return listPeriods(def.periodType, schedule.fromPeriod, until).filter(
    (p) => cutoffWindow(p, cutoff).start <= day,
  )
}

interface AssignmentRow {
  id: number
  tenantId: number
  active: boolean
  schedule: AssignmentSchedule
  definition: TemplateDefinition
}

/**
 * Job `open-instances`: one report instance (with an empty revision 1) per target unit and due
 * period. Idempotent: existing instances are left alone, so reruns after a crash are safe.
 */
export async function openInstances(
  em: EntityManager,
  assignmentId: number,
  now: Date,
): Promise<number> {
  const a = await queryOne<AssignmentRow>(
    em,
    `select a.id, a.tenant_id as "tenantId", a.active, a.schedule, v.definition
       from assignment a join template_version v on v.id = a.template_version_id where a.id = ?`,
    [assignmentId],
  )
  if (a === undefined || !a.active) return 0
  const targets = await query<{ id: number; code: string; tier: string }>(
    em,
    `select u.id, u.code, u.tier from assignment_target t join org_unit u on u.id = t.unit_id where t.assignment_id = ? order by u.id`,
    [a.id],
  )
  let opened = 0
  for (const period of duePeriods(a.definition, a.schedule, now)) {
    for (const unit of targets) {
      const deadline =
        a.schedule.deadlines?.[period] ??
        deadlineFor(period, a.definition.deadlines, unit.tier) ??
        null
      const inst = await queryOne<{ id: number }>(
        em,
        `insert into report_instance (tenant_id, assignment_id, unit_id, period, deadline, status, current_revision, created_at, updated_at)
         values (?, ?, ?, ?, ?, 'draft', 1, ?, ?)
         on conflict (tenant_id, assignment_id, unit_id, period) do nothing returning id`,
        [a.tenantId, a.id, unit.id, period, deadline, now, now],
      )
      if (inst === undefined) continue
      const doc: SubmissionDocument = {
        template: { code: a.definition.code, version: a.definition.version },
        unit: unit.code,
        period,
        revision: 1,
        values: {},
      }
      await query(
        em,
        `insert into report_revision (tenant_id, instance_id, revision_no, status, document, version, created_at, updated_at)
         values (?, ?, 1, 'draft', ?::jsonb, 1, ?, ?)`,
        [a.tenantId, inst.id, JSON.stringify(doc), now, now],
      )
      opened++
    }
  }
  if (opened > 0) {
    await appendAudit(
      em,
      {
        actorId: null,
        tenantId: a.tenantId,
        action: 'instances.open',
        entity: 'assignment',
        entityId: a.id,
        after: { opened },
      },
      now,
    )
  }
  return opened
}

/** Job `tick`: re-opens due instances of every active assignment (new periods start over time). */
export async function openAllDue(em: EntityManager, now: Date): Promise<number> {
  const ids = await query<{ id: number }>(em, 'select id from assignment where active order by id')
  let n = 0
  for (const { id } of ids) n += await openInstances(em, id, now)
  return n
}
