/**
 * @dangjian/sdk — typed client of the 党建 GraphQL data platform.
 *
 * - Typed documents and types for every operation (generated from the schema and the SDK's `.graphql` files).
 * - `createClient`: a small client for Node services and mini-programs (no Apollo, no React).
 * - `subscribeChanges`: the change feed with cursor storage, reconnection and gap-free resume.
 * - Helpers: `paginate`, exact money arithmetic, masked-field checks.
 * - `loadDemoCredentials`: the embedded demo's per-role tokens (an empty list anywhere else).
 * - Apollo Client for web apps: `@dangjian/sdk/apollo`.
 */
export * from './generated/graphql.js';
export { createClient, subscriptionError } from './client.js';
export type { ClientOptions, DangjianClient, ExecutionResult, MutateOptions, RequestOptions, RetryOptions, SubscriptionSink, VariablesArgs } from './client.js';
export { subscribeChanges, memoryCursorStore, defaultStoreKey } from './changes.js';
export type { ChangeEventLike, ChangeFilter, ChangeSubscription, CursorStore, SubscribeChangesOptions, SubscriptionStatus } from './changes.js';
export { GraphQLRequestError, isGraphQLRequestError, ERROR_CODES } from './errors.js';
export type { ErrorCode, ErrorExtensionsByCode, FormattedError, GraphQLErrorItem } from './errors.js';
export { paginate, paginatePages, collect } from './pagination.js';
export type { ConnectionLike, NodeOf, PaginateOptions, QueryRunner } from './pagination.js';
export * from './money.js';
export * from './masking.js';
export { loadDemoCredentials, demoCredentialsUrl } from './demo.js';
export type { DemoCredential, LoadDemoCredentialsOptions } from './demo.js';
export { fetchTransport } from './transport.js';
export type { HttpRequest, HttpResponse, HttpTransport, Transport, WebSocketConstructor, WebSocketLike } from './transport.js';
export { wxTransport, wxHttp, wxWebSocket } from './wx.js';
export type { WxLike, WxSocketTask } from './wx.js';
export type { AuthOption, Credentials } from './auth.js';
export type { BackoffOptions } from './util.js';
export type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
