/**
 * Receiving windows (DESIGN.md §3.4): a report may be sent while its assignment's window for the
 * period is open. By default it opens on the last day of the period's data cut-off window and closes
 * some days after the unit's deadline (per assignment, else the runtime's default); the assigning
 * unit may set either bound for a period (`receiving_window`). Granted corrections are not held to it:
 * the receiving unit asked for them.
 */
import type { EntityManager } from '@mikro-orm/postgresql'
import {
  AD_HOC_PERIOD,
  addDays,
  cutoffWindow,
  periodLabel,
  submissionDay,
  type TemplateDefinition,
} from '../../core/index.js'
import type { AssignmentSchedule } from '../db/entities/index.js'
import { queryOne } from '../db/sql.js'
import { conflict } from '../errors.js'
import type { InstanceContext } from './instances.js'

export interface WindowSetting {
  opensOn: string | null
  closesOn: string | null
}

export interface ReceivingWindow {
  /** First day a report may be sent (Vietnam calendar), or null: no lower bound. */
  opensOn: string | null
  /** Last day a report may be sent, or null: no upper bound (no deadline). */
  closesOn: string | null
  /** Which bounds the assigning unit set for this period (the others are defaults). */
  set: { opensOn: boolean; closesOn: boolean }
}

export type WindowState = 'not-open' | 'open' | 'closed'

/** The default opening day: the end of the period's cut-off window (null for ad-hoc reports). */
export function defaultOpensOn(
  def: Pick<TemplateDefinition, 'periodType' | 'cutoff'>,
  period: string,
): string | null {
  if (period === AD_HOC_PERIOD || def.periodType === 'none') return null
  return cutoffWindow(period, def.cutoff ?? 'nd09').end
}

/** Days after the deadline the window stays open: the assignment's setting, else the default. */
export function daysAfterDeadline(schedule: AssignmentSchedule, fallback: number): number {
  return schedule.receivingWindow?.daysAfterDeadline ?? fallback
}

/**
 * The window of one unit's report: the period's setting where there is one, defaults elsewhere.
 *
 * @example
 * windowOf(def, '2026-Q3', '2026-09-16', 15, undefined) // { opensOn: '2026-09-14', closesOn: '2026-10-01', ... }
 */
export function windowOf(
  def: Pick<TemplateDefinition, 'periodType' | 'cutoff'>,
  period: string,
  deadline: string | null,
  days: number,
  setting: WindowSetting | undefined,
): ReceivingWindow {
  return {
    opensOn: setting?.opensOn ?? defaultOpensOn(def, period),
    closesOn: setting?.closesOn ?? (deadline === null ? null : addDays(deadline, days)),
    set: { opensOn: setting?.opensOn != null, closesOn: setting?.closesOn != null },
  }
}

export function windowState(w: ReceivingWindow, today: string): WindowState {
  if (w.opensOn !== null && today < w.opensOn) return 'not-open'
  if (w.closesOn !== null && today > w.closesOn) return 'closed'
  return 'open'
}

export async function windowSetting(
  em: EntityManager,
  tenantId: number,
  assignmentId: number,
  period: string,
): Promise<WindowSetting | undefined> {
  const row = await queryOne<WindowSetting>(
    em,
    `select to_char(opens_on, 'YYYY-MM-DD') as "opensOn", to_char(closes_on, 'YYYY-MM-DD') as "closesOn"
       from receiving_window where tenant_id = ? and assignment_id = ? and period = ?`,
    [tenantId, assignmentId, period],
  )
  return row
}

/** dd/mm/yyyy, as dates are written in Vietnamese documents. */
export function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}/${m}/${y}`
}

/**
 * Refuses sending outside the receiving window of the instance's assignment and period (409),
 * saying when the window opens or closed and who can reopen it.
 */
export async function requireOpenWindow(
  em: EntityManager,
  ctx: InstanceContext,
  at: Date,
  defaultDays: number,
): Promise<void> {
  const a = await queryOne<{ schedule: AssignmentSchedule }>(
    em,
    'select schedule from assignment where id = ? and tenant_id = ?',
    [ctx.assignmentId, ctx.tenantId],
  )
  const days = daysAfterDeadline(a?.schedule ?? { fromPeriod: ctx.period }, defaultDays)
  const setting = await windowSetting(em, ctx.tenantId, ctx.assignmentId, ctx.period)
  const w = windowOf(ctx.version.definition, ctx.period, ctx.deadline, days, setting)
  const today = submissionDay(at)
  const state = windowState(w, today)
  if (state === 'open') return
  const recv = ctx.receivingUnit
  const label = periodLabel(ctx.period)
  const details = {
    period: ctx.period,
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    today,
    receivingUnit: recv.code,
  }
  if (state === 'not-open') {
    throw conflict(
      'receiving_window_not_open',
      `${recv.code} receives reports for ${ctx.period} from ${w.opensOn} (${w.set.opensOn ? 'set by the receiving unit' : 'the end of the data cut-off window'}); today is ${today}. Send then.`,
      {
        ...details,
        messageVi: `Chưa đến thời gian nhận báo cáo ${label}: ${recv.name} nhận báo cáo từ ngày ${vnDate(w.opensOn!)}.`,
      },
    )
  }
  const why = w.set.closesOn
    ? 'set by the receiving unit'
    : `${days} days after the deadline ${ctx.deadline ?? ''}`
  throw conflict(
    'receiving_window_closed',
    `${recv.code} stopped receiving reports for ${ctx.period} on ${w.closesOn} (${why}); today is ${today}. Ask ${recv.code} (${recv.name}) to reopen the window for this period.`,
    {
      ...details,
      messageVi: `Đã hết thời gian nhận báo cáo ${label} (đến hết ngày ${vnDate(w.closesOn!)}). Đề nghị ${recv.name} mở lại thời gian nhận báo cáo kỳ này.`,
    },
  )
}
