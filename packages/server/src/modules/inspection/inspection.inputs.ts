import { Field, ID, InputType, Int } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { InspectionRecord, InspectionTeam, RectificationStatus } from './inspection.entity';

@InputType({ description: '督查专班筛选条件' })
export class InspectionTeamFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '包保区域所在党组织（默认含下级）' })
  area?: OrganizationScope | null;

  @Field(() => OrganizationScope, { nullable: true, description: '组建专班的党组织（默认含下级）' })
  organizer?: OrganizationScope | null;

  @Field(() => String, { nullable: true, description: '专班名称包含该文字' })
  @TextSearch()
  nameContains?: string | null;
}

export enum InspectionTeamOrderField {
  NUMBER = 'NUMBER',
  NAME = 'NAME',
  FORMED_AT = 'FORMED_AT',
}
registerChineseEnum(InspectionTeamOrderField, 'InspectionTeamOrderField', '督查专班排序字段', {
  NUMBER: '专班序号',
  NAME: '专班名称',
  FORMED_AT: '组建日期',
});

@InputType({ description: '督查记录筛选条件' })
export class InspectionRecordFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '被督查的村（社区）党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => ID, { nullable: true, description: '督查专班 ID' })
  teamId?: string | null;

  @Field(() => [Int], { nullable: true, description: '督查轮次（任一）' })
  rounds?: number[] | null;

  @Field(() => DateRange, { nullable: true, description: '督查日期范围' })
  inspectedAt?: DateRange | null;

  @Field(() => [RectificationStatus], { nullable: true, description: '整改状态（任一）' })
  rectificationStatuses?: RectificationStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: '只要发现问题的记录（true）或只要未发现问题的记录（false）' })
  hasProblems?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: '只要走遍了该村（社区）全部塆组的记录（true：走访塆组数不少于下辖塆组数）或未走遍的记录（false）',
  })
  fullGroupCoverage?: boolean | null;
}

export enum InspectionRecordOrderField {
  INSPECTED_AT = 'INSPECTED_AT',
  ROUND = 'ROUND',
}
registerChineseEnum(InspectionRecordOrderField, 'InspectionRecordOrderField', '督查记录排序字段', {
  INSPECTED_AT: '督查日期',
  ROUND: '督查轮次',
});

export const InspectionTeamOrder = createOrderInput('InspectionTeam', InspectionTeamOrderField, InspectionTeamOrderField.NUMBER, '督查专班');
export const InspectionRecordOrder = createOrderInput(
  'InspectionRecord',
  InspectionRecordOrderField,
  InspectionRecordOrderField.INSPECTED_AT,
  '督查记录',
);
export const InspectionTeamConnection = ConnectionType(InspectionTeam, '督查专班');
export const InspectionRecordConnection = ConnectionType(InspectionRecord, '督查记录');
