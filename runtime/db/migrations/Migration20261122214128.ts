import { Migration } from '@mikro-orm/migrations'

export class Migration20261122214128 extends Migration {
  override name = 'Migration20261122214128'

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_log" ("id" serial primary key, "at" timestamptz(3) not null, "actor_id" int null, "tenant_id" int null, "action" varchar(60) not null, "entity" varchar(60) not null, "entity_id" varchar(100) not null, "before" jsonb null, "after" jsonb null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`,
    )
    this.addSql(`alter table "audit_log" add constraint "audit_log_hash_unique" unique ("hash");`)
    this.addSql(
      `create or replace function "audit_log_audit_log_append_only_fn"() returns trigger as \$\$ begin raise exception 'audit_log is append-only'; return null; end; \$\$ language plpgsql;`,
    )
    this.addSql(
      `create trigger "audit_log_append_only" BEFORE UPDATE OR DELETE on "audit_log" for each ROW execute function "audit_log_audit_log_append_only_fn"();`,
    )

    this.addSql(
      `create table "cell_value" ("tenant_id" int not null, "revision_id" int not null, "section" varchar(64) not null, "row" varchar(64) not null, "col" varchar(64) not null, "num" numeric null, "txt" text null, primary key ("tenant_id", "revision_id", "section", "row", "col"));`,
    )
    this.addSql(`create index "cell_value_revision_id_index" on "cell_value" ("revision_id");`)

    this.addSql(
      `create table "job" ("id" serial primary key, "kind" varchar(50) not null, "payload" jsonb not null, "status" varchar(10) not null, "run_at" timestamptz not null, "attempts" int not null default 0, "max_attempts" int not null default 5, "last_error" text null, "unique_key" varchar(200) null, "created_at" timestamptz not null, "finished_at" timestamptz null);`,
    )
    this.addSql(`create index "job_status_run_at_index" on "job" ("status", "run_at");`)
    this.addSql(
      `create unique index "job_unique_key_unique" on "job" ("unique_key") where status = 'pending';`,
    )
    this.addSql(
      `alter table "job" add constraint "job_status_check" check (status in ('pending', 'done', 'failed'));`,
    )

    this.addSql(
      `create table "org_tier" ("code" varchar(32) not null, "name" varchar(255) not null, "rank" int not null, primary key ("code"));`,
    )

    this.addSql(
      `create table "org_unit" ("id" serial primary key, "code" varchar(64) not null, "name" varchar(500) not null, "tier" varchar(32) not null, "parent_id" int null, "root_id" int not null, "path" varchar(1000) not null, "created_at" timestamptz not null);`,
    )
    this.addSql(`alter table "org_unit" add constraint "org_unit_code_unique" unique ("code");`)
    this.addSql(`create index "org_unit_parent_id_index" on "org_unit" ("parent_id");`)
    this.addSql(`create index "org_unit_root_id_index" on "org_unit" ("root_id");`)
    this.addSql(`create index "org_unit_path_index" on "org_unit" ("path");`)

    this.addSql(
      `create table "app_user" ("id" serial primary key, "username" varchar(100) not null, "full_name" varchar(300) not null, "password_hash" varchar(300) not null, "unit_id" int not null, "active" boolean not null default true, "failed_logins" int not null default 0, "locked_until" timestamptz null, "created_at" timestamptz not null);`,
    )
    this.addSql(
      `alter table "app_user" add constraint "app_user_username_unique" unique ("username");`,
    )
    this.addSql(`create index "app_user_unit_id_index" on "app_user" ("unit_id");`)

    this.addSql(
      `create table "pki_credential" ("id" serial primary key, "kind" varchar(10) not null, "unit_id" int null, "subject" varchar(500) not null, "serial" varchar(64) not null, "cert_pem" text not null, "key_pem" text not null, "created_at" timestamptz not null);`,
    )
    this.addSql(
      `alter table "pki_credential" add constraint "pki_credential_kind_unit_id_unique" unique ("kind", "unit_id");`,
    )
    this.addSql(
      `alter table "pki_credential" add constraint "pki_credential_kind_check" check (kind in ('ca', 'unit'));`,
    )

    this.addSql(
      `create table "plugin_install" ("id" serial primary key, "tenant_id" int not null, "plugin_id" varchar(100) not null, "version" varchar(50) not null, "source" varchar(500) not null, "templates" jsonb not null, "installed_by_id" int null, "installed_at" timestamptz not null);`,
    )
    this.addSql(
      `alter table "plugin_install" add constraint "plugin_install_tenant_id_plugin_id_unique" unique ("tenant_id", "plugin_id");`,
    )

    this.addSql(
      `create table "template" ("id" serial primary key, "tenant_id" int not null, "owner_unit_id" int not null, "code" varchar(100) not null, "name" varchar(1000) not null, "created_at" timestamptz not null);`,
    )
    this.addSql(`create index "template_tenant_id_index" on "template" ("tenant_id");`)
    this.addSql(`create index "template_owner_unit_id_index" on "template" ("owner_unit_id");`)
    this.addSql(
      `alter table "template" add constraint "template_tenant_id_code_unique" unique ("tenant_id", "code");`,
    )

    this.addSql(
      `create table "template_version" ("id" serial primary key, "template_id" int not null, "version" varchar(50) not null, "status" varchar(20) not null, "definition" jsonb not null, "lock_version" int not null default 1, "created_by_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "published_at" timestamptz null);`,
    )
    this.addSql(
      `create index "template_version_template_id_index" on "template_version" ("template_id");`,
    )
    this.addSql(
      `alter table "template_version" add constraint "template_version_template_id_version_unique" unique ("template_id", "version");`,
    )
    this.addSql(
      `alter table "template_version" add constraint "template_version_status_check" check (status in ('draft','testing','published','retired'));`,
    )
    this.addSql(
      `create or replace function "template_version_template_version_immutable_fn"() returns trigger as \$\$ begin if old.status in ('published', 'retired') and (new.definition is distinct from old.definition or new.version is distinct from old.version) then raise exception 'template_version % is % and immutable', old.id, old.status; end if; return new; end; \$\$ language plpgsql;`,
    )
    this.addSql(
      `create trigger "template_version_immutable" BEFORE UPDATE on "template_version" for each ROW execute function "template_version_template_version_immutable_fn"();`,
    )
    this.addSql(
      `create or replace function "template_version_template_version_no_delete_fn"() returns trigger as \$\$ begin if old.status <> 'draft' then raise exception 'template_version % is % and cannot be deleted', old.id, old.status; end if; return old; end; \$\$ language plpgsql;`,
    )
    this.addSql(
      `create trigger "template_version_no_delete" BEFORE DELETE on "template_version" for each ROW execute function "template_version_template_version_no_delete_fn"();`,
    )

    this.addSql(
      `create table "assignment" ("id" serial primary key, "tenant_id" int not null, "template_version_id" int not null, "unit_id" int not null, "schedule" jsonb not null, "active" boolean not null default true, "created_by_id" int null, "created_at" timestamptz not null);`,
    )
    this.addSql(`create index "assignment_tenant_id_index" on "assignment" ("tenant_id");`)
    this.addSql(
      `create index "assignment_template_version_id_index" on "assignment" ("template_version_id");`,
    )
    this.addSql(`create index "assignment_unit_id_index" on "assignment" ("unit_id");`)

    this.addSql(
      `create table "report_instance" ("id" serial primary key, "tenant_id" int not null, "assignment_id" int not null, "unit_id" int not null, "period" varchar(20) not null, "deadline" date null, "status" varchar(30) not null, "current_revision" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    )
    this.addSql(`create index "report_instance_unit_id_index" on "report_instance" ("unit_id");`)
    this.addSql(
      `create index "report_instance_tenant_id_assignment_id_period_index" on "report_instance" ("tenant_id", "assignment_id", "period");`,
    )
    this.addSql(
      `alter table "report_instance" add constraint "report_instance_tenant_id_assignment_id_unit_id_period_unique" unique ("tenant_id", "assignment_id", "unit_id", "period");`,
    )

    this.addSql(
      `create table "report_revision" ("id" serial primary key, "tenant_id" int not null, "instance_id" int not null, "revision_no" int not null, "status" varchar(30) not null, "document" jsonb not null, "version" int not null default 1, "reason" text null, "created_by_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null, "approved_at" timestamptz null, "sent_at" timestamptz null, "accepted_at" timestamptz null);`,
    )
    this.addSql(
      `create index "report_revision_tenant_id_status_index" on "report_revision" ("tenant_id", "status");`,
    )
    this.addSql(
      `alter table "report_revision" add constraint "report_revision_instance_id_revision_no_unique" unique ("instance_id", "revision_no");`,
    )

    this.addSql(
      `create table "revision_signature" ("id" serial primary key, "tenant_id" int not null, "revision_id" int not null, "signer_id" int not null, "unit_id" int not null, "content_sha256" varchar(64) not null, "cms" text not null, "cert_pem" text not null, "signed_at" timestamptz not null);`,
    )
    this.addSql(
      `create index "revision_signature_revision_id_index" on "revision_signature" ("revision_id");`,
    )

    this.addSql(
      `create table "assignment_target" ("id" serial primary key, "assignment_id" int not null, "unit_id" int not null);`,
    )
    this.addSql(
      `create index "assignment_target_unit_id_index" on "assignment_target" ("unit_id");`,
    )
    this.addSql(
      `alter table "assignment_target" add constraint "assignment_target_assignment_id_unit_id_unique" unique ("assignment_id", "unit_id");`,
    )

    this.addSql(
      `create table "user_role" ("id" serial primary key, "user_id" int not null, "unit_id" int not null, "role" varchar(20) not null, "granted_by_id" int null, "created_at" timestamptz not null);`,
    )
    this.addSql(`create index "user_role_user_id_index" on "user_role" ("user_id");`)
    this.addSql(`create index "user_role_unit_id_index" on "user_role" ("unit_id");`)
    this.addSql(
      `alter table "user_role" add constraint "user_role_user_id_unit_id_role_unique" unique ("user_id", "unit_id", "role");`,
    )
    this.addSql(
      `alter table "user_role" add constraint "user_role_role_check" check (role in ('admin','designer','entry','aggregator','approver','sender','viewer'));`,
    )

    this.addSql(
      `create table "user_session" ("id" varchar(64) not null, "user_id" int not null, "csrf_token" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`,
    )
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`)
    this.addSql(`create index "user_session_expires_at_index" on "user_session" ("expires_at");`)

    this.addSql(
      `create table "workflow_event" ("id" serial primary key, "tenant_id" int not null, "instance_id" int not null, "revision_no" int not null, "action" varchar(40) not null, "from_status" varchar(30) not null, "to_status" varchar(30) not null, "reason" text null, "actor_id" int null, "at" timestamptz not null);`,
    )
    this.addSql(
      `create index "workflow_event_instance_id_index" on "workflow_event" ("instance_id");`,
    )

    this.addSql(
      `alter table "org_unit" add constraint "org_unit_tier_foreign" foreign key ("tier") references "org_tier" ("code");`,
    )
    this.addSql(
      `alter table "org_unit" add constraint "org_unit_parent_id_foreign" foreign key ("parent_id") references "org_unit" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "app_user" add constraint "app_user_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    )

    this.addSql(
      `alter table "pki_credential" add constraint "pki_credential_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "plugin_install" add constraint "plugin_install_installed_by_id_foreign" foreign key ("installed_by_id") references "app_user" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "template" add constraint "template_owner_unit_id_foreign" foreign key ("owner_unit_id") references "org_unit" ("id");`,
    )

    this.addSql(
      `alter table "template_version" add constraint "template_version_template_id_foreign" foreign key ("template_id") references "template" ("id");`,
    )
    this.addSql(
      `alter table "template_version" add constraint "template_version_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "assignment" add constraint "assignment_template_version_id_foreign" foreign key ("template_version_id") references "template_version" ("id");`,
    )
    this.addSql(
      `alter table "assignment" add constraint "assignment_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    )
    this.addSql(
      `alter table "assignment" add constraint "assignment_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "report_instance" add constraint "report_instance_assignment_id_foreign" foreign key ("assignment_id") references "assignment" ("id");`,
    )
    this.addSql(
      `alter table "report_instance" add constraint "report_instance_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    )

    this.addSql(
      `alter table "report_revision" add constraint "report_revision_instance_id_foreign" foreign key ("instance_id") references "report_instance" ("id");`,
    )
    this.addSql(
      `alter table "report_revision" add constraint "report_revision_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "revision_signature" add constraint "revision_signature_revision_id_foreign" foreign key ("revision_id") references "report_revision" ("id");`,
    )
    this.addSql(
      `alter table "revision_signature" add constraint "revision_signature_signer_id_foreign" foreign key ("signer_id") references "app_user" ("id");`,
    )
    this.addSql(
      `alter table "revision_signature" add constraint "revision_signature_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    )

    this.addSql(
      `alter table "assignment_target" add constraint "assignment_target_assignment_id_foreign" foreign key ("assignment_id") references "assignment" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "assignment_target" add constraint "assignment_target_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    )

    this.addSql(
      `alter table "user_role" add constraint "user_role_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "user_role" add constraint "user_role_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    )
    this.addSql(
      `alter table "user_role" add constraint "user_role_granted_by_id_foreign" foreign key ("granted_by_id") references "app_user" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    )

    this.addSql(
      `alter table "workflow_event" add constraint "workflow_event_instance_id_foreign" foreign key ("instance_id") references "report_instance" ("id");`,
    )
    this.addSql(
      `alter table "workflow_event" add constraint "workflow_event_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete set null;`,
    )
  }
}
