import { Field, InputType, type ClassType } from 'type-graphql';
import { OrderDirection, type ConnectionSource, type OrderTerm } from './pagination';

export interface OrderInput<F extends string> {
  field: F;
  direction: OrderDirection;
}

/** Builds the `XOrder` input type for an entity's order-field enum. */
export function createOrderInput<F extends string>(name: string, fieldEnum: object, defaultField: F, label: string) {
  @InputType(`${name}Order`, { description: `${label}排序方式` })
  class Order implements OrderInput<F> {
    @Field(() => fieldEnum, { defaultValue: defaultField, description: '排序字段' })
    field: F = defaultField;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: '排序方向' })
    direction: OrderDirection = OrderDirection.ASC;
  }
  return Order as ClassType<OrderInput<F>>;
}

/**
 * The ordering terms for a chosen field, with `id` as the unique tie-breaker that keyset
 * pagination needs. `columns` maps each order field to its column.
 */
export function orderTerms<F extends string>(
  columns: Record<F, string>,
  order: OrderInput<F> | null | undefined,
  fallback: F,
): Pick<ConnectionSource<object>, 'order' | 'orderKey'> {
  const field = order?.field ?? fallback;
  const direction = order?.direction ?? OrderDirection.ASC;
  const terms: OrderTerm[] = [{ column: columns[field], direction }];
  if (columns[field] !== 'id') terms.push({ column: 'id', direction });
  return { order: terms, orderKey: `${field}:${direction}` };
}
