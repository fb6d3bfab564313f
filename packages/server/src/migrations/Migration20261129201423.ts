import { Migration } from '@mikro-orm/migrations';

export class Migration20261129201423 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_key" ("id" serial primary key, "name" text not null, "key_hash" text not null, "prefix" text not null, "role" text check ("role" in ('ADMIN', 'ORG_ADMIN', 'ANALYST', 'SYSTEM')) not null, "organization_id" int null, "created_at" timestamptz not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_name_unique" unique ("name");`);
    this.addSql(`alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);

    this.addSql(`create table "sensitive_access_log" ("id" serial primary key, "actor" text not null, "member_id" int not null, "fields" text[] not null, "request_id" text null, "accessed_at" timestamptz not null default now());`);
    this.addSql(`create index "sensitive_access_log_member_id_accessed_at_index" on "sensitive_access_log" ("member_id", "accessed_at");`);

    this.addSql(`alter table "api_key" add constraint "api_key_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "sensitive_access_log" cascade;`);
  }

}
