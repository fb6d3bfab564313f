import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

/** Error codes clients can branch on (`extensions.code`). */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Internal = 'INTERNAL_SERVER_ERROR',
}

export function badUserInput(message: string, field?: string | string[]): GraphQLError {
  const fields = field === undefined ? undefined : Array.isArray(field) ? field : [field];
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, ...(fields && { fields }) } });
}

export function notFound(typeName: string, id: string): GraphQLError {
  return new GraphQLError(`未找到${typeName}：${id}`, {
    extensions: { code: ErrorCode.NotFound, typeName, id },
  });
}

type ValidationErrors = ArgumentValidationError['extensions']['validationErrors'];

function validationFields(error: ArgumentValidationError): string[] {
  const collect = (errors: ValidationErrors, prefix: string): string[] =>
    errors.flatMap((e) => {
      const here = prefix ? `${prefix}.${e.property}` : e.property;
      return e.children?.length ? collect(e.children, here) : [here];
    });
  return collect(error.extensions.validationErrors, '');
}

/**
 * The one place that decides what an error looks like on the wire: known codes pass through,
 * argument validation becomes BAD_USER_INPUT with the offending fields, anything unexpected is
 * logged and replaced by a generic message so no internals or stack traces leak.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof ArgumentValidationError) {
    return {
      message: '输入参数校验失败',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BadUserInput, fields: validationFields(original) },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== ErrorCode.Internal) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error('[graphql] unexpected error', original);
  return {
    message: '服务器内部错误',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.Internal },
  };
}
