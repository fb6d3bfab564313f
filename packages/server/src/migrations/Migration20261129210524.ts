import { Migration } from '@mikro-orm/migrations';

export class Migration20261129210524 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "fund_account" add column "closed_at" date null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fund_account" drop column "closed_at";`);
  }

}
