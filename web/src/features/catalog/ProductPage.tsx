// A product and "buy now": the order is created on the server (which prices it), then the browser
// goes to the payment window.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { Field } from '../../components/Field';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { createOrder } from '../orders/api';
import { openPaymentWindow } from '../orders/usePayAgain';
import { getProduct, type Product } from './api';

// The carriers the delivery service books with (services/delivery/README.md).
const kCarriers = ['HANJIN', 'LOTTE', 'CJ'];

function BuyForm({ product }: { product: Product }) {
  const { t } = useI18n();
  const { member } = useSession();
  const location = useLocation();
  const [count, setCount] = useState(1);
  const [address, setAddress] = useState('');
  const [carrier, setCarrier] = useState(kCarriers[0]);
  const buy = useMutation({
    mutationFn: async () => {
      const order = await createOrder({ productId: product.productId, productCount: count, deliveryCompany: carrier, address });
      await openPaymentWindow({
        ...order,
        memberId: member!.id,
        productId: product.productId,
        productCount: count,
        deliveryCompany: carrier,
        address,
      });
    },
  });
  if (!member) {
    return (
      <Link className="button" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
        {t('product.loginToBuy')}
      </Link>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    buy.mutate();
  };
  return (
    <form className="buy" onSubmit={submit}>
      <Field label={t('product.count')} type="number" min={1} max={Math.max(1, Math.min(1000, product.stockCount))}
             value={count} required onChange={(e) => setCount(Math.max(1, Number(e.target.value) || 1))} />
      <Field label={t('product.address')} value={address} required maxLength={500} autoComplete="street-address"
             onChange={(e) => setAddress(e.target.value)} />
      <Field label={t('product.carrier')} controlId="carrier">
        <select id="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)}>
          {kCarriers.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </Field>
      {buy.isError && <ErrorView error={buy.error} />}
      <button type="submit" className="primary" disabled={buy.isPending || product.stockCount === 0}>
        {buy.isPending ? t('product.buying') : product.stockCount === 0 ? t('product.soldOut') : t('product.buy')}
      </button>
    </form>
  );
}

export function ProductPage() {
  const { t, price } = useI18n();
  const id = Number(useParams().productId);
  const product = useQuery({
    queryKey: ['product', id],
    queryFn: ({ signal }) => getProduct(id, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
  if (!(Number.isInteger(id) && id > 0)) return <p>{t('product.notFound')}</p>;
  if (product.isError) return <ErrorView error={product.error} onRetry={() => void product.refetch()} />;
  if (!product.data) return <p className="muted">{t('common.loading')}</p>;
  const p = product.data;
  return (
    <article className="product">
      <h1>{p.productName}</h1>
      <p className="description">{p.productDescription}</p>
      <dl className="facts">
        <dt>{t('product.price')}</dt>
        <dd className="price">{price(p.productPrice)}</dd>
        <dt>{t('product.stock')}</dt>
        <dd>{p.stockCount > 0 ? p.stockCount : t('product.soldOut')}</dd>
        <dt>{t('product.seller')}</dt>
        <dd>{t('product.sellerValue', { id: p.sellerId })}</dd>
        <dt>{t('product.tags')}</dt>
        <dd className="tags">
          {p.tags.map((tag) => (
            <Link key={tag} className="tag" to={`/search?tags=${encodeURIComponent(tag)}`}>
              #{tag}
            </Link>
          ))}
        </dd>
      </dl>
      <BuyForm product={p} />
    </article>
  );
}
