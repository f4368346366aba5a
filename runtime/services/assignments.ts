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
  compareVersionLabels,
  createHookRunner,
  type Engine,
  type SubmissionDocument,
  type TemplateDefinition,
} from '../../core/index.js'
import { defaultConfig } from '../context.js'
import type { AssignmentSchedule } from '../db/entities/index.js'
import { query, queryOne } from '../db/sql.js'
import { badRequest } from '../errors.js'
import { appendAudit } from './audit.js'
import { notifyOpenWindows } from './notifications.js'

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
  versionId: number
  definition: TemplateDefinition
}

interface VersionChoice {
  id: number
  version: string
  status: 'published' | 'retired'
  definition: TemplateDefinition
}

export interface OpenOptions {
  /** The installed plugins: their resolveTemplateVersion hook may pick another version per period and unit. */
  engine?: Engine
  /** Default days a receiving window stays open after the deadline (for the window-opened notices). */
  defaultDays?: number
  /** Send the window-opened notices of this assignment (default true). */
  notify?: boolean
}

/**
 * Which version a report uses: the assignment's, unless a plugin's resolveTemplateVersion hook
 * answers with another published (or retired) version of the template for the period and unit.
 */
function versionChooser(
  engine: Engine | undefined,
  a: AssignmentRow,
  versions: readonly VersionChoice[],
): (period: string, unit: string) => VersionChoice | undefined {
  const plugins = engine?.plugins.filter((p) => p.hooks.resolveTemplateVersion !== undefined) ?? []
  if (plugins.length === 0) return () => undefined
  const runner = createHookRunner(plugins)
  const infos = versions.map((v) => ({
    version: v.version,
    status: v.status,
    ...(v.definition.effectiveFrom === undefined
      ? {}
      : { effectiveFrom: v.definition.effectiveFrom }),
  }))
  return (period, unit) => {
    const chosen = runner.first('resolveTemplateVersion', {
      code: a.definition.code,
      versions: infos,
      period,
      unit,
    })
    if (chosen === undefined || chosen.value === a.definition.version) return undefined
    const hit = versions.find((v) => v.version === chosen.value)
    if (hit === undefined) {
      throw new Error(
        `hook resolveTemplateVersion of plugin ${chosen.plugin} chose version ${chosen.value} of ${a.definition.code} ` +
          `for ${unit}, ${period}, which is not published here (published: ${versions.map((v) => v.version).join(', ') || 'none'})`,
      )
    }
    return hit
  }
}

/**
 * Job `open-instances`: one report instance (with an empty revision 1) per target unit and due
 * period. Idempotent: existing instances are left alone, so reruns after a crash are safe.
 */
export async function openInstances(
  em: EntityManager,
  assignmentId: number,
  now: Date,
  opts: OpenOptions = {},
): Promise<number> {
  const a = await queryOne<AssignmentRow>(
    em,
    `select a.id, a.tenant_id as "tenantId", a.active, a.schedule, v.id as "versionId", v.definition
       from assignment a join template_version v on v.id = a.template_version_id where a.id = ?`,
    [assignmentId],
  )
  if (a === undefined || !a.active) return 0
  const targets = await query<{ id: number; code: string; tier: string }>(
    em,
    `select u.id, u.code, u.tier from assignment_target t join org_unit u on u.id = t.unit_id where t.assignment_id = ? order by u.id`,
    [a.id],
  )
  const hooked = opts.engine?.plugins.some((p) => p.hooks.resolveTemplateVersion !== undefined)
  const versions =
    hooked === true
      ? (
          await query<VersionChoice>(
            em,
            `select v.id, v.version, v.status, v.definition from template_version v join template t on t.id = v.template_id
              where t.tenant_id = ? and t.code = ? and v.status in ('published', 'retired')`,
            [a.tenantId, a.definition.code],
          )
        ).sort((x, y) => compareVersionLabels(x.version, y.version))
      : []
  const choose = versionChooser(opts.engine, a, versions)
  let opened = 0
  for (const period of duePeriods(a.definition, a.schedule, now)) {
    for (const unit of targets) {
      const chosen = choose(period, unit.code)
      const def = chosen?.definition ?? a.definition
      const deadline =
        a.schedule.deadlines?.[period] ?? deadlineFor(period, def.deadlines, unit.tier) ?? null
      const inst = await queryOne<{ id: number }>(
        em,
        `insert into report_instance (tenant_id, assignment_id, unit_id, period, template_version_id, deadline, status, current_revision, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?)
         on conflict (tenant_id, assignment_id, unit_id, period) do nothing returning id`,
        [a.tenantId, a.id, unit.id, period, chosen?.id ?? null, deadline, now, now],
      )
      if (inst === undefined) continue
      const doc: SubmissionDocument = {
        template: { code: def.code, version: def.version },
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
  if (opts.notify !== false) {
    await notifyOpenWindows(em, now, {
      defaultDays: opts.defaultDays ?? defaultConfig.receivingDaysAfterDeadline,
      assignmentId: a.id,
    })
  }
  return opened
}

/**
 * Job `tick`: re-opens due instances of every active assignment (new periods start over time) and
 * sends the notices of receiving windows that opened since.
 */
export async function openAllDue(
  em: EntityManager,
  now: Date,
  opts: OpenOptions = {},
): Promise<number> {
  const ids = await query<{ id: number }>(em, 'select id from assignment where active order by id')
  let n = 0
  for (const { id } of ids) n += await openInstances(em, id, now, { ...opts, notify: false })
  await notifyOpenWindows(em, now, {
    defaultDays: opts.defaultDays ?? defaultConfig.receivingDaysAfterDeadline,
  })
  return n
}
