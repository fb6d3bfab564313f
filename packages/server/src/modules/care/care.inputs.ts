import { Field, InputType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { CareMethod, CareRecipientCategory, CareVisit } from './care-visit.entity';

@InputType({ description: '慰问记录筛选条件' })
export class CareVisitFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '组织慰问的党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => [CareMethod], { nullable: true, description: '慰问方式（任一）' })
  methods?: CareMethod[] | null;

  @Field(() => [CareRecipientCategory], { nullable: true, description: '慰问对象类别（任一）' })
  recipientCategories?: CareRecipientCategory[] | null;

  @Field(() => String, { nullable: true, description: '慰问对象姓名或称谓包含该文字' })
  @TextSearch()
  recipientNameContains?: string | null;

  @Field(() => DateRange, { nullable: true, description: '慰问日期范围' })
  visitedAt?: DateRange | null;
}

export enum CareVisitOrderField {
  VISITED_AT = 'VISITED_AT',
}
registerChineseEnum(CareVisitOrderField, 'CareVisitOrderField', '慰问记录排序字段', {
  VISITED_AT: '慰问日期',
});

export const CareVisitOrder = createOrderInput('CareVisit', CareVisitOrderField, CareVisitOrderField.VISITED_AT, '慰问记录');
export const CareVisitConnection = ConnectionType(CareVisit, '慰问记录');
