import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../common/auth/roles';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { TrimmedText } from '../../common/validators';
import { Organization } from '../organization/organization.entity';
import { ApiKey } from './access.entity';

@InputType({ description: '为下级系统创建 API Key' })
export class CreateApiKeyInput extends MutationInput {
  @Field({ description: '名称（唯一）' })
  @TrimmedText(100)
  name!: string;

  @Field(() => Role, { description: '角色（组织管理员不能创建系统管理员密钥）' })
  role!: Role;

  @Field(() => ID, { description: '密钥可访问的党组织（含全部下级）' })
  organizationId!: string;
}

@InputType({ description: '吊销 API Key（立即失效）' })
export class RevokeApiKeyInput extends MutationInput {
  @Field(() => ID, { description: 'API Key 的 ID' })
  id!: string;
}

@ObjectType({ description: '创建 API Key 的结果' })
export class CreateApiKeyPayload extends MutationPayload {
  @Field(() => ApiKey, { description: '新建的 API Key 信息' })
  apiKey!: ApiKey;

  @Field({ description: '密钥明文：只在此时返回一次，请妥善保存（X-API-Key 请求头使用）' })
  key!: string;

  @Field(() => Organization, { description: '密钥的访问范围' })
  organization!: Organization;
}

@ObjectType({ description: '吊销 API Key 的结果' })
export class RevokeApiKeyPayload extends MutationPayload {
  @Field(() => ApiKey, { description: '已吊销的 API Key' })
  apiKey!: ApiKey;
}
