import type { EntityManager } from '@mikro-orm/postgresql'
import {
  createWorkbook,
  dynamicRowsIn,
  type Engine,
  type ResolvedGridSection,
  type ResolvedTemplate,
  type SubmissionDocument,
  type Value,
} from '../../core/index.js'
import { query } from '../db/sql.js'

interface AggRow {
  section: string
  row: string
  col: string
  sum: string | null
  avg: string | null
  min: string | null
  max: string | null
  count: number
}

export interface Consolidation {
  /** Accepted revisions included: one per reporting unit (the latest accepted). */
  included: { unitId: number; unitCode: string; revisionId: number; revisionNo: number }[]
  /** Consolidated input values (submission form). */
  values: SubmissionDocument['values']
  /** Every cell after recomputing formulas, keyed `section!row.col`. */
  cells: Record<string, Value>
}

/**
 * Consolidates the latest accepted revision of every reporting unit of an assignment and period.
 * Input cells are combined in SQL over `cell_value` (one GROUP BY with every aggregate, the tenant
 * key in the filter), each column keeping its rule (sum by default); formula cells are then
 * recomputed by core, so ratios come from summed numerators and denominators. In between, the
 * plugins' aggregate hooks may adjust the consolidated values.
 */
export async function consolidate(
  em: EntityManager,
  engine: Engine,
  template: ResolvedTemplate,
  tenantId: number,
  assignmentId: number,
  period: string,
  /** Code of the consolidating (receiving) unit, for the aggregate hooks. */
  receiving?: string,
): Promise<Consolidation> {
  const included = await query<Consolidation['included'][number]>(
    em,
    `select distinct on (i.id) i.unit_id as "unitId", u.code as "unitCode", r.id as "revisionId", r.revision_no as "revisionNo"
       from report_instance i join report_revision r on r.instance_id = i.id and r.tenant_id = i.tenant_id
       join org_unit u on u.id = i.unit_id
      where i.tenant_id = ? and i.assignment_id = ? and i.period = ? and r.status = 'accepted'
      order by i.id, r.revision_no desc`,
    [tenantId, assignmentId, period],
  )
  const rows =
    included.length === 0
      ? []
      : await query<AggRow>(
          em,
          `select v.section, v.row, v.col, sum(v.num)::text as sum, avg(v.num)::text as avg, min(v.num)::text as min,
                  max(v.num)::text as max, count(v.num)::int as count
             from cell_value v
            where v.tenant_id = ? and v.revision_id = any(?::int[])
            group by v.section, v.row, v.col`,
          [tenantId, revisionIdArray(included)],
        )
  const values: SubmissionDocument['values'] = {}
  for (const r of rows) {
    const section = template.sectionIndex.get(r.section)
    if (section === undefined || section.kind !== 'grid') continue
    const column = (section as ResolvedGridSection).columns.find((c) => c.id === r.col)
    const rule = column?.aggregate ?? 'sum'
    if (rule === 'none' || column === undefined) continue
    const raw = rule === 'count' ? r.count : r[rule]
    if (raw === null) continue
    let value = Number(raw)
    // avg comes back with numeric's full scale; round as the column says.
    if (rule === 'avg' && column.decimals !== undefined)
      value = Number(value.toFixed(column.decimals))
    ;((values[r.section] ??= {})[r.row] ??= {})[r.col] = value
  }
  const adjusted = await runAggregateHooks(
    em,
    engine,
    template,
    tenantId,
    period,
    receiving,
    included,
    values,
  )
  // Units' added list rows (`<list row>_<n>`) line up by number; expand them so totals include them.
  const dynamicRows = dynamicRowsIn(template, adjusted)
  const book = createWorkbook(template, {
    values: adjusted,
    dynamicRows,
    functions: engine.functions,
  })
  const cells: Record<string, Value> = {}
  for (const [key, v] of book.snapshot()) cells[key] = v
  return { included, values: adjusted, cells }
}

/**
 * The plugins' aggregate hooks, a reducer over the consolidated submission (in plugin order), with
 * the accepted submissions it came from. Their documents are read only when some plugin has the hook.
 */
async function runAggregateHooks(
  em: EntityManager,
  engine: Engine,
  template: ResolvedTemplate,
  tenantId: number,
  period: string,
  receiving: string | undefined,
  included: Consolidation['included'],
  values: SubmissionDocument['values'],
): Promise<SubmissionDocument['values']> {
  if (!engine.plugins.some((p) => p.hooks.aggregate !== undefined)) return values
  const submissions =
    included.length === 0
      ? []
      : (
          await query<{ document: SubmissionDocument }>(
            em,
            `select document from report_revision
              where tenant_id = ? and id = any(?::int[]) order by id`,
            [tenantId, revisionIdArray(included)],
          )
        ).map((r) => r.document)
  const consolidated: SubmissionDocument = {
    template: { code: template.code, version: template.version },
    ...(receiving === undefined ? {} : { unit: receiving }),
    period,
    values,
  }
  const out = engine.runHook('aggregate', consolidated, {
    template,
    submissions,
    period,
    ...(receiving === undefined ? {} : { unit: receiving }),
  })
  return out.values
}

/**
 * The revision ids as a PostgreSQL array literal. An `= any(int[])` filter lets the planner use the
 * cell_value key directly; a join against json_array_elements made consolidation ~2x slower (P4).
 * MikroORM expands a JS array parameter into a list, hence the literal.
 */
function revisionIdArray(included: readonly { revisionId: number }[]): string {
  return `{${included.map((r) => r.revisionId).join(',')}}`
}
