// My orders: live statuses without a reload. The list is asked for again every 2 s while an order is
// still moving (polling.ts backs off when the service does not answer); an opened order shows its
// timeline (the order service's history: every state with its time and reason), refreshed the same way.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { cancelOrder, getOrder, kCancellable, kTerminal, listOrders, type Order } from './api';
import { nextPollDelay } from './polling';
import { usePayAgain } from './usePayAgain';

function Timeline({ order }: { order: Order }) {
  const { t } = useI18n();
  const view = useQuery({
    queryKey: ['order', order.id],
    queryFn: ({ signal }) => getOrder(order.id, signal),
    retry: false,
    refetchInterval: (q) => nextPollDelay(q.state.data ? [q.state.data.status] : undefined, q.state.fetchFailureCount),
  });
  if (view.isError && !view.data) return <ErrorView error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <ol className="timeline">
      {view.data.history.map((h, i) => (
        <li key={i}>
          <time dateTime={h.at}>{new Date(h.at).toLocaleString()}</time> {t(`status.${h.to}`)}
          {h.reason && <span className="muted"> — {h.reason}</span>}
        </li>
      ))}
    </ol>
  );
}

function OrderRow({ order }: { order: Order }) {
  const { t, price } = useI18n();
  const [open, setOpen] = useState(false);
  const payAgain = usePayAgain();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelOrder(order.id),
    // The list and the timeline show the outcome; polling goes on while the refund runs.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['orders'] }),
  });
  const cancelAsked = Boolean(order.cancelRequestedAt) || cancel.isSuccess;
  return (
    <li className="order" data-order-id={order.id} data-status={order.status}>
      <div className="order-head">
        <strong>{order.orderName}</strong>
        <span className={`status status-${order.status}`} aria-live="polite">
          {t(`status.${order.status}`)}
        </span>
      </div>
      <dl className="facts">
        <dt>{t('orders.amount')}</dt>
        <dd>{price(order.amount)}</dd>
        <dt>{t('orders.count')}</dt>
        <dd>{order.productCount}</dd>
        <dt>{t('orders.created')}</dt>
        <dd>{new Date(order.createdAt).toLocaleString()}</dd>
      </dl>
      {order.status === 'CREATED' && (
        <button type="button" disabled={payAgain.isPending} onClick={() => payAgain.mutate(order)}>
          {t('orders.pay')}
        </button>
      )}
      {kCancellable.has(order.status) && !cancelAsked && (
        <button type="button" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
          {t('orders.cancel')}
        </button>
      )}
      {cancelAsked && order.status !== 'CANCELLED' && <p className="muted">{t('orders.cancelAsked')}</p>}
      {payAgain.isError && <ErrorView error={payAgain.error} />}
      {cancel.isError && <ErrorView error={cancel.error} />}
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('orders.timeline')}</summary>
        {open && <Timeline order={order} />}
      </details>
    </li>
  );
}

export function MyOrdersPage() {
  const { t } = useI18n();
  const { member } = useSession();
  const memberId = member?.id ?? 0;
  const orders = useQuery({
    queryKey: ['orders', memberId],
    queryFn: ({ signal }) => listOrders(memberId, signal),
    enabled: memberId > 0,
    retry: false,
    refetchInterval: (q) => nextPollDelay(q.state.data?.map((o) => o.status), q.state.fetchFailureCount),
  });
  const failures = orders.failureCount;
  const moving = orders.data?.some((o) => !kTerminal.has(o.status));
  return (
    <section>
      <h1>{t('orders.title')}</h1>
      {orders.isError && !orders.data && <ErrorView error={orders.error} onRetry={() => void orders.refetch()} />}
      {orders.isError && orders.data && (
        <p className="warning" role="status">
          {t('orders.paused', { seconds: Math.round((nextPollDelay(undefined, failures) || 0) / 1000) })}
        </p>
      )}
      {orders.isPending && <p className="muted">{t('common.loading')}</p>}
      {orders.data && orders.data.length === 0 && <p>{t('orders.empty')}</p>}
      {moving && !orders.isError && <p className="muted">{t('orders.live')}</p>}
      {orders.data && orders.data.length > 0 && (
        <ul className="orders">
          {orders.data.map((o) => (
            <OrderRow key={o.id} order={o} />
          ))}
        </ul>
      )}
    </section>
  );
}
