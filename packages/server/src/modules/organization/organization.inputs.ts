import { Field, ID, InputType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { Organization, OrganizationMove } from './organization.entity';
import { OrganizationKind, UnitType } from './organization.enums';

@InputType({ description: '党组织筛选条件' })
export class OrganizationFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '限定在某党组织（及其下级）范围内，含该组织本身' })
  within?: OrganizationScope | null;

  @Field(() => ID, { nullable: true, description: '只要该党组织的直接下级' })
  parentId?: string | null;

  @Field(() => [OrganizationKind], { nullable: true, description: '党组织类别（任一）' })
  kinds?: OrganizationKind[] | null;

  @Field(() => [UnitType], { nullable: true, description: '所在单位类型（任一）' })
  unitTypes?: UnitType[] | null;

  @Field(() => Boolean, { nullable: true, description: '只要基层党组织（true）或只要非基层党组织（false）' })
  grassroots?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '只要临时党组织（true）或只要常设党组织（false）' })
  temporary?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '只要已撤销（true）或只要未撤销（false）的党组织' })
  dissolved?: boolean | null;

  @Field(() => String, { nullable: true, description: '名称或单位名称包含该文字' })
  @TextSearch()
  nameContains?: string | null;

  @Field(() => DateRange, { nullable: true, description: '成立日期范围' })
  establishedAt?: DateRange | null;
}

export enum OrganizationOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
  ESTABLISHED_AT = 'ESTABLISHED_AT',
  DEPTH = 'DEPTH',
}
registerChineseEnum(OrganizationOrderField, 'OrganizationOrderField', '党组织排序字段', {
  CODE: '组织编码',
  NAME: '名称',
  ESTABLISHED_AT: '成立日期',
  DEPTH: '层级',
});

export const OrganizationOrder = createOrderInput('Organization', OrganizationOrderField, OrganizationOrderField.CODE, '党组织');
export const OrganizationConnection = ConnectionType(Organization, '党组织');
export const OrganizationMoveConnection = ConnectionType(OrganizationMove, '党组织隶属关系调整记录');
