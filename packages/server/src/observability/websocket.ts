import { getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { errorCodes, outcomeOf } from './graphql-plugin';
import { logger } from './logger';
import { changeEventsDelivered, graphqlDuration, graphqlErrors, graphqlRequests, operationLabel } from './metrics';

interface Running {
  started: bigint;
  operation: string;
  type: string;
  requestId?: string;
  delivered: number;
  codes: string[];
}

/**
 * Logs and counts graphql-ws operations: one line when each ends (subscriptions with how many
 * results they delivered), the fan-out counter for every result sent, error codes.
 */
export function websocketOperationTracker() {
  const running = new WeakMap<object, Map<string, Running>>();
  const of = (ctx: object) => {
    let map = running.get(ctx);
    if (!map) running.set(ctx, (map = new Map()));
    return map;
  };
  return {
    operation(ctx: object, id: string, args: ExecutionArgs): void {
      const ast = getOperationAST(args.document, args.operationName);
      of(ctx).set(id, {
        started: process.hrtime.bigint(),
        operation: operationLabel(ast?.name?.value),
        type: ast?.operation ?? 'unknown',
        requestId: (args.contextValue as { requestId?: string } | undefined)?.requestId,
        delivered: 0,
        codes: [],
      });
    },
    next(ctx: object, id: string, result: ExecutionResult): void {
      const entry = of(ctx).get(id);
      if (!entry) return;
      entry.delivered += 1;
      if (entry.type === 'subscription' && result.data) changeEventsDelivered.inc();
    },
    /** Errors as sent to the client (formatted). */
    errors(ctx: object, id: string, errors: ReadonlyArray<{ extensions?: Record<string, unknown> }>): void {
      const codes = errorCodes(errors as never);
      const entry = of(ctx).get(id);
      if (entry) entry.codes.push(...codes);
      else {
        // Refused before it ran (validation, authorization): counted and logged here.
        graphqlRequests.inc({ operation: '(unparsed)', type: 'unknown', transport: 'ws', outcome: 'error' });
        for (const code of codes) graphqlErrors.inc({ code, transport: 'ws' });
        logger.info({ transport: 'ws', operationId: id, outcome: 'error', errorCodes: [...new Set(codes)] }, 'graphql-ws operation refused');
      }
    },
    complete(ctx: object, id: string): void {
      const entry = of(ctx).get(id);
      if (!entry) return;
      of(ctx).delete(id);
      const seconds = Number(process.hrtime.bigint() - entry.started) / 1e9;
      const outcome = entry.type === 'subscription' ? (entry.codes.length ? 'error' : 'ok') : outcomeOf(entry.codes, entry.delivered > 0);
      graphqlRequests.inc({ operation: entry.operation, type: entry.type, transport: 'ws', outcome });
      if (entry.type !== 'subscription') graphqlDuration.observe({ operation: entry.operation, type: entry.type, transport: 'ws' }, seconds);
      for (const code of entry.codes) graphqlErrors.inc({ code, transport: 'ws' });
      logger.info(
        {
          requestId: entry.requestId,
          transport: 'ws',
          operationId: id,
          operation: entry.operation,
          operationType: entry.type,
          durationMs: Math.round(seconds * 10000) / 10,
          outcome,
          ...(entry.type === 'subscription' && { delivered: entry.delivered }),
          ...(entry.codes.length && { errorCodes: [...new Set(entry.codes)] }),
        },
        'graphql-ws operation',
      );
    },
  };
}

export type WebsocketOperationTracker = ReturnType<typeof websocketOperationTracker>;
