import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Error codes clients can branch on (`extensions.code`). */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  BadRequest = 'BAD_REQUEST',
  Conflict = 'CONFLICT',
  FailedPrecondition = 'FAILED_PRECONDITION',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export function badUserInput(message: string, field?: string | string[]): GraphQLError {
  const fields = field === undefined ? undefined : Array.isArray(field) ? field : [field];
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, ...(fields && { fields }) } });
}

/** The request is well-formed but the current state of the data forbids it (e.g. deleting what others depend on). */
export function failedPrecondition(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FailedPrecondition, reason } });
}

export function notFound(typeName: string, id: string): GraphQLError {
  return new GraphQLError(`未找到${typeName}：${id}`, {
    extensions: { code: ErrorCode.NotFound, typeName, id },
  });
}

/** PostgreSQL refused a value the client supplied (SQLSTATE class 22: invalid text, date, encoding…). */
function isInvalidDataError(error: unknown): boolean {
  const { code, sqlState } = (error ?? {}) as { code?: unknown; sqlState?: unknown };
  return [code, sqlState].some((state) => typeof state === 'string' && /^22[0-9A-Z]{3}$/.test(state));
}

/**
 * The one place that decides what an error looks like on the wire: known codes pass through,
 * anything unexpected is logged and replaced by a generic message so no internals or stack traces leak.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== ErrorCode.Internal) return formatted;
  const httpStatus = (original as { extensions?: { http?: { status?: number } } } | null)?.extensions?.http?.status;
  if (httpStatus && httpStatus >= 400 && httpStatus < 500) {
    return { ...formatted, extensions: { code: ErrorCode.BadRequest } };
  }
  if (isInvalidDataError(original)) {
    return { message: '输入值无效（格式、编码或取值不被接受）', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BadUserInput } };
  }
  console.error('[graphql] unexpected error', original);
  return {
    message: '服务器内部错误',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.Internal },
  };
}

/**
 * Error handler (Express's, and the GraphQL route's) for failures before GraphQL runs (unparsable
 * JSON, oversized body): the client still gets a GraphQL-shaped JSON error with a code, never an
 * HTML page or a stack trace.
 */
export function httpErrorHandler(error: unknown, _req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  if (res.headersSent) return next(error);
  const status = (error as { status?: number }).status ?? 500;
  const clientError = status >= 400 && status < 500;
  if (!clientError) console.error('[http] unexpected error', error);
  const messages: Record<number, string> = { 413: '请求体过大', 415: '不支持的请求编码' };
  const message = clientError ? (messages[status] ?? '请求格式错误：请求体不是有效的 JSON') : '服务器内部错误';
  const code = clientError ? ErrorCode.BadRequest : ErrorCode.Internal;
  sendGraphQLError(res, new GraphQLError(message, { extensions: { code, http: { status: clientError ? status : 500 } } }));
}

/** Answers outside GraphQL execution in GraphQL's error shape; `extensions.http.status` sets the status (default 400). */
export function sendGraphQLError(res: ServerResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions;
  const body = JSON.stringify({ errors: [{ message: error.message, extensions }] });
  res.statusCode = (http as { status?: number } | undefined)?.status ?? 400;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
