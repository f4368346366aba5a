import { Migration } from '@mikro-orm/migrations'

export class Migration20261122223103 extends Migration {
  override name = 'Migration20261122223103'

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification" ("id" serial primary key, "tenant_id" int not null, "unit_id" int not null, "kind" varchar(60) not null, "message" text not null, "data" jsonb not null, "dedup_key" varchar(200) not null, "created_at" timestamptz not null);`,
    )
    this.addSql(
      `create index "notification_tenant_id_unit_id_created_at_index" on "notification" ("tenant_id", "unit_id", "created_at");`,
    )
    this.addSql(
      `alter table "notification" add constraint "notification_unit_id_dedup_key_unique" unique ("unit_id", "dedup_key");`,
    )

    this.addSql(
      `create table "plugin_setting" ("id" serial primary key, "tenant_id" int not null, "plugin_id" varchar(100) not null, "connector" jsonb not null, "updated_by_id" int null, "updated_at" timestamptz not null);`,
    )
    this.addSql(
      `alter table "plugin_setting" add constraint "plugin_setting_tenant_id_plugin_id_unique" unique ("tenant_id", "plugin_id");`,
    )

    this.addSql(
      `create table "receiving_window" ("id" serial primary key, "tenant_id" int not null, "assignment_id" int not null, "period" varchar(20) not null, "opens_on" date null, "closes_on" date null, "set_by_id" int null, "updated_at" timestamptz not null);`,
    )
    this.addSql(
      `alter table "receiving_window" add constraint "receiving_window_assignment_id_period_unique" unique ("assignment_id", "period");`,
    )

    this.addSql(`alter table "report_instance" add "template_version_id" int null;`)
    this.addSql(
      `alter table "report_instance" add constraint "report_instance_template_version_id_foreign" foreign key ("template_version_id") references "template_version" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "notification" add constraint "notification_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    )

    this.addSql(
      `alter table "plugin_setting" add constraint "plugin_setting_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on delete set null;`,
    )

    this.addSql(
      `alter table "receiving_window" add constraint "receiving_window_assignment_id_foreign" foreign key ("assignment_id") references "assignment" ("id") on delete cascade;`,
    )
    this.addSql(
      `alter table "receiving_window" add constraint "receiving_window_set_by_id_foreign" foreign key ("set_by_id") references "app_user" ("id") on delete set null;`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification" cascade;`)
    this.addSql(`drop table if exists "plugin_setting" cascade;`)
    this.addSql(`drop table if exists "receiving_window" cascade;`)

    this.addSql(
      `alter table "report_instance" drop constraint "report_instance_template_version_id_foreign";`,
    )

    this.addSql(`alter table "report_instance" drop column "template_version_id";`)
  }
}
