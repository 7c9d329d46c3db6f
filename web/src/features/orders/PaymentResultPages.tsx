// The shop's own pages at the end of the payment window. Success: the window sends the buyer here with
// paymentKey, orderId and amount; the page finishes the order on the server the way the seed's
// checkout did (POST /orders/finish-order, with the buyer's token) — the order service compares the
// amount with the one it fixed and asks payment to confirm at Toss. Failure: nothing was charged;
// the order stays payable until it expires.
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { useI18n } from '../../lib/i18n';
import { finishOrder, getOrder } from './api';
import { usePayAgain } from './usePayAgain';

export function PaySuccessPage() {
  const { t, price } = useI18n();
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
        </>
      )}
      {finish.isSuccess && (
        <>
          <h1>{t('pay.successTitle')}</h1>
          <p>{t('pay.successBody', { orderName: finish.data.orderName, amount: price(finish.data.amount) })}</p>
          <p className="muted">
            <code>{finish.data.id}</code>
          </p>
          <Link className="button" to="/orders">
            {t('pay.toOrders')}
          </Link>
        </>
      )}
    </section>
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
