import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { CommendationCategory } from './commendation.entity';

/** A commendation goes to a member or to an organization. */
export const CommendationRecipient = createUnionType({
  name: 'CommendationRecipient',
  description: '表彰对象：党员（Member）或党组织（Organization）',
  types: () => [Member, Organization] as const,
  resolveType: (value) => (value instanceof Member ? Member : Organization),
});

@ObjectType({ description: '某一表彰类别的表彰数' })
export class CommendationCategoryCount {
  @Field(() => CommendationCategory, { description: '表彰类别' })
  category!: CommendationCategory;

  @Field(() => Int, { description: '该类别的表彰数' })
  count!: number;
}
