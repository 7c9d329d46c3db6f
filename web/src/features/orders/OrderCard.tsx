// One order as My orders and the order page show it: its live status (followed with the order
// service's long poll while it moves), pay / cancel, and its timeline (every state with its time and
// a sentence for its reason, from the order's history).
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorView } from '../../components/ErrorView';
import { useI18n } from '../../lib/i18n';
import { cancelOrder, getOrder, kCancellable, kTerminal, type Order } from './api';
import { reasonText } from './timelineReason';
import { storeOrder, useFollowOrder } from './useFollowOrder';
import { usePayAgain } from './usePayAgain';

/**
 * The history of order <orderId>. <updatedAt> is the newest state the caller shows: a history cached
 * before it (e.g. by the success page, for an order that ended before the list was loaded and so was
 * never followed) is fetched again rather than shown without its last states.
 */
export function Timeline({ orderId, updatedAt }: { orderId: string; updatedAt?: string }) {
  const { t } = useI18n();
  // Kept current by the order's follower (useFollowOrder stores every newer state here).
  const view = useQuery({
    queryKey: ['order', orderId],
    queryFn: ({ signal }) => getOrder(orderId, signal),
    staleTime: Infinity,
  });
  const cachedAt = view.data?.updatedAt;
  const { refetch, isFetching } = view;
  useEffect(() => {
    if (updatedAt && cachedAt && cachedAt < updatedAt && !isFetching) void refetch();
  }, [updatedAt, cachedAt, isFetching, refetch]);
  if (view.isError && !view.data) return <ErrorView error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <ol className="timeline">
      {view.data.history.map((h, i) => {
        const reason = reasonText(h);
        return (
          <li key={i} data-status={h.to}>
            <time dateTime={h.at}>{new Date(h.at).toLocaleString()}</time> <strong>{t(`status.${h.to}`)}</strong>
            {/* The order service's own words stay reachable for support, out of the shopper's way. */}
            <span className="muted reason" title={h.reason}> — {t(reason.key, reason.vars)}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function OrderCard({ order, detailed = false, follow = true }: { order: Order; detailed?: boolean; follow?: boolean }) {
  const { t, price } = useI18n();
  const payAgain = usePayAgain();
  // A closed timeline is not fetched: a list of twenty orders would otherwise ask for twenty histories.
  const [timelineOpen, setTimelineOpen] = useState(false);
  const queryClient = useQueryClient();
  const live = useFollowOrder(order.id, order.updatedAt, follow && !kTerminal.has(order.status));
  const cancel = useMutation({
    mutationFn: () => cancelOrder(order.id),
    // The answer (CANCELLED, or the order with cancelRequestedAt) shows at once; the follower then
    // brings CANCELLING and CANCELLED (or IN_DELIVERY, had the parcel already left).
    onSuccess: (o) => storeOrder(queryClient, o),
  });
  const cancelAsked = Boolean(order.cancelRequestedAt) || cancel.isSuccess;
  const Title = detailed ? 'h1' : 'strong';
  return (
    <article className="order" data-order-id={order.id} data-status={order.status}>
      <div className="order-head">
        <Title>{detailed ? order.orderName : <Link to={`/orders/${encodeURIComponent(order.id)}`}>{order.orderName}</Link>}</Title>
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
        {detailed && (
          <>
            <dt>{t('orders.address')}</dt>
            <dd>{order.address}</dd>
            <dt>{t('orders.number')}</dt>
            <dd><code>{order.id}</code></dd>
          </>
        )}
      </dl>
      {order.status === 'CANCELLED' && order.approvedAt && <p className="refund">{t('orders.refunded', { amount: price(order.amount) })}</p>}
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
      {cancelAsked && !kTerminal.has(order.status) && (
        <p className="muted cancel-asked">{t('orders.cancelAsked')}</p>
      )}
      {live.retryMs !== null && (
        <p className="warning" role="status">{t('orders.paused', { seconds: Math.round(live.retryMs / 1000) })}</p>
      )}
      {live.refused && <ErrorView error={live.refused} />}
      {payAgain.isError && <ErrorView error={payAgain.error} />}
      {cancel.isError && <ErrorView error={cancel.error} />}
      {detailed ? (
        <>
          <h2>{t('orders.timeline')}</h2>
          <Timeline orderId={order.id} updatedAt={order.updatedAt} />
        </>
      ) : (
        <details onToggle={(e) => setTimelineOpen(e.currentTarget.open)}>
          <summary>{t('orders.timeline')}</summary>
          {timelineOpen && <Timeline orderId={order.id} updatedAt={order.updatedAt} />}
        </details>
      )}
    </article>
  );
}
