import { useEffect, useState } from 'react';
import { createClient as createSdkClient, memoryCursorStore, subscribeChanges, type ChangeEventFieldsFragment, type GraphQLRequestError, type SubscriptionStatus } from '@dangjian/sdk';
import { GRAPHQL_URL, getToken } from '../client';
import { Empty, ErrorView, OPERATION_LABELS, label } from '../ui';

const MAX_EVENTS = 200;

/**
 * The feed outlives the page: its cursor (and the events shown) are kept per token for the browser
 * session, so coming back to this page resumes from the last event seen — what was committed in
 * between is replayed first, nothing is lost or shown twice.
 */
const feeds = new Map<string, { store: ReturnType<typeof memoryCursorStore>; events: ChangeEventFieldsFragment[] }>();

function feedFor(token: string) {
  let feed = feeds.get(token);
  if (!feed) feeds.set(token, (feed = { store: memoryCursorStore(), events: [] }));
  return feed;
}

const STATUS_TEXT: Record<SubscriptionStatus, string> = {
  connecting: '正在连接…',
  live: '已连接，实时接收中',
  reconnecting: '连接断开，正在重连（将从上次的位置续传）…',
  stopped: '订阅中断',
};

/** 实时变更：SDK 的 subscribeChanges（graphql-ws，断线后按游标续传、不丢不重），最新的在最上面。 */
export function LiveChanges() {
  const token = getToken() ?? '';
  const feed = feedFor(token);
  const [events, setEvents] = useState<ChangeEventFieldsFragment[]>(feed.events);
  const [status, setStatus] = useState<SubscriptionStatus>('connecting');
  const [error, setError] = useState<unknown>(null);
  const [retry, setRetry] = useState<GraphQLRequestError | null>(null);

  useEffect(() => {
    const client = createSdkClient({ url: new URL(GRAPHQL_URL, window.location.href).toString(), auth: () => ({ token: getToken() ?? undefined }) });
    const subscription = subscribeChanges({
      client,
      store: feed.store,
      filter: { includeDescendants: true },
      onEvent: (event) => {
        feed.events = [event, ...feed.events].slice(0, MAX_EVENTS);
        setEvents(feed.events);
      },
      onStatus: (next) => {
        setStatus(next);
        if (next === 'live') setRetry(null);
      },
      onRetry: (cause) => setRetry(cause),
    });
    subscription.done.catch((e: unknown) => setError(e));
    return () => {
      void subscription.stop().then(() => client.dispose());
    };
  }, [feed]);

  const ok = status === 'live';
  return (
    <section className="card">
      <div className="live-status" data-testid="live-status" data-status={status}>
        <span className={ok ? 'dot ok' : 'dot err'} />
        {STATUS_TEXT[status]}
        {events.length ? `，已收到 ${events.length} 条变更` : ''}
        {retry && !ok ? <span className="muted">（{retry.message}）</span> : null}
      </div>
      {error ? <ErrorView error={error} /> : null}
      {!events.length ? (
        <Empty>暂无新的变更。在其他系统中新增、修改党组织或党员后，这里会实时出现。</Empty>
      ) : (
        <ul className="feed" data-testid="change-feed">
          {events.map((event) => (
            <li key={event.sequence}>
              <div className="feed-head">
                <span className="seq">#{event.sequence}</span>
                <span className="op">{label(OPERATION_LABELS, event.operation)}</span>
                <span className="entity">
                  {event.entityType}
                  {event.entity && 'name' in event.entity ? `：${event.entity.name}` : ''}
                </span>
                <span className="muted">{new Date(event.occurredAt).toLocaleString('zh-CN')}</span>
                {event.actor ? <span className="muted">操作人 {event.actor}</span> : null}
              </div>
              {event.changes.length ? (
                <ul className="changes">
                  {event.changes.map((c) => (
                    <li key={c.field}>
                      <code>{c.field}</code>：{fmt(c.before)} → {fmt(c.after)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function fmt(value: unknown): string {
  if (value === null || value === undefined) return '空';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
