import { Migration } from '@mikro-orm/migrations';

export class Migration20261129194120 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "change_event" ("sequence" bigint not null, "entity_type" text not null, "entity_id" int not null, "operation" text check ("operation" in ('CREATE', 'UPDATE', 'DELETE')) not null, "organization_id" int null, "organization_path" text null, "actor" text not null, "request_id" text null, "mutation" text null, "changes" jsonb not null, "occurred_at" timestamptz not null default now(), constraint "change_event_pkey" primary key ("sequence"));`);
    this.addSql(`create index "change_event_path_prefix_idx" on "change_event" ("organization_path" text_pattern_ops, "sequence");`);
    this.addSql(`create index "change_event_entity_type_entity_id_index" on "change_event" ("entity_type", "entity_id");`);

    this.addSql(`create table "change_sequence" ("id" int not null, "value" bigint not null, constraint "change_sequence_pkey" primary key ("id"));`);
    this.addSql(`insert into "change_sequence" ("id", "value") values (1, 0);`);

    this.addSql(`create table "idempotency_record" ("id" serial primary key, "actor" text not null, "key" text not null, "mutation" text not null, "request_hash" text not null, "payload" jsonb null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_actor_key_unique" unique ("actor", "key");`);

    this.addSql(`create table "organization" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "code" varchar(32) not null, "kind" text check ("kind" in ('CITY_COMMITTEE', 'WORKING_DEPARTMENT', 'LEADING_GROUP', 'WORKING_COMMITTEE', 'PARTY_COMMITTEE', 'TEMPORARY_PARTY_COMMITTEE', 'GENERAL_BRANCH', 'TEMPORARY_GENERAL_BRANCH', 'BRANCH', 'TEMPORARY_BRANCH', 'JOINT_BRANCH', 'TEMPORARY_JOINT_BRANCH')) not null, "parent_id" int null, "path" text not null, "depth" int not null, "unit_name" text not null, "unit_type" text check ("unit_type" in ('CITY', 'TOWN', 'SUBDISTRICT', 'VILLAGE', 'COMMUNITY', 'HOSPITAL', 'ENTERPRISE', 'GOVERNMENT_AGENCY', 'PUBLIC_INSTITUTION', 'SCHOOL', 'SOCIAL_ORGANIZATION')) not null, "established_at" date not null, "dissolved_at" date null, "task" text null, "approval_document" text null, "village_group_count" int null, "secretary_id" int null);`);
    this.addSql(`alter table "organization" add constraint "organization_code_unique" unique ("code");`);
    this.addSql(`create index "organization_kind_index" on "organization" ("kind");`);
    this.addSql(`create index "organization_parent_id_index" on "organization" ("parent_id");`);
    this.addSql(`create index "organization_unit_type_index" on "organization" ("unit_type");`);
    this.addSql(`create index "organization_secretary_id_index" on "organization" ("secretary_id");`);
    this.addSql(`create index "organization_path_prefix_idx" on "organization" ("path" text_pattern_ops);`);

    this.addSql(`create table "member" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "gender" text check ("gender" in ('MALE', 'FEMALE')) not null, "ethnicity" text not null, "birth_date" date not null, "education" text check ("education" in ('PRIMARY', 'JUNIOR_HIGH', 'SENIOR_HIGH', 'JUNIOR_COLLEGE', 'BACHELOR', 'POSTGRADUATE')) not null, "joined_party_at" date not null, "full_member_at" date null, "status" text check ("status" in ('FULL', 'PROBATIONARY')) not null, "standing" text check ("standing" in ('NORMAL', 'SUSPENDED', 'LOST_CONTACT')) not null default 'NORMAL', "occupation" text check ("occupation" in ('MEDICAL_STAFF', 'GOVERNMENT_CADRE', 'VILLAGE_CADRE', 'ENTERPRISE_EMPLOYEE', 'TEACHER', 'FARMER', 'SELF_EMPLOYED', 'STUDENT', 'RETIRED', 'OTHER')) not null, "in_service" boolean not null, "mobile" boolean not null default false, "organization_id" int not null, "id_card_number" varchar(18) not null, "phone" varchar(11) not null, "address" text null);`);
    this.addSql(`create index "member_name_index" on "member" ("name");`);
    this.addSql(`create index "member_joined_party_at_index" on "member" ("joined_party_at");`);
    this.addSql(`create index "member_occupation_index" on "member" ("occupation");`);
    this.addSql(`create index "member_organization_id_index" on "member" ("organization_id");`);
    this.addSql(`alter table "member" add constraint "member_id_card_number_unique" unique ("id_card_number");`);
    this.addSql(`create index "member_organization_id_joined_party_at_id_index" on "member" ("organization_id", "joined_party_at", "id");`);

    this.addSql(`create table "member_transfer" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "member_id" int not null, "from_organization_id" int not null, "to_organization_id" int not null, "transferred_at" date not null, "reason" text not null);`);
    this.addSql(`create index "member_transfer_member_id_index" on "member_transfer" ("member_id");`);
    this.addSql(`create index "member_transfer_from_organization_id_index" on "member_transfer" ("from_organization_id");`);
    this.addSql(`create index "member_transfer_to_organization_id_index" on "member_transfer" ("to_organization_id");`);

    this.addSql(`create table "inspection_team" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "number" int not null, "area_id" int not null, "organizer_id" int not null, "formed_at" date not null);`);
    this.addSql(`alter table "inspection_team" add constraint "inspection_team_number_unique" unique ("number");`);
    this.addSql(`create index "inspection_team_area_id_index" on "inspection_team" ("area_id");`);
    this.addSql(`create index "inspection_team_organizer_id_index" on "inspection_team" ("organizer_id");`);

    this.addSql(`create table "inspection_team_member" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "team_id" int not null, "member_id" int not null, "role" text check ("role" in ('LEADER', 'MEMBER')) not null, "served_from" date not null, "served_to" date null);`);
    this.addSql(`create index "inspection_team_member_member_id_index" on "inspection_team_member" ("member_id");`);
    this.addSql(`create index "inspection_team_member_team_id_member_id_index" on "inspection_team_member" ("team_id", "member_id");`);

    this.addSql(`create table "inspection_record" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "team_id" int not null, "organization_id" int not null, "inspected_at" date not null, "round" int not null, "findings" text not null, "problems" text null, "problem_count" int not null default 0, "rectification_status" text check ("rectification_status" in ('NOT_REQUIRED', 'PENDING', 'RECTIFIED')) not null, "rectified_at" date null, "groups_visited" int null);`);
    this.addSql(`create index "inspection_record_team_id_index" on "inspection_record" ("team_id");`);
    this.addSql(`create index "inspection_record_round_index" on "inspection_record" ("round");`);
    this.addSql(`create index "inspection_record_rectification_status_index" on "inspection_record" ("rectification_status");`);
    this.addSql(`create index "inspection_record_inspected_at_id_index" on "inspection_record" ("inspected_at", "id");`);
    this.addSql(`create index "inspection_record_organization_id_inspected_at_index" on "inspection_record" ("organization_id", "inspected_at");`);

    this.addSql(`create table "fund_account" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "kind" text check ("kind" in ('MANAGED_PARTY_FEE', 'PARTY_FEE', 'DONATION', 'SPECIAL')) not null, "organization_id" int not null, "opened_at" date not null, "description" text null);`);
    this.addSql(`alter table "fund_account" add constraint "fund_account_name_unique" unique ("name");`);
    this.addSql(`create index "fund_account_organization_id_index" on "fund_account" ("organization_id");`);

    this.addSql(`create table "fund_transaction" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "account_id" int not null, "direction" text check ("direction" in ('IN', 'OUT')) not null, "kind" text check ("kind" in ('DONATION', 'PARTY_FEE', 'ALLOCATION', 'AWARD', 'CONDOLENCE')) not null, "amount" bigint not null, "counterparty" text not null, "purpose" text not null, "occurred_at" date not null, "recorded_by_id" int null, "target_organization_id" int null, "approval_meeting" text null, "document_number" text null, constraint fund_transaction_positive_amount check (amount > 0));`);
    this.addSql(`create index "fund_transaction_kind_index" on "fund_transaction" ("kind");`);
    this.addSql(`create index "fund_transaction_target_organization_id_index" on "fund_transaction" ("target_organization_id");`);
    this.addSql(`create index "fund_transaction_account_id_occurred_at_id_index" on "fund_transaction" ("account_id", "occurred_at", "id");`);

    this.addSql(`create table "donation" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "donor_name" text not null, "donor_type" text check ("donor_type" in ('CHAMBER_OF_COMMERCE', 'ENTERPRISE', 'INDIVIDUAL', 'PARTY_ORGANIZATION', 'OTHER')) not null, "mobilized_by_id" int not null, "recipient_id" int not null, "kind" text check ("kind" in ('CASH', 'MATERIAL')) not null, "amount" bigint null, "donated_at" date not null, "fund_transaction_id" int null, "note" text null, constraint donation_cash_has_amount check ((kind = 'CASH') = (amount is not null)));`);
    this.addSql(`create index "donation_mobilized_by_id_index" on "donation" ("mobilized_by_id");`);
    this.addSql(`create index "donation_recipient_id_index" on "donation" ("recipient_id");`);
    this.addSql(`create index "donation_kind_index" on "donation" ("kind");`);

    this.addSql(`create table "donation_item" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "donation_id" int not null, "name" text not null, "quantity" int not null, "unit" text not null, constraint donation_item_positive_quantity check (quantity > 0));`);
    this.addSql(`create index "donation_item_donation_id_index" on "donation_item" ("donation_id");`);
    this.addSql(`create index "donation_item_name_index" on "donation_item" ("name");`);

    this.addSql(`create table "community_report" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "member_id" int not null, "community_id" int not null, "reported_at" date not null, "duty" text null);`);
    this.addSql(`create index "community_report_member_id_index" on "community_report" ("member_id");`);
    this.addSql(`create index "community_report_community_id_index" on "community_report" ("community_id");`);

    this.addSql(`create table "commendation_batch" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "title" text not null, "issuer_id" int not null, "issued_at" date not null, "document_number" text null);`);
    this.addSql(`create index "commendation_batch_issuer_id_index" on "commendation_batch" ("issuer_id");`);

    this.addSql(`create table "commendation" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "batch_id" int not null, "recipient_member_id" int null, "recipient_organization_id" int null, "category" text check ("category" in ('FRONTLINE_MEMBER', 'GRASSROOTS_CADRE', 'MEDICAL_WORKER', 'VOLUNTEER', 'ADVANCED_UNIT')) not null, "reason" text not null, "award_amount" bigint null, "award_transaction_id" int null, constraint commendation_one_recipient check ((recipient_member_id is null) <> (recipient_organization_id is null)));`);
    this.addSql(`create index "commendation_batch_id_index" on "commendation" ("batch_id");`);
    this.addSql(`create index "commendation_recipient_member_id_index" on "commendation" ("recipient_member_id");`);
    this.addSql(`create index "commendation_recipient_organization_id_index" on "commendation" ("recipient_organization_id");`);
    this.addSql(`create index "commendation_category_index" on "commendation" ("category");`);

    this.addSql(`create table "care_visit" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" int not null, "visitor_id" int null, "recipient_member_id" int null, "recipient_name" text not null, "recipient_category" text check ("recipient_category" in ('ORGANIZATION_SECRETARY', 'FRONTLINE_CADRE', 'MEDICAL_STAFF', 'MEDICAL_STAFF_FAMILY', 'NEEDY_MEMBER', 'NEEDY_RESIDENT')) not null, "method" text check ("method" in ('PHONE', 'VISIT')) not null, "visited_at" date not null, "note" text null, "fund_transaction_id" int null);`);
    this.addSql(`create index "care_visit_organization_id_index" on "care_visit" ("organization_id");`);
    this.addSql(`create index "care_visit_recipient_member_id_index" on "care_visit" ("recipient_member_id");`);
    this.addSql(`create index "care_visit_recipient_category_index" on "care_visit" ("recipient_category");`);
    this.addSql(`create index "care_visit_visited_at_id_index" on "care_visit" ("visited_at", "id");`);

    this.addSql(`create table "organization_move" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organization_id" int not null, "from_parent_id" int null, "to_parent_id" int not null, "moved_at" date not null, "document_number" text not null, "reason" text not null);`);
    this.addSql(`create index "organization_move_organization_id_index" on "organization_move" ("organization_id");`);

    this.addSql(`create table "position" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "member_id" int not null, "title" text not null, "organization_id" int null, "started_at" date not null, "ended_at" date null);`);
    this.addSql(`create index "position_member_id_index" on "position" ("member_id");`);
    this.addSql(`create index "position_organization_id_index" on "position" ("organization_id");`);

    this.addSql(`create table "post" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "kind" text check ("kind" in ('VANGUARD', 'MODEL', 'RESPONSIBILITY')) not null, "organization_id" int not null, "established_at" date not null, "duty" text not null);`);
    this.addSql(`create index "post_kind_index" on "post" ("kind");`);
    this.addSql(`create index "post_organization_id_index" on "post" ("organization_id");`);

    this.addSql(`create table "post_holder" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "post_id" int not null, "member_id" int not null, "since" date not null);`);
    this.addSql(`create index "post_holder_member_id_index" on "post_holder" ("member_id");`);
    this.addSql(`alter table "post_holder" add constraint "post_holder_post_id_member_id_unique" unique ("post_id", "member_id");`);

    this.addSql(`create table "squad" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "organization_id" int not null, "leader_id" int null, "formed_at" date not null, "mission" text not null);`);
    this.addSql(`create index "squad_organization_id_index" on "squad" ("organization_id");`);
    this.addSql(`create index "squad_leader_id_index" on "squad" ("leader_id");`);

    this.addSql(`create table "squad_member" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "squad_id" int not null, "member_id" int not null, "joined_at" date not null);`);
    this.addSql(`create index "squad_member_member_id_index" on "squad_member" ("member_id");`);
    this.addSql(`alter table "squad_member" add constraint "squad_member_squad_id_member_id_unique" unique ("squad_id", "member_id");`);

    this.addSql(`create table "temporary_membership" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "member_id" int not null, "organization_id" int not null, "joined_at" date not null, "left_at" date null, "role" text null);`);
    this.addSql(`create index "temporary_membership_member_id_index" on "temporary_membership" ("member_id");`);
    this.addSql(`create index "temporary_membership_organization_id_index" on "temporary_membership" ("organization_id");`);

    this.addSql(`create table "volunteer_service" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "content" text not null, "organization_id" int not null, "location" text not null, "served_at" date not null, "duration_minutes" int not null);`);
    this.addSql(`create index "volunteer_service_organization_id_index" on "volunteer_service" ("organization_id");`);
    this.addSql(`create index "volunteer_service_served_at_id_index" on "volunteer_service" ("served_at", "id");`);

    this.addSql(`create table "volunteer_participation" ("id" serial primary key, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "service_id" int not null, "member_id" int not null);`);
    this.addSql(`create index "volunteer_participation_member_id_index" on "volunteer_participation" ("member_id");`);
    this.addSql(`alter table "volunteer_participation" add constraint "volunteer_participation_service_id_member_id_unique" unique ("service_id", "member_id");`);

    this.addSql(`alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "organization" add constraint "organization_secretary_id_foreign" foreign key ("secretary_id") references "member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "member" add constraint "member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "member_transfer" add constraint "member_transfer_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);
    this.addSql(`alter table "member_transfer" add constraint "member_transfer_from_organization_id_foreign" foreign key ("from_organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "member_transfer" add constraint "member_transfer_to_organization_id_foreign" foreign key ("to_organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "inspection_team" add constraint "inspection_team_area_id_foreign" foreign key ("area_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "inspection_team" add constraint "inspection_team_organizer_id_foreign" foreign key ("organizer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "inspection_team_member" add constraint "inspection_team_member_team_id_foreign" foreign key ("team_id") references "inspection_team" ("id") on update cascade;`);
    this.addSql(`alter table "inspection_team_member" add constraint "inspection_team_member_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);

    this.addSql(`alter table "inspection_record" add constraint "inspection_record_team_id_foreign" foreign key ("team_id") references "inspection_team" ("id") on update cascade;`);
    this.addSql(`alter table "inspection_record" add constraint "inspection_record_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "fund_account" add constraint "fund_account_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "fund_transaction" add constraint "fund_transaction_account_id_foreign" foreign key ("account_id") references "fund_account" ("id") on update cascade;`);
    this.addSql(`alter table "fund_transaction" add constraint "fund_transaction_recorded_by_id_foreign" foreign key ("recorded_by_id") references "member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "fund_transaction" add constraint "fund_transaction_target_organization_id_foreign" foreign key ("target_organization_id") references "organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "donation" add constraint "donation_mobilized_by_id_foreign" foreign key ("mobilized_by_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "donation" add constraint "donation_recipient_id_foreign" foreign key ("recipient_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "donation" add constraint "donation_fund_transaction_id_foreign" foreign key ("fund_transaction_id") references "fund_transaction" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "donation_item" add constraint "donation_item_donation_id_foreign" foreign key ("donation_id") references "donation" ("id") on update cascade;`);

    this.addSql(`alter table "community_report" add constraint "community_report_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);
    this.addSql(`alter table "community_report" add constraint "community_report_community_id_foreign" foreign key ("community_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "commendation_batch" add constraint "commendation_batch_issuer_id_foreign" foreign key ("issuer_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "commendation" add constraint "commendation_batch_id_foreign" foreign key ("batch_id") references "commendation_batch" ("id") on update cascade;`);
    this.addSql(`alter table "commendation" add constraint "commendation_recipient_member_id_foreign" foreign key ("recipient_member_id") references "member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "commendation" add constraint "commendation_recipient_organization_id_foreign" foreign key ("recipient_organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "commendation" add constraint "commendation_award_transaction_id_foreign" foreign key ("award_transaction_id") references "fund_transaction" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "care_visit" add constraint "care_visit_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "care_visit" add constraint "care_visit_visitor_id_foreign" foreign key ("visitor_id") references "member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "care_visit" add constraint "care_visit_recipient_member_id_foreign" foreign key ("recipient_member_id") references "member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "care_visit" add constraint "care_visit_fund_transaction_id_foreign" foreign key ("fund_transaction_id") references "fund_transaction" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organization_move" add constraint "organization_move_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "organization_move" add constraint "organization_move_from_parent_id_foreign" foreign key ("from_parent_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "organization_move" add constraint "organization_move_to_parent_id_foreign" foreign key ("to_parent_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "position" add constraint "position_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);
    this.addSql(`alter table "position" add constraint "position_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "post" add constraint "post_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "post_holder" add constraint "post_holder_post_id_foreign" foreign key ("post_id") references "post" ("id") on update cascade;`);
    this.addSql(`alter table "post_holder" add constraint "post_holder_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);

    this.addSql(`alter table "squad" add constraint "squad_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "squad" add constraint "squad_leader_id_foreign" foreign key ("leader_id") references "member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "squad_member" add constraint "squad_member_squad_id_foreign" foreign key ("squad_id") references "squad" ("id") on update cascade;`);
    this.addSql(`alter table "squad_member" add constraint "squad_member_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);

    this.addSql(`alter table "temporary_membership" add constraint "temporary_membership_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);
    this.addSql(`alter table "temporary_membership" add constraint "temporary_membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "volunteer_service" add constraint "volunteer_service_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "volunteer_participation" add constraint "volunteer_participation_service_id_foreign" foreign key ("service_id") references "volunteer_service" ("id") on update cascade;`);
    this.addSql(`alter table "volunteer_participation" add constraint "volunteer_participation_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop constraint "organization_parent_id_foreign";`);

    this.addSql(`alter table "member" drop constraint "member_organization_id_foreign";`);

    this.addSql(`alter table "member_transfer" drop constraint "member_transfer_from_organization_id_foreign";`);

    this.addSql(`alter table "member_transfer" drop constraint "member_transfer_to_organization_id_foreign";`);

    this.addSql(`alter table "inspection_team" drop constraint "inspection_team_area_id_foreign";`);

    this.addSql(`alter table "inspection_team" drop constraint "inspection_team_organizer_id_foreign";`);

    this.addSql(`alter table "inspection_record" drop constraint "inspection_record_organization_id_foreign";`);

    this.addSql(`alter table "fund_account" drop constraint "fund_account_organization_id_foreign";`);

    this.addSql(`alter table "fund_transaction" drop constraint "fund_transaction_target_organization_id_foreign";`);

    this.addSql(`alter table "donation" drop constraint "donation_mobilized_by_id_foreign";`);

    this.addSql(`alter table "donation" drop constraint "donation_recipient_id_foreign";`);

    this.addSql(`alter table "community_report" drop constraint "community_report_community_id_foreign";`);

    this.addSql(`alter table "commendation_batch" drop constraint "commendation_batch_issuer_id_foreign";`);

    this.addSql(`alter table "commendation" drop constraint "commendation_recipient_organization_id_foreign";`);

    this.addSql(`alter table "care_visit" drop constraint "care_visit_organization_id_foreign";`);

    this.addSql(`alter table "organization_move" drop constraint "organization_move_organization_id_foreign";`);

    this.addSql(`alter table "organization_move" drop constraint "organization_move_from_parent_id_foreign";`);

    this.addSql(`alter table "organization_move" drop constraint "organization_move_to_parent_id_foreign";`);

    this.addSql(`alter table "position" drop constraint "position_organization_id_foreign";`);

    this.addSql(`alter table "post" drop constraint "post_organization_id_foreign";`);

    this.addSql(`alter table "squad" drop constraint "squad_organization_id_foreign";`);

    this.addSql(`alter table "temporary_membership" drop constraint "temporary_membership_organization_id_foreign";`);

    this.addSql(`alter table "volunteer_service" drop constraint "volunteer_service_organization_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_secretary_id_foreign";`);

    this.addSql(`alter table "member_transfer" drop constraint "member_transfer_member_id_foreign";`);

    this.addSql(`alter table "inspection_team_member" drop constraint "inspection_team_member_member_id_foreign";`);

    this.addSql(`alter table "fund_transaction" drop constraint "fund_transaction_recorded_by_id_foreign";`);

    this.addSql(`alter table "community_report" drop constraint "community_report_member_id_foreign";`);

    this.addSql(`alter table "commendation" drop constraint "commendation_recipient_member_id_foreign";`);

    this.addSql(`alter table "care_visit" drop constraint "care_visit_visitor_id_foreign";`);

    this.addSql(`alter table "care_visit" drop constraint "care_visit_recipient_member_id_foreign";`);

    this.addSql(`alter table "position" drop constraint "position_member_id_foreign";`);

    this.addSql(`alter table "post_holder" drop constraint "post_holder_member_id_foreign";`);

    this.addSql(`alter table "squad" drop constraint "squad_leader_id_foreign";`);

    this.addSql(`alter table "squad_member" drop constraint "squad_member_member_id_foreign";`);

    this.addSql(`alter table "temporary_membership" drop constraint "temporary_membership_member_id_foreign";`);

    this.addSql(`alter table "volunteer_participation" drop constraint "volunteer_participation_member_id_foreign";`);

    this.addSql(`alter table "inspection_team_member" drop constraint "inspection_team_member_team_id_foreign";`);

    this.addSql(`alter table "inspection_record" drop constraint "inspection_record_team_id_foreign";`);

    this.addSql(`alter table "fund_transaction" drop constraint "fund_transaction_account_id_foreign";`);

    this.addSql(`alter table "donation" drop constraint "donation_fund_transaction_id_foreign";`);

    this.addSql(`alter table "commendation" drop constraint "commendation_award_transaction_id_foreign";`);

    this.addSql(`alter table "care_visit" drop constraint "care_visit_fund_transaction_id_foreign";`);

    this.addSql(`alter table "donation_item" drop constraint "donation_item_donation_id_foreign";`);

    this.addSql(`alter table "commendation" drop constraint "commendation_batch_id_foreign";`);

    this.addSql(`alter table "post_holder" drop constraint "post_holder_post_id_foreign";`);

    this.addSql(`alter table "squad_member" drop constraint "squad_member_squad_id_foreign";`);

    this.addSql(`alter table "volunteer_participation" drop constraint "volunteer_participation_service_id_foreign";`);

    this.addSql(`drop table if exists "change_event" cascade;`);

    this.addSql(`drop table if exists "change_sequence" cascade;`);

    this.addSql(`drop table if exists "idempotency_record" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "member" cascade;`);

    this.addSql(`drop table if exists "member_transfer" cascade;`);

    this.addSql(`drop table if exists "inspection_team" cascade;`);

    this.addSql(`drop table if exists "inspection_team_member" cascade;`);

    this.addSql(`drop table if exists "inspection_record" cascade;`);

    this.addSql(`drop table if exists "fund_account" cascade;`);

    this.addSql(`drop table if exists "fund_transaction" cascade;`);

    this.addSql(`drop table if exists "donation" cascade;`);

    this.addSql(`drop table if exists "donation_item" cascade;`);

    this.addSql(`drop table if exists "community_report" cascade;`);

    this.addSql(`drop table if exists "commendation_batch" cascade;`);

    this.addSql(`drop table if exists "commendation" cascade;`);

    this.addSql(`drop table if exists "care_visit" cascade;`);

    this.addSql(`drop table if exists "organization_move" cascade;`);

    this.addSql(`drop table if exists "position" cascade;`);

    this.addSql(`drop table if exists "post" cascade;`);

    this.addSql(`drop table if exists "post_holder" cascade;`);

    this.addSql(`drop table if exists "squad" cascade;`);

    this.addSql(`drop table if exists "squad_member" cascade;`);

    this.addSql(`drop table if exists "temporary_membership" cascade;`);

    this.addSql(`drop table if exists "volunteer_service" cascade;`);

    this.addSql(`drop table if exists "volunteer_participation" cascade;`);
  }

}
