import { Field, ID, InputType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { Commendation, CommendationBatch, CommendationCategory } from './commendation.entity';

export enum RecipientKind {
  MEMBER = 'MEMBER',
  ORGANIZATION = 'ORGANIZATION',
}
registerChineseEnum(RecipientKind, 'CommendationRecipientKind', '表彰对象类型', {
  MEMBER: '党员',
  ORGANIZATION: '党组织（单位）',
});

@InputType({ description: '表彰批次筛选条件' })
export class CommendationBatchFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '发布表彰的党组织（默认含下级）' })
  issuer?: OrganizationScope | null;

  @Field(() => DateRange, { nullable: true, description: '发布日期范围' })
  issuedAt?: DateRange | null;

  @Field(() => String, { nullable: true, description: '批次名称包含该文字' })
  @TextSearch()
  titleContains?: string | null;
}

@InputType({ description: '表彰筛选条件' })
export class CommendationFilter {
  @Field(() => ID, { nullable: true, description: '表彰批次 ID' })
  batchId?: string | null;

  @Field(() => [CommendationCategory], { nullable: true, description: '表彰类别（任一）' })
  categories?: CommendationCategory[] | null;

  @Field(() => RecipientKind, { nullable: true, description: '表彰对象类型：党员 / 党组织' })
  recipientKind?: RecipientKind | null;

  @Field(() => OrganizationScope, {
    nullable: true,
    description: '党组织范围（默认含下级）：党员对象按其组织关系所在党组织，党组织对象按其本身',
  })
  organization?: OrganizationScope | null;

  @Field(() => Boolean, { nullable: true, description: '只要有奖金（true）或只要无奖金（false）的表彰' })
  hasAward?: boolean | null;
}

export enum CommendationBatchOrderField {
  ISSUED = 'ISSUED',
  ID = 'ID',
}
registerChineseEnum(CommendationBatchOrderField, 'CommendationBatchOrderField', '表彰批次排序字段', {
  ISSUED: '发布日期',
  ID: '登记顺序',
});

export enum CommendationOrderField {
  ISSUED = 'ISSUED',
  ID = 'ID',
}
registerChineseEnum(CommendationOrderField, 'CommendationOrderField', '表彰排序字段', {
  ISSUED: '所属批次的发布日期',
  ID: '登记顺序',
});

export const CommendationBatchOrder = createOrderInput(
  'CommendationBatch',
  CommendationBatchOrderField,
  CommendationBatchOrderField.ISSUED,
  '表彰批次',
);
export const CommendationOrder = createOrderInput('Commendation', CommendationOrderField, CommendationOrderField.ISSUED, '表彰');
export const CommendationBatchConnection = ConnectionType(CommendationBatch, '表彰批次');
export const CommendationConnection = ConnectionType(Commendation, '表彰');
