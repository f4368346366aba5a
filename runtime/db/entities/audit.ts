import { defineEntity, p } from '@mikro-orm/core'

/**
 * Append-only, hash-chained audit log: hash = sha256(prevHash + canonical JSON of the entry).
 * A trigger refuses UPDATE and DELETE, so tampering needs a superuser and still breaks the chain.
 */
export const AuditLog = defineEntity({
  name: 'AuditLog',
  tableName: 'audit_log',
  properties: {
    id: p.integer().primary(),
    at: p.datetime(3),
    actorId: p.integer().nullable(),
    tenantId: p.integer().nullable(),
    action: p.string().length(60),
    entity: p.string().length(60),
    entityId: p.string().length(100),
    before: p.json<unknown>().nullable(),
    after: p.json<unknown>().nullable(),
    prevHash: p.string().length(64),
    hash: p.string().length(64).unique(),
  },
  triggers: [
    {
      name: 'audit_log_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      body: `raise exception 'audit_log is append-only'; return null;`,
    },
  ],
})
