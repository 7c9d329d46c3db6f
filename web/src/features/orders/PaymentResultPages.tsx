// The shop's own pages at the end of the payment window. Success: the window sends the buyer here with
// paymentKey, orderId and amount; the page finishes the order on the server the way the seed's
// checkout did (POST /orders/finish-order, with the buyer's token) — the order service compares the
// amount with the one it fixed and asks payment to confirm at Toss, and the page follows the order
// until the confirm is answered (a card declined at approval turns it into the failure page).
// Failure: nothing was charged; the order stays payable until it expires.
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { finishOrder, getOrder, type Order } from './api';
import { useFollowOrder } from './useFollowOrder';
import { usePayAgain } from './usePayAgain';

export function PaySuccessPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const orderId = params.get('orderId') ?? '';
  const paymentKey = params.get('paymentKey') ?? '';
  const amount = Number(params.get('amount'));
  const finish = useMutation({ mutationFn: () => finishOrder(paymentKey, orderId, amount) });
  const { mutate } = finish;
  useEffect(() => {
    // Finishing twice is harmless (the order service answers a repeat with the same order).
    mutate();
  }, [mutate]);
  return (
    <section>
      {finish.isPending && <p className="muted">{t('pay.finishing')}</p>}
      {finish.isError && (
        <>
          <h1>{t('pay.failTitle')}</h1>
          <ErrorView error={finish.error} onRetry={() => mutate()} />
          {/* A refused finish (an amount that is not the order's, say) never reached the payment
              confirm, and the order stays payable from My orders. */}
          {finish.error instanceof ApiError && !finish.error.serverTrouble && <p className="muted">{t('pay.failBody')}</p>}
          <p>
            <Link to="/orders">{t('pay.toOrders')}</Link>
          </p>
        </>
      )}
      {finish.isSuccess && <Outcome order={finish.data} />}
    </section>
  );
}

/**
 * After the finish: "payment received" while the payment service confirms, and the failure page
 * instead if the confirm is declined (a card refused at approval: PAYMENT_FAILED, nothing charged;
 * such an order cannot be paid again, so the buyer is offered the product again).
 */
function Outcome({ order }: { order: Order }) {
  const { t, price } = useI18n();
  // Only the follower writes this entry (no fetch of its own that could land after a newer state).
  const view = useQuery({
    queryKey: ['order', order.id],
    queryFn: ({ signal }) => getOrder(order.id, signal),
    enabled: false,
  });
  const current = view.data ?? order;
  const confirming = current.status === 'CREATED' || current.status === 'PAYMENT_REQUESTED';
  useFollowOrder(order.id, current.updatedAt, confirming);
  if (current.status === 'PAYMENT_FAILED') {
    return (
      <>
        <h1>{t('pay.failTitle')}</h1>
        <p>{t('pay.declined')}</p>
        <p className="muted">{t('pay.failBody')}</p>
        <p>
          <Link className="button" to={`/products/${current.productId}`}>
            {t('pay.buyAgain')}
          </Link>{' '}
          <Link to="/orders">{t('pay.toOrders')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('pay.successTitle')}</h1>
      <p>{t('pay.successBody', { orderName: current.orderName, amount: price(current.amount) })}</p>
      {confirming && <p className="muted">{t('pay.finishing')}</p>}
      <p className="muted">
        <code>{current.id}</code>
      </p>
      <Link className="button" to="/orders">
        {t('pay.toOrders')}
      </Link>
    </>
  );
}

export function PayFailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const orderId = params.get('orderId') ?? '';
  const order = useQuery({ queryKey: ['order', orderId], queryFn: () => getOrder(orderId), enabled: orderId !== '' });
  const payAgain = usePayAgain();
  return (
    <section>
      <h1>{t('pay.failTitle')}</h1>
      <p>{params.get('message') ?? ''}</p>
      <p className="muted">
        {t('pay.failBody')} {params.get('code') && <code>{params.get('code')}</code>}
      </p>
      {order.data?.status === 'CREATED' && (
        <button type="button" onClick={() => order.data && payAgain.mutate(order.data)}>
          {t('pay.retry')}
        </button>
      )}
      {order.isError && <ErrorView error={order.error} onRetry={() => void order.refetch()} />}
      <p>
        <Link to="/orders">{t('pay.toOrders')}</Link>
      </p>
    </section>
  );
}
