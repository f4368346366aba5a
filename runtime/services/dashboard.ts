/**
 * Indicators by unit and period (DESIGN.md §3.7 dashboards): for each accepted report (the latest
 * accepted revision of each instance) the cell values of its indicator-coded rows, evaluated with the
 * same engine and external values as validation, and the indicators the plugins compute from it
 * (the `indicators` hook, e.g. kstthc's QĐ 766 set). Readability is decided in SQL with the rule of
 * GET /instances/:id, so pages and totals only count what the caller may read.
 */
import type { EntityManager } from '@mikro-orm/postgresql'
import {
  cellKey,
  type Engine,
  type IndicatorValue,
  type SubmissionDocument,
  type Value,
} from '../../core/index.js'
import type { Auth } from '../context.js'
import { query } from '../db/sql.js'
import { loadExternalValues } from './external-values.js'
import { evaluate } from './instances.js'
import { getVersion, resolvedOf } from './templates.js'
import type { UnitRow } from './units.js'

export interface DashboardQuery {
  tenantId: number
  unit: UnitRow
  /** `unit`: the unit's own reports; `subtree`: the unit's and every unit's below it. */
  scope: 'unit' | 'subtree'
  fromPeriod?: string
  toPeriod?: string
  template?: string
  indicator?: string
  page: number
  pageSize: number
}

export interface IndicatorRow {
  section: string
  row: string
  indicator: string
  label: string
  /** Every printed column's value (inputs and formulas); errors as `{ error, detail }`. */
  values: Record<string, Value>
}

export interface DashboardItem {
  instanceId: number
  unit: { id: number; code: string; name: string }
  period: string
  template: { code: string; version: string }
  revisionNo: number
  acceptedAt: string | null
  rows: IndicatorRow[]
  indicators: IndicatorValue[]
  /** Set when a plugin's indicators hook failed on this report. */
  indicatorError?: string
}

interface ReportRow {
  instanceId: number
  period: string
  unitId: number
  unitCode: string
  unitName: string
  unitPath: string
  revisionNo: number
  acceptedAt: string | null
  document: SubmissionDocument
  versionId: number
  templateCode: string
  version: string
  total: number
}

/**
 * @example
 * await indicatorDashboard(em, engine, auth, { tenantId, unit, scope: 'subtree', page: 1, pageSize: 20 })
 */
export async function indicatorDashboard(
  em: EntityManager,
  engine: Engine,
  auth: Auth,
  q: DashboardQuery,
): Promise<{ total: number; items: DashboardItem[] }> {
  const grants = auth.grants.map((g) => ({ unitId: g.unitId, role: g.role, path: g.path }))
  const rows = await query<ReportRow>(
    em,
    `with g as (
       select (x->>'unitId')::int as unit_id, x->>'role' as role, x->>'path' as path from json_array_elements(?::json) x),
     latest as (
       select distinct on (i.id) i.id as "instanceId", i.period, u.id as "unitId", u.code as "unitCode", u.name as "unitName",
              u.path as "unitPath", r.revision_no as "revisionNo", r.accepted_at as "acceptedAt", r.document,
              v.id as "versionId", t.code as "templateCode", v.version
         from report_instance i
         join assignment a on a.id = i.assignment_id
         join template_version v on v.id = coalesce(i.template_version_id, a.template_version_id)
         join template t on t.id = v.template_id
         join org_unit u on u.id = i.unit_id
         join report_revision r on r.tenant_id = i.tenant_id and r.instance_id = i.id and r.status = 'accepted'
        where i.tenant_id = ?
          and (u.id = ? or (? and u.path like ?))
          and (?::text is null or i.period >= ?) and (?::text is null or i.period <= ?)
          and (?::text is null or t.code = ?)
          and (exists (select 1 from g where g.unit_id = u.id)
               or exists (select 1 from g where g.role in ('admin', 'viewer') and u.path like g.path || '%')
               or exists (select 1 from g where g.unit_id = a.unit_id and g.role in ('aggregator', 'viewer')))
        order by i.id, r.revision_no desc)
     select *, count(*) over ()::int as total from latest
      order by period desc, "unitPath", "templateCode", "instanceId" limit ? offset ?`,
    [
      JSON.stringify(grants),
      q.tenantId,
      q.unit.id,
      q.scope === 'subtree',
      `${q.unit.path}%`,
      q.fromPeriod ?? null,
      q.fromPeriod ?? null,
      q.toPeriod ?? null,
      q.toPeriod ?? null,
      q.template ?? null,
      q.template ?? null,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    ],
  )
  const items: DashboardItem[] = []
  for (const r of rows) {
    const template = resolvedOf(await getVersion(em, r.versionId), engine)
    const external = await loadExternalValues(em, engine, template, {
      tenantId: q.tenantId,
      unit: { id: r.unitId, code: r.unitCode, path: r.unitPath },
      period: r.period,
    })
    const book = evaluate(engine, template, r.document, external)
    const indicatorRows: IndicatorRow[] = []
    for (const s of template.sections) {
      if (s.kind !== 'grid') continue
      for (const row of s.rows) {
        if (row.indicator === undefined) continue
        if (q.indicator !== undefined && row.indicator !== q.indicator) continue
        const values: Record<string, Value> = {}
        for (const col of s.columns) {
          if (col.system !== true) values[col.id] = book.get(cellKey(s.id, row.id, col.id))
        }
        indicatorRows.push({
          section: s.id,
          row: row.id,
          indicator: row.indicator,
          label: row.label,
          values,
        })
      }
    }
    const item: DashboardItem = {
      instanceId: r.instanceId,
      unit: { id: r.unitId, code: r.unitCode, name: r.unitName },
      period: r.period,
      template: { code: r.templateCode, version: r.version },
      revisionNo: r.revisionNo,
      acceptedAt: r.acceptedAt === null ? null : new Date(r.acceptedAt).toISOString(),
      rows: indicatorRows,
      indicators: [],
    }
    try {
      item.indicators = engine
        .runHook('indicators', {
          template,
          submission: r.document,
          value: (key) => book.get(key),
          period: r.period,
          unit: r.unitCode,
        })
        .filter((v) => q.indicator === undefined || v.code === q.indicator)
    } catch (err) {
      item.indicatorError = (err as Error).message
    }
    items.push(item)
  }
  return { total: rows[0]?.total ?? 0, items }
}
