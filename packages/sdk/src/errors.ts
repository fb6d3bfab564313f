/**
 * Typed errors. The server puts a machine-readable `extensions.code` on every error; the SDK turns
 * it into a discriminated type so callers can branch on it with the compiler's help.
 */

/** Extra fields the server sends with each error code (beyond `code` itself). */
export interface ErrorExtensionsByCode {
  /** 参数不合法：fields 列出出错的字段路径（如 ["input.name"] 或 ["idCardNumber", "birthDate"]）。 */
  BAD_USER_INPUT: { fields?: string[] };
  /** 对象不存在。 */
  NOT_FOUND: { typeName?: string; id?: string };
  /** 版本冲突（乐观锁）或重复数据（唯一约束）。 */
  CONFLICT: Record<string, never>;
  /** 当前数据状态不允许该操作：reason 是稳定的原因代码（如 HAS_CHILDREN、TEAM_FULL）。 */
  FAILED_PRECONDITION: { reason?: string };
  /** 余额不足：金额均为精确的十进制字符串。 */
  INSUFFICIENT_FUNDS: { fields?: string[]; accountId?: string; balance?: string; available?: string; requested?: string };
  /** 请求体不是合法的 GraphQL 请求（如不是 JSON）。 */
  BAD_REQUEST: Record<string, never>;
  /** 查询语法错误。 */
  GRAPHQL_PARSE_FAILED: Record<string, never>;
  /** 查询与模式不符（字段不存在、变量类型不对等）。 */
  GRAPHQL_VALIDATION_FAILED: Record<string, never>;
  /** 未提供或提供了无效的凭据（Bearer 令牌 / API Key）。 */
  UNAUTHENTICATED: Record<string, never>;
  /** 凭据有效但无权执行该操作。 */
  FORBIDDEN: Record<string, never>;
  /** 请求过于频繁。 */
  RATE_LIMITED: Record<string, never>;
  /** 查询嵌套过深。 */
  QUERY_TOO_DEEP: { depth?: number; maxDepth?: number };
  /** 查询别名过多。 */
  TOO_MANY_ALIASES: { aliases?: number; maxAliases?: number };
  /** 查询估算代价过高（减小分页大小或嵌套层级）。 */
  QUERY_TOO_COMPLEX: { cost?: number; maxCost?: number };
  /** 订阅处理过慢被服务端结束：以 resumeAfter 作为 after 重新订阅即可补齐（subscribeChanges 自动处理）。 */
  SUBSCRIBER_LAGGING: { resumeAfter?: string };
  /** 服务器内部错误（不含细节；可凭 requestId 查服务日志）。 */
  INTERNAL_SERVER_ERROR: Record<string, never>;
  /** 网络或传输层失败：连接不上、超时、响应不是 GraphQL 结果（status 为 HTTP 状态码，如有）。由 SDK 生成。 */
  NETWORK_ERROR: { status?: number };
  /** 服务端返回了 SDK 不认识的错误代码（原始代码见 rawCode）。 */
  UNKNOWN: Record<string, never>;
}

export type ErrorCode = keyof ErrorExtensionsByCode;

export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'INSUFFICIENT_FUNDS',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COMPLEX',
  'SUBSCRIBER_LAGGING',
  'INTERNAL_SERVER_ERROR',
  'NETWORK_ERROR',
  'UNKNOWN',
] as const satisfies readonly ErrorCode[];

/** One error of a response, discriminated by `code`: `if (e.code === 'BAD_USER_INPUT') e.extensions.fields`. */
export type GraphQLErrorItem = {
  [C in ErrorCode]: {
    code: C;
    message: string;
    path?: ReadonlyArray<string | number>;
    locations?: ReadonlyArray<{ line: number; column: number }>;
    extensions: ErrorExtensionsByCode[C] & { code: string; [key: string]: unknown };
    /** The code exactly as the server sent it (differs from `code` only for UNKNOWN). */
    rawCode?: string;
  };
}[ErrorCode];

