import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type Partition } from '../../common/filters';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { Post } from './post.entity';
import { PostOrderField, type PostFilter } from './post.inputs';

const ORDER_COLUMNS: Record<PostOrderField, string> = {
  ESTABLISHED_AT: 'established_at',
  NAME: 'name',
};

/** Posts joined to their holders: the key is the holding member. */
export const HELD_POSTS: Partition = { kind: 'join', table: 'post_holder', rowColumn: 'post_id', keyColumn: 'member_id' };

/** A post's holder rows: the key is the post. */
export const POST_HOLDERS: Partition = { kind: 'column', column: 'post_id' };

function applyPostFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: PostFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.organization_id', filter.organization);
  whereAnyOf(qb, 't.kind', filter.kinds);
  whereContains(qb, 't.name', filter.nameContains);
  whereInDateRange(qb, 't.established_at', filter.establishedAt);
}

export function postSource(partition: Partition, filter?: PostFilter | null, order?: OrderInput<PostOrderField> | null): ConnectionSource<Post> {
  return {
    entity: Post,
    ...orderTerms(ORDER_COLUMNS, order, PostOrderField.ESTABLISHED_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'post', partition, keys);
      applyPostFilter(knex, qb, filter);
      return qb;
    },
  };
}
