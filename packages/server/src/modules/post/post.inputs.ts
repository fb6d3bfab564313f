import { Field, InputType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { Post, PostKind } from './post.entity';

@InputType({ description: '党员岗筛选条件' })
export class PostFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '设岗党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => [PostKind], { nullable: true, description: '岗位类型（任一）' })
  kinds?: PostKind[] | null;

  @Field(() => String, { nullable: true, description: '岗位名称包含该文字' })
  @TextSearch()
  nameContains?: string | null;

  @Field(() => DateRange, { nullable: true, description: '设岗日期范围' })
  establishedAt?: DateRange | null;
}

export enum PostOrderField {
  ESTABLISHED_AT = 'ESTABLISHED_AT',
  NAME = 'NAME',
}
registerChineseEnum(PostOrderField, 'PostOrderField', '党员岗排序字段', {
  ESTABLISHED_AT: '设岗日期',
  NAME: '岗位名称',
});

export const PostOrder = createOrderInput('Post', PostOrderField, PostOrderField.ESTABLISHED_AT, '党员岗');
export const PostConnection = ConnectionType(Post, '党员岗');
