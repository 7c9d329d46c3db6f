// The shop's checkout page for an installation with a real Toss widget key (shop-config's
// tossClientKey): the order as the server priced it, Toss's payment widget v2 (payment methods and
// terms) and the pay button, which sends the buyer through Toss to /pay/success or /pay/fail as the
// sandbox's window does. The order comes from the order service, so a reload or a link from My orders
// works alike. Without a key, the page only offers the sandbox's window.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { shopConfig } from '../../lib/config';
import { useI18n } from '../../lib/i18n';
import { getOrder, type Order } from './api';
import { loadTossPayments, mountTossWidget, tossErrorCode, tossErrorMessage, type MountedWidget } from './tossWidget';
import type { PayableOrder } from './paymentWindow';
import { usePayAgain } from './usePayAgain';

// Drawing the widget waits on Toss's servers too: past this the buyer gets the retry, not a spinner.
const kWidgetTimeoutMs = 30_000;
const kPlaces = { methods: '#toss-payment-methods', agreement: '#toss-agreement' };

export function CheckoutPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const orderId = params.get('orderId') ?? '';
  const config = useQuery({ queryKey: ['shop-config'], queryFn: shopConfig, staleTime: Infinity });
  const order = useQuery({
    queryKey: ['order', orderId],
    queryFn: ({ signal }) => getOrder(orderId, signal),
    enabled: orderId !== '',
  });
  let body;
  if (orderId === '') body = <p>{t('checkout.noOrder')}</p>;
  else if (config.isError) body = <ErrorView error={config.error} onRetry={() => void config.refetch()} />;
  else if (order.isError) body = <ErrorView error={order.error} onRetry={() => void order.refetch()} />;
  else if (!config.data || !order.data) body = <p className="muted">{t('common.loading')}</p>;
  else if (order.data.status !== 'CREATED') {
    body = (
      <>
        <p>{t('checkout.notPayable')}</p>
        <Link to={`/orders/${encodeURIComponent(order.data.id)}`}>{t('checkout.toOrder')}</Link>
      </>
    );
  } else if (config.data.tossClientKey) body = <TossCheckout clientKey={config.data.tossClientKey} order={order.data} />;
  else body = <SandboxCheckout order={order.data} />;
  return (
    <section className="checkout">
      <h1>{t('checkout.title')}</h1>
      {body}
    </section>
  );
}

function SandboxCheckout({ order }: { order: Order }) {
  const { t } = useI18n();
  const payAgain = usePayAgain();
  return (
    <>
      <button type="button" className="primary" disabled={payAgain.isPending} onClick={() => payAgain.mutate(order)}>
        {t('checkout.openWindow')}
      </button>
      {payAgain.isError && <ErrorView error={payAgain.error} />}
    </>
  );
}

type WidgetState = 'loading' | 'ready' | 'failed';

function TossCheckout({ clientKey, order }: { clientKey: string; order: Order }) {
  const { t, price } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<WidgetState>('loading');
  const [paying, setPaying] = useState(false);
  const [payProblem, setPayProblem] = useState<string | null>(null);
  const widget = useRef<MountedWidget | null>(null);
  const { id, orderName, amount, memberId, productId, productCount, deliveryCompany, address } = order;
  // Only a change of what is paid draws the widget again, not a refetch returning the same order.
  const payable = useMemo<PayableOrder>(
    () => ({ orderId: id, orderName, amount, memberId, productId, productCount, deliveryCompany, address }),
    [id, orderName, amount, memberId, productId, productCount, deliveryCompany, address],
  );

  useEffect(() => {
    const abort = new AbortController();
    let left = false;
    let mounted: MountedWidget | null = null;
    setState('loading');
    setPayProblem(null);
    const timer = window.setTimeout(() => abort.abort(new Error('the payment widget took too long')), kWidgetTimeoutMs);
    loadTossPayments()
      .then((TossPayments) => mountTossWidget(TossPayments, clientKey, payable, window.location.origin, kPlaces, abort.signal))
      .then(
        (m) => {
          mounted = m;
          widget.current = m;
          setState('ready');
        },
        (e: unknown) => {
          if (left) return;
          // For support: the SDK's code and message say why (a wrong key, Toss unreachable, …).
          console.error('Toss payment widget', e);
          setState('failed');
        },
      )
      .finally(() => window.clearTimeout(timer));
    return () => {
      left = true;
      abort.abort();
      window.clearTimeout(timer);
      widget.current = null;
      void mounted?.destroy();
    };
  }, [clientKey, payable, attempt]);

  const pay = async () => {
    if (!widget.current) return;
    setPaying(true);
    setPayProblem(null);
    try {
      await widget.current.pay();
    } catch (e) {
      setPayProblem(
        tossErrorCode(e) === 'USER_CANCEL' ? t('checkout.closed') : (tossErrorMessage(e) ?? t('checkout.payFailed')),
      );
    } finally {
      setPaying(false);
    }
  };

  return (
    <>
      <p>
        <strong>{order.orderName}</strong> — {price(order.amount)}
      </p>
      {state === 'loading' && <p className="muted" role="status">{t('checkout.loading')}</p>}
      {state === 'failed' && (
        <div className="error" role="alert">
          <p>{t('checkout.unavailable')}</p>
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            {t('error.retry')}
          </button>
        </div>
      )}
      {/* Fresh elements for each attempt, so nothing of a failed drawing stays in the way. */}
      <div key={attempt} className="toss-widget" hidden={state === 'failed'}>
        <div id={kPlaces.methods.slice(1)} />
        <div id={kPlaces.agreement.slice(1)} />
      </div>
      {payProblem && <p className="warning" role="alert">{payProblem}</p>}
      {state === 'ready' && (
        <button type="button" className="primary" disabled={paying} onClick={() => void pay()}>
          {paying ? t('checkout.paying') : t('checkout.pay', { amount: price(order.amount) })}
        </button>
      )}
      <p>
        <Link to="/orders">{t('pay.toOrders')}</Link>
      </p>
    </>
  );
}
