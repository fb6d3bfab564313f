import { ArrayMaxSize, ArrayMinSize, ArrayUnique } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar } from '../../common/scalars';
import { NotInFuture, TrimmedText } from '../../common/validators';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { Squad, SquadMember } from './squad.entity';

/** A squad has at least one and at most this many members (the leader included). */
export const MAX_SQUAD_MEMBERS = 50;

@InputType({ description: '组建党员突击队' })
export class CreateSquadInput extends MutationInput {
  @Field(() => ID, { description: '组建突击队的党组织 ID（须未撤销）' })
  organizationId!: string;

  @Field({ description: '突击队名称' })
  @TrimmedText(100)
  name!: string;

  @Field({ description: '任务' })
  @TrimmedText(500)
  mission!: string;

  @Field(() => LocalDateScalar, { description: '组建日期（不早于党组织成立日期，不晚于今天）' })
  @NotInFuture()
  formedAt!: string;

  @Field(() => ID, { description: '队长 ID（须在队员之中）' })
  leaderId!: string;

  @Field(() => [ID], {
    description: `队员 ID（含队长；1 至 ${MAX_SQUAD_MEMBERS} 人，不得重复；组织关系须在该党组织或其下级；加入日期即组建日期）`,
  })
  @ArrayMinSize(1, { message: '突击队至少要有 1 名队员' })
  @ArrayMaxSize(MAX_SQUAD_MEMBERS, { message: `突击队最多 ${MAX_SQUAD_MEMBERS} 名队员` })
  @ArrayUnique(undefined, { message: '队员不得重复' })
  memberIds!: string[];
}

@InputType({ description: '党员加入突击队' })
export class AddSquadMemberInput extends MutationInput {
  @Field(() => ID, { description: '突击队 ID' })
  squadId!: string;

  @Field(() => ID, { description: '党员 ID（组织关系须在组建突击队的党组织或其下级，且尚未在此队）' })
  memberId!: string;

  @Field(() => LocalDateScalar, { description: '加入日期（不早于组建日期和入党日期，不晚于今天）' })
  @NotInFuture()
  joinedAt!: string;
}

@InputType({ description: '队员退出突击队（队长不能直接退出）' })
export class RemoveSquadMemberInput extends MutationInput {
  @Field(() => ID, { description: '队员记录 ID' })
  squadMemberId!: string;
}

@ObjectType({ description: '突击队变更结果' })
export class SquadPayload extends MutationPayload {
  @Field(() => Squad, { description: '变更后的突击队' })
  squad!: Squad;

  @Field(() => Organization, { description: '组建突击队的党组织（便于客户端更新缓存）' })
  organization!: Organization;
}

@ObjectType({ description: '加入突击队结果' })
export class SquadMemberPayload extends MutationPayload {
  @Field(() => SquadMember, { description: '新的队员记录' })
  squadMember!: SquadMember;

  @Field(() => Squad, { description: '突击队（含最新的队员）' })
  squad!: Squad;

  @Field(() => Member, { description: '加入的党员' })
  member!: Member;
}

@ObjectType({ description: '退出突击队结果' })
export class RemoveSquadMemberPayload extends MutationPayload {
  @Field(() => ID, { description: '已删除的队员记录 ID（客户端据此从缓存中移除）' })
  removedSquadMemberId!: string;

  @Field(() => Squad, { description: '突击队（含最新的队员）' })
  squad!: Squad;

  @Field(() => Member, { description: '退出的党员' })
  member!: Member;
}
