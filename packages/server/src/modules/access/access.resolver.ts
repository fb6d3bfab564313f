import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../common/auth/roles';
import { forbidden, type Viewer } from '../../common/auth/viewer';
import type { GraphQLContext } from '../../common/context';
import { loadReference } from '../../common/entity-queries';
import { notFound } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { Organization } from '../organization/organization.entity';
import { loadOrganization } from '../organization/organization.service';
import { ApiKey } from './access.entity';
import { CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './access.mutations';
import { generateApiKey, hashApiKey } from './authenticator';

function requireKeyManager(viewer: Viewer | null | undefined): Viewer {
  if (!viewer || (viewer.role !== Role.ADMIN && viewer.role !== Role.ORG_ADMIN)) throw forbidden('只有管理员可以管理 API Key');
  return viewer;
}

/** Keys the caller manages: all for an unrestricted admin, else those scoped inside its subtree. */
async function managedKeys(em: EntityManager, viewer: Viewer): Promise<ApiKey[]> {
  const keys = await em.find(ApiKey, {}, { populate: ['organization'], orderBy: { id: 'asc' } });
  return keys.filter((key) => viewer.scopePath === null || (key.organization?.path ?? '').startsWith(viewer.scopePath));
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'API Key 列表（管理员可见其管辖范围内的密钥）' })
  async apiKeys(@Ctx() ctx: GraphQLContext): Promise<ApiKey[]> {
    return managedKeys(ctx.em, requireKeyManager(ctx.viewer));
  }

  @FieldResolver(() => Organization, { nullable: true, description: '密钥的访问范围（党组织及其下级）' })
  organization(@Root() key: ApiKey, @Ctx() ctx: GraphQLContext): Promise<Organization | null> {
    return loadReference(ctx, Organization, key.organization);
  }

  @Mutation(() => CreateApiKeyPayload, { description: '创建 API Key（密钥明文只返回这一次）' })
  createApiKey(@MutationInputArg() input: CreateApiKeyInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const viewer = requireKeyManager(ctx.viewer);
    if (input.role === Role.ADMIN && viewer.role !== Role.ADMIN) throw forbidden('组织管理员不能创建系统管理员密钥');
    return runMutation({ ctx, info, input }, async (em) => {
      const organization = await loadOrganization(em, input.organizationId, 'organizationId');
      const key = generateApiKey();
      const apiKey = em.create(ApiKey, { name: input.name.trim(), keyHash: hashApiKey(key), prefix: key.slice(0, 10), role: input.role, organization });
      return { apiKey, key, organization };
    });
  }

  @Mutation(() => RevokeApiKeyPayload, { description: '吊销 API Key（立即失效）' })
  revokeApiKey(@MutationInputArg() input: RevokeApiKeyInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const viewer = requireKeyManager(ctx.viewer);
    return runMutation({ ctx, info, input }, async (em) => {
      const id = fromGlobalIdOf('ApiKey', input.id);
      const apiKey = (await managedKeys(em, viewer)).find((key) => key.id === id);
      if (!apiKey) throw notFound('API Key', input.id);
      apiKey.revokedAt ??= new Date();
      return { apiKey };
    });
  }
}

export const accessResolvers = [ApiKeyResolver];
