/**
 * Notices to units. The one the runtime sends: a receiving window opened for a report the unit
 * still has to send. The tick job and the opening of instances look for windows open today; a
 * notice is sent once per window (the dedup key names the assignment, period and both bounds, so a
 * window reopened or extended later gets a new notice).
 */
import type { EntityManager } from '@mikro-orm/postgresql'
import { periodLabel, submissionDay, type TemplateDefinition } from '../../core/index.js'
import type { AssignmentSchedule } from '../db/entities/index.js'
import { query } from '../db/sql.js'
import { daysAfterDeadline, vnDate, windowOf, windowState } from './receiving-windows.js'

export const WINDOW_OPENED = 'receiving-window-opened'

interface Pending {
  id: number
  tenantId: number
  assignmentId: number
  unitId: number
  period: string
  deadline: string | null
  schedule: AssignmentSchedule
  versionId: number
  receivingName: string
}

interface VersionInfo {
  id: number
  code: string
  name: string
  periodType: TemplateDefinition['periodType']
  cutoff: NonNullable<TemplateDefinition['cutoff']> | null
}

/**
 * Sends the window-opened notice to every unit whose report (not yet sent, first revision) has its
 * receiving window open today. Returns how many notices were new.
 */
export async function notifyOpenWindows(
  em: EntityManager,
  now: Date,
  opts: { defaultDays: number; assignmentId?: number },
): Promise<number> {
  const pending = await query<Pending>(
    em,
    `select i.id, i.tenant_id as "tenantId", i.assignment_id as "assignmentId", i.unit_id as "unitId", i.period,
            to_char(i.deadline, 'YYYY-MM-DD') as deadline, a.schedule,
            coalesce(i.template_version_id, a.template_version_id) as "versionId", ru.name as "receivingName"
       from report_instance i join assignment a on a.id = i.assignment_id join org_unit ru on ru.id = a.unit_id
      where a.active and i.current_revision = 1 and i.status in ('draft', 'submitted', 'approved')
        and (?::int is null or a.id = ?)`,
    [opts.assignmentId ?? null, opts.assignmentId ?? null],
  )
  if (pending.length === 0) return 0
  const versions = new Map(
    (
      await query<VersionInfo>(
        em,
        `select v.id, t.code, t.name, v.definition->>'periodType' as "periodType", v.definition->'cutoff' as cutoff
           from template_version v join template t on t.id = v.template_id
          where v.id in (select value::int from json_array_elements_text(?::json))`,
        [JSON.stringify([...new Set(pending.map((p) => p.versionId))])],
      )
    ).map((v) => [v.id, v]),
  )
  const settings = new Map(
    (
      await query<{
        assignmentId: number
        period: string
        opensOn: string | null
        closesOn: string | null
      }>(
        em,
        `select assignment_id as "assignmentId", period, to_char(opens_on, 'YYYY-MM-DD') as "opensOn",
                to_char(closes_on, 'YYYY-MM-DD') as "closesOn"
           from receiving_window where assignment_id in (select value::int from json_array_elements_text(?::json))`,
        [JSON.stringify([...new Set(pending.map((p) => p.assignmentId))])],
      )
    ).map((w) => [`${w.assignmentId}|${w.period}`, w]),
  )
  const today = submissionDay(now)
  const notices = []
  for (const p of pending) {
    const v = versions.get(p.versionId)!
    const def = { periodType: v.periodType, ...(v.cutoff === null ? {} : { cutoff: v.cutoff }) }
    const w = windowOf(
      def,
      p.period,
      p.deadline,
      daysAfterDeadline(p.schedule, opts.defaultDays),
      settings.get(`${p.assignmentId}|${p.period}`),
    )
    if (windowState(w, today) !== 'open') continue
    const from = w.opensOn === null ? '' : ` từ ngày ${vnDate(w.opensOn)}`
    const until = w.closesOn === null ? ', không hạn cuối' : ` đến hết ngày ${vnDate(w.closesOn)}`
    notices.push({
      t: p.tenantId,
      u: p.unitId,
      m:
        `${p.receivingName} đã mở tiếp nhận báo cáo "${v.name}" (${v.code}) ${periodLabel(p.period)}: ` +
        `gửi báo cáo${from}${until}.`,
      d: {
        assignmentId: p.assignmentId,
        instanceId: p.id,
        period: p.period,
        template: v.code,
        opensOn: w.opensOn,
        closesOn: w.closesOn,
      },
      k: `${WINDOW_OPENED}:${p.assignmentId}:${p.period}:${w.opensOn ?? '-'}:${w.closesOn ?? '-'}`,
    })
  }
  if (notices.length === 0) return 0
  const inserted = await query(
    em,
    `insert into notification (tenant_id, unit_id, kind, message, data, dedup_key, created_at)
     select n.t, n.u, ?, n.m, n.d, n.k, ? from json_to_recordset(?::json) as n(t int, u int, m text, d jsonb, k text)
     on conflict (unit_id, dedup_key) do nothing returning id`,
    [WINDOW_OPENED, now, JSON.stringify(notices)],
  )
  return inserted.length
}
