import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { allowReplicaReads, readFromPrimary } from '../read-replicas';
import { SERVICE_UNAVAILABLE } from './database-errors';
import { logger } from './logger';
import { graphqlDuration, graphqlErrors, graphqlRequests, operationLabel } from './metrics';

export type Outcome = 'ok' | 'partial' | 'error';

export function errorCodes(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
}

export function outcomeOf(codes: string[], hasData: boolean): Outcome {
  return codes.length === 0 ? 'ok' : hasData ? 'partial' : 'error';
}

/**
 * One structured log line and one metrics sample per HTTP GraphQL operation: request id,
 * operation name and type, duration, outcome and error codes (never variables or results).
 * A query may read from replicas from then on; a mutation keeps the request on the primary. A request that failed only because the
 * database is unreachable answers 503 with Retry-After.
 */
export function observabilityPlugin(): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let operation = '(unparsed)';
      let type = 'unknown';
      return {
        async didResolveOperation({ operation: resolved }) {
          if (!resolved) return;
          type = resolved.operation;
          operation = operationLabel(resolved.name?.value);
          if (type === 'query') allowReplicaReads();
          else readFromPrimary();
        },
        async willSendResponse({ response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = errorCodes(body?.errors);
          const hasData = body?.data !== undefined && body?.data !== null;
          const outcome = outcomeOf(codes, hasData);
          if (!hasData && codes.length && codes.every((code) => code === SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '1');
          }
          graphqlRequests.inc({ operation, type, transport: 'http', outcome });
          graphqlDuration.observe({ operation, type, transport: 'http' }, seconds);
          for (const code of codes) graphqlErrors.inc({ code, transport: 'http' });
          const fields = {
            requestId: contextValue.requestId,
            transport: 'http',
            operation,
            operationType: type,
            durationMs: Math.round(seconds * 1000 * 10) / 10,
            outcome,
            status: response.http.status ?? 200,
            ...(codes.length && { errorCodes: [...new Set(codes)] }),
          };
          if (codes.includes('INTERNAL_SERVER_ERROR')) logger.error(fields, 'graphql operation failed');
          else logger.info(fields, 'graphql operation');
        },
      };
    },
  };
}
