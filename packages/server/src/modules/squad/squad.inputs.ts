import { Field, InputType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { Squad } from './squad.entity';

@InputType({ description: '党员突击队筛选条件' })
export class SquadFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '组建突击队的党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => String, { nullable: true, description: '突击队名称包含该文字' })
  @TextSearch()
  nameContains?: string | null;

  @Field(() => DateRange, { nullable: true, description: '组建日期范围' })
  formedAt?: DateRange | null;
}

export enum SquadOrderField {
  FORMED_AT = 'FORMED_AT',
  NAME = 'NAME',
}
registerChineseEnum(SquadOrderField, 'SquadOrderField', '党员突击队排序字段', {
  FORMED_AT: '组建日期',
  NAME: '突击队名称',
});

export const SquadOrder = createOrderInput('Squad', SquadOrderField, SquadOrderField.FORMED_AT, '党员突击队');
export const SquadConnection = ConnectionType(Squad, '党员突击队');
