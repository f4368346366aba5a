import { Migration } from '@mikro-orm/migrations'

export class Migration20261203162425 extends Migration {
  override name = 'Migration20261203162425'

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_pending" ("id" serial primary key, "canonical" text not null);`,
    )

    this
      .addSql(`create or replace function "audit_pending_audit_pending_link_fn"() returns trigger as \$\$declare
  v_prev varchar(64);   v_entry jsonb := new.canonical::jsonb; begin
  perform pg_advisory_xact_lock(7270001);   select hash into v_prev from audit_log order by id desc limit 1;   v_prev := coalesce(v_prev, repeat('0', 64));   insert into audit_log (at, actor_id, tenant_id, action, entity, entity_id, before, after, prev_hash, hash)
  values ((v_entry->>'at')::timestamptz, (v_entry->>'actorId')::int, (v_entry->>'tenantId')::int,
          v_entry->>'action', v_entry->>'entity', v_entry->>'entityId',
          nullif(v_entry->'before', 'null'::jsonb), nullif(v_entry->'after', 'null'::jsonb), v_prev,
          encode(sha256(convert_to(v_prev || new.canonical, 'UTF8')), 'hex'));   delete from audit_pending where id = new.id;   return null; end;\$\$ language plpgsql;`)
    this.addSql(
      `create constraint trigger "audit_pending_link" after insert on "audit_pending" deferrable initially deferred for each row execute function "audit_pending_audit_pending_link_fn"();`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_pending_link" on "audit_pending";`)
    this.addSql(`drop function if exists "audit_pending_audit_pending_link_fn"();`)
    this.addSql(`drop table if exists "audit_pending" cascade;`)
  }
}
