import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** The first result of a mutation sent with an idempotency key; retries with the key replay it. */
@Entity({ tableName: 'idempotency_record' })
@Unique({ properties: ['actor', 'key'] })
export class IdempotencyRecord {
  static readonly changeFeed = false;

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  mutation!: string;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'jsonb', nullable: true })
  payload?: unknown;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
