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

/**
 * Audit entries waiting for commit. `appendAudit` inserts the entry's canonical JSON here; a
 * deferred trigger links it into audit_log when its transaction commits: it takes the chain lock,
 * reads the last hash, inserts the entry with sha256(prevHash + canonical JSON) and deletes the
 * row. The chain lock is then held only while the commit runs, never across a round trip to the
 * app server, which would serialise every writer behind it. A rolled-back transaction leaves
 * neither row.
 */
export const AuditPending = defineEntity({
  name: 'AuditPending',
  tableName: 'audit_pending',
  properties: {
    id: p.integer().primary(),
    canonical: p.text(),
  },
  triggers: [
    {
      name: 'audit_pending_link',
      timing: 'after',
      events: ['insert'],
      expression: `create or replace function "audit_pending_audit_pending_link_fn"() returns trigger as $$
declare
  v_prev varchar(64);
  v_entry jsonb := new.canonical::jsonb;
begin
  perform pg_advisory_xact_lock(7270001);
  select hash into v_prev from audit_log order by id desc limit 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  insert into audit_log (at, actor_id, tenant_id, action, entity, entity_id, before, after, prev_hash, hash)
  values ((v_entry->>'at')::timestamptz, (v_entry->>'actorId')::int, (v_entry->>'tenantId')::int,
          v_entry->>'action', v_entry->>'entity', v_entry->>'entityId',
          nullif(v_entry->'before', 'null'::jsonb), nullif(v_entry->'after', 'null'::jsonb), v_prev,
          encode(sha256(convert_to(v_prev || new.canonical, 'UTF8')), 'hex'));
  delete from audit_pending where id = new.id;
  return null;
end;
$$ language plpgsql;
create constraint trigger "audit_pending_link" after insert on "audit_pending" deferrable initially deferred for each row execute function "audit_pending_audit_pending_link_fn"();`,
    },
  ],
})
