import { Field, Float, Int, ObjectType } from 'type-graphql';

/** How many villages and communities in a scope the teams have inspected. */
@ObjectType({ description: '督查覆盖情况：范围内村（社区）党组织被督查的数量与比例' })
export class InspectionCoverage {
  @Field(() => Int, { nullable: true, description: '统计的督查轮次（为空表示不限轮次）' })
  round!: number | null;

  @Field(() => Int, { description: '范围内村（社区）党组织总数' })
  villagesTotal!: number;

  @Field(() => Int, { description: '其中被督查过的村（社区）党组织数' })
  villagesInspected!: number;

  @Field(() => Float, { description: '覆盖率：被督查数 ÷ 总数（0～1；总数为 0 时为 0）' })
  ratio!: number;
}
