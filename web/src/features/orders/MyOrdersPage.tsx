// My orders: the buyer's orders, newest first, each followed live by its card (OrderCard: the order
// service's long poll while it moves, no reload, no polling of the list), and one order's own page
// (/orders/:orderId), which refuses clearly an order that is not the buyer's.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorView } from '../../components/ErrorView';
import { ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { getOrder, kTerminal, listOrders } from './api';
import { OrderCard } from './OrderCard';

const kMaxFollowed = 3;

export function MyOrdersPage() {
  const { t } = useI18n();
  const { member } = useSession();
  const memberId = member?.id ?? 0;
  const orders = useQuery({
    queryKey: ['orders', memberId],
    queryFn: ({ signal }) => listOrders(memberId, signal),
    enabled: memberId > 0,
    retry: false,
  });
  const moving = orders.data?.filter((o) => !kTerminal.has(o.status)).map((o) => o.id) ?? [];
  // Each long poll holds one of the six connections a browser opens to the edge (HTTP/1.1): the
  // newest kMaxFollowed moving orders are followed, the next one as soon as one of them is final, so
  // the page's other requests (a cancel, the next page) never queue behind them.
  const followed = new Set(moving.slice(0, kMaxFollowed));
  return (
    <section>
      <h1>{t('orders.title')}</h1>
      {orders.isError && <ErrorView error={orders.error} onRetry={() => void orders.refetch()} />}
      {orders.isPending && !orders.isError && <p className="muted">{t('common.loading')}</p>}
      {orders.data && orders.data.length === 0 && <p>{t('orders.empty')}</p>}
      {moving.length > 0 && <p className="muted">{t('orders.live')}</p>}
      {orders.data && orders.data.length > 0 && (
        <ul className="orders">
          {orders.data.map((o) => (
            <li key={o.id}>
              <OrderCard order={o} follow={followed.has(o.id)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OrderPage() {
  const { t } = useI18n();
  const orderId = useParams().orderId ?? '';
  const order = useQuery({
    queryKey: ['order', orderId],
    queryFn: ({ signal }) => getOrder(orderId, signal),
    staleTime: Infinity,
  });
  return (
    <section className="order-page">
      {order.isError && (
        <>
          <h1>{t('orders.unavailable')}</h1>
          {/* Someone else's order id, or one no order has (typed or forged in the address): say what
              that means in words before the server's reason. */}
          {order.error instanceof ApiError && (order.error.status === 403 || order.error.status === 404) && (
            <p>{t('orders.notYours')}</p>
          )}
          <ErrorView error={order.error} onRetry={() => void order.refetch()} />
        </>
      )}
      {order.isPending && <p className="muted">{t('common.loading')}</p>}
      {order.data && <OrderCard order={order.data} detailed />}
      <p>
        <Link to="/orders">{t('pay.toOrders')}</Link>
      </p>
    </section>
  );
}
