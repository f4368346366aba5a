import type { EntityManager } from '@mikro-orm/postgresql'
import type { Auth } from '../context.js'
import { queryBound } from '../db/sql.js'

export const LIST_DEFAULT_LIMIT = 50
export const LIST_MAX_LIMIT = 500

export interface InstanceListFilter {
  assignmentId: number | null
  period: string | null
  unitId: number | null
  limit: number
  offset: number
}

export interface InstanceListPage {
  instances: Record<string, unknown>[]
  total: number
  limit: number
  offset: number
}

// Who may read a report, in SQL so that `total`, `limit` and `offset` count readable rows only
// (filtering after the LIMIT would make pages shrink and totals lie).
const READABLE = `(i.unit_id = any(?::int[])
   or exists (select 1 from unnest(?::text[]) p where starts_with(u.path, p))
   or a.unit_id = any(?::int[]))`

const FROM = `from report_instance i join org_unit u on u.id = i.unit_id join assignment a on a.id = i.assignment_id
  join template_version v on v.id = coalesce(i.template_version_id, a.template_version_id) join template t on t.id = v.template_id
 where i.tenant_id = ? and (?::int is null or i.assignment_id = ?) and (?::text is null or i.period = ?)
   and (?::int is null or i.unit_id = ?) and ${READABLE}`

/**
 * One page of the report instances the caller may read, newest periods first, then by unit outline;
 * `total` counts all of them so a client can page through.
 */
export async function listInstances(
  em: EntityManager,
  tenant: number,
  auth: Auth,
  f: InstanceListFilter,
): Promise<InstanceListPage> {
  const own = auth.grants.map((g) => g.unitId)
  const below = auth.grants
    .filter((g) => g.role === 'admin' || g.role === 'viewer')
    .map((g) => g.path)
  const receiving = auth.grants
    .filter((g) => g.role === 'aggregator' || g.role === 'viewer')
    .map((g) => g.unitId)
  const params = [
    tenant,
    f.assignmentId,
    f.assignmentId,
    f.period,
    f.period,
    f.unitId,
    f.unitId,
    own,
    below,
    receiving,
  ]
  const [count] = await queryBound<{ total: number }>(
    em,
    `select count(*)::int as total ${FROM}`,
    params,
  )
  const instances = await queryBound<Record<string, unknown>>(
    em,
    `select i.id, i.assignment_id as "assignmentId", i.period, i.status, i.deadline, i.current_revision as "currentRevision",
            i.unit_id as "unitId", u.code as "unitCode", u.name as "unitName", t.code as "templateCode", v.version as "templateVersion"
       ${FROM}
      order by i.period desc, u.path, i.id limit ? offset ?`,
    [...params, f.limit, f.offset],
  )
  return { instances, total: count?.total ?? 0, limit: f.limit, offset: f.offset }
}
