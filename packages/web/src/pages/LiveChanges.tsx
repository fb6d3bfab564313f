import { useState } from 'react';
import { useSubscription } from '@apollo/client/react';
import { ChangesDocument, type ChangeEventFieldsFragment } from '@dangjian/sdk';
import { Empty, ErrorView, OPERATION_LABELS } from '../ui';

const MAX_EVENTS = 200;

/** 实时变更：通过 SDK 的 Changes 订阅（graphql-ws）接收每一次已提交的写入，最新的在最上面。 */
export function LiveChanges() {
  const [events, setEvents] = useState<ChangeEventFieldsFragment[]>([]);
  const { error, loading } = useSubscription(ChangesDocument, {
    variables: { includeDescendants: true },
    onData: ({ data }) => {
      const event = data.data?.changes;
      if (!event) return;
      setEvents((previous) => (previous.some((e) => e.sequence === event.sequence) ? previous : [event, ...previous].slice(0, MAX_EVENTS)));
    },
  });

  return (
    <section className="card">
      <div className="live-status" data-testid="live-status">
        {error ? <span className="dot err" /> : <span className="dot ok" />}
        {error ? '订阅中断' : loading && !events.length ? '已连接，等待新的变更…' : `已收到 ${events.length} 条变更`}
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
                <span className="op">{OPERATION_LABELS[event.operation] ?? event.operation}</span>
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
