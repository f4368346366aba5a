import { requireRole } from '../auth/access.js'
import { query } from '../db/sql.js'
import { verifyAuditChain } from '../services/audit.js'
import { getUnit } from '../services/units.js'
import { defineRoutes } from './define.js'
import { em, optionalInt } from './helpers.js'

export const auditRoutes = defineRoutes([
  {
    method: 'get',
    path: '/audit',
    operationId: 'listAudit',
    summary: "Audit entries of the caller's tenant, newest first",
    tag: 'audit',
    roles: 'admin on the root unit',
    query: [
      { name: 'entity', type: 'string', description: 'Entity type, e.g. report_revision' },
      { name: 'entityId', type: 'string', description: 'Entity id' },
      { name: 'beforeId', type: 'integer', description: 'Page: entries with a smaller id' },
    ],
    async handler(c, _body, auth) {
      const home = await getUnit(em(c), auth.user.unitId)
      requireRole(auth, 'admin', await getUnit(em(c), home.rootId))
      const entity = c.req.query('entity')
      const entityId = c.req.query('entityId')
      const rows = await query(
        em(c),
        `select id, at, actor_id as "actorId", action, entity, entity_id as "entityId", before, after, prev_hash as "prevHash", hash
           from audit_log where tenant_id = ? and (?::text is null or entity = ?) and (?::text is null or entity_id = ?)
            and (?::int is null or id < ?) order by id desc limit 200`,
        [
          home.rootId,
          entity ?? null,
          entity ?? null,
          entityId ?? null,
          entityId ?? null,
          optionalInt(c, 'beforeId') ?? null,
          optionalInt(c, 'beforeId') ?? null,
        ],
      )
      return { entries: rows }
    },
  },
  {
    method: 'get',
    path: '/audit/verify',
    operationId: 'verifyAudit',
    summary: 'Recompute the hash chain and report the first broken entry, if any',
    tag: 'audit',
    roles: 'admin on the root unit',
    async handler(c, _body, auth) {
      const home = await getUnit(em(c), auth.user.unitId)
      requireRole(auth, 'admin', await getUnit(em(c), home.rootId))
      return verifyAuditChain(em(c))
    },
  },
])
