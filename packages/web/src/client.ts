import { createApolloClient } from '@dangjian/sdk/apollo';

export const TOKEN_KEY = 'dangjian.token';

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** 服务地址：默认与页面同源的 /graphql（开发时由 Vite 代理），可在构建时用 VITE_GRAPHQL_URL 指定。 */
export const GRAPHQL_URL: string = import.meta.env.VITE_GRAPHQL_URL || '/graphql';

/** 一个 Apollo Client：令牌每次请求（及每次建立 WebSocket 连接）时从 localStorage 读取。 */
export function createClient() {
  return createApolloClient({
    url: new URL(GRAPHQL_URL, window.location.href).toString(),
    auth: () => ({ token: getToken() ?? undefined }),
    clientAwareness: { name: '@dangjian/web', version: '0.1.0' },
  });
}
