import type { GraphQLContext } from '../context';
import { can } from './viewer';

/**
 * A sensitive personal value (身份证号, phone, address) as this caller may see it: masked, or, for
 * roles holding the `pii` permission, in full — and then the read is written to the access log
 * (one insert for all reads of the same tick) before the value is returned.
 */
export async function sensitiveValue(
  ctx: GraphQLContext,
  memberId: number,
  field: string,
  value: string,
  mask: (value: string) => string,
): Promise<string> {
  if (!can(ctx.viewer ?? null, 'pii')) return mask(value);
  await ctx.loaders
    .get<true>('sensitive-access-log', async (keys) => {
      const fieldsByMember = new Map<number, string[]>();
      for (const key of keys) {
        const [member, name] = String(key).split(':');
        fieldsByMember.set(Number(member), [...(fieldsByMember.get(Number(member)) ?? []), name]);
      }
      await ctx.em.execute(
        ctx.em.getKnex()('sensitive_access_log').insert(
          // Field names are identifiers, so a PostgreSQL array literal is exact (knex would expand a JS array).
          [...fieldsByMember].map(([member_id, fields]) => ({ actor: ctx.viewer!.subject, member_id, fields: `{${fields.join(',')}}`, request_id: ctx.requestId })),
        ),
      );
      return keys.map(() => true as const);
    })
    .load(`${memberId}:${field}`);
  return value;
}