/** A GraphQL error object as it arrives on the wire. */
export interface FormattedError {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

const KNOWN = new Set<string>(ERROR_CODES);

/** Normalises one wire error: unknown or missing codes become UNKNOWN, the raw code is kept. */
export function toErrorItem(error: FormattedError): GraphQLErrorItem {
  const rawCode = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
  const code = (rawCode && KNOWN.has(rawCode) ? rawCode : 'UNKNOWN') as ErrorCode;
  return {
    code,
    message: error.message,
    path: error.path,
    locations: error.locations,
    extensions: { ...error.extensions, code: rawCode ?? code },
    rawCode,
  } as GraphQLErrorItem;
}

export interface GraphQLRequestErrorInit {
  errors: GraphQLErrorItem[];
  operationName?: string;
  /** HTTP status, when the error came over HTTP. */
  status?: number;
  /** The server's request id (x-request-id), to find the request in the service logs. */
  requestId?: string;
  /** Partial data the server returned beside the errors, if any. */
  data?: unknown;
  cause?: unknown;
}

/**
 * Thrown by the small client (`createClient`) and reported by `subscribeChanges` when a request
 * fails. `code` is the first error's code; `errors` holds all of them.
 *
 * ```ts
 * try { await client.mutate(AllocateFundsDocument, { input }) }
 * catch (e) {
 *   if (isGraphQLRequestError(e, 'INSUFFICIENT_FUNDS')) console.log(e.extensions.available)
 * }
 * ```
 */
export class GraphQLRequestError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'GraphQLRequestError';
  readonly code: C;
  readonly extensions: ErrorExtensionsByCode[C] & { code: string; [key: string]: unknown };
  readonly errors: GraphQLErrorItem[];
  readonly operationName?: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly data?: unknown;

  constructor(init: GraphQLRequestErrorInit) {
    const first = init.errors[0] ?? toErrorItem({ message: '未知错误', extensions: { code: 'UNKNOWN' } });
    super(first.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = first.code as C;
    this.extensions = first.extensions as GraphQLRequestError<C>['extensions'];
    this.errors = init.errors;
    this.operationName = init.operationName;
    this.status = init.status;
    this.requestId = init.requestId;
    this.data = init.data;
  }

  /** Narrows the error to one code: `if (error.is('BAD_USER_INPUT')) error.extensions.fields`. */
  is<K extends ErrorCode>(code: K): this is GraphQLRequestError<K> {
    return (this.code as ErrorCode) === code;
  }

  /** BAD_USER_INPUT / INSUFFICIENT_FUNDS: every field path named by any of the errors. */
  get fields(): string[] {
    return this.errors.flatMap((error) => {
      const fields = (error.extensions as { fields?: unknown }).fields;
      return Array.isArray(fields) ? fields.filter((field): field is string => typeof field === 'string') : [];
    });
  }

  /** Network failures, overload and rate limiting: retrying the same request later may succeed. */
  get transient(): boolean {
    if (this.code === 'NETWORK_ERROR') return this.status === undefined || this.status === 408 || this.status >= 500 || this.status === 429;
    return this.code === 'RATE_LIMITED';
  }
}

/** Whether `error` is a GraphQLRequestError (optionally: with the given code), narrowing its type. */
export function isGraphQLRequestError<C extends ErrorCode = ErrorCode>(error: unknown, code?: C): error is GraphQLRequestError<C> {
  return error instanceof GraphQLRequestError && (code === undefined || error.code === code);
}

export function networkError(message: string, init: { status?: number; operationName?: string; requestId?: string; cause?: unknown } = {}): GraphQLRequestError<'NETWORK_ERROR'> {
  return new GraphQLRequestError<'NETWORK_ERROR'>({
    errors: [toErrorItem({ message, extensions: { code: 'NETWORK_ERROR', ...(init.status === undefined ? {} : { status: init.status }) } })],
    ...init,
  });
}
