// A product and "buy now": the order is created on the server (which prices it), then the browser
// goes to pay (Toss's widget on the shop's checkout page, or the sandbox's window). The address is
// typed or one of the buyer's saved addresses (the delivery service's address book; the order is
// then created with its addressId), and a typed one can be saved under an alias.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { Field } from '../../components/Field';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { listAddresses, saveAddress, type SavedAddress } from '../delivery/api';
import { createOrder } from '../orders/api';
import { openPaymentWindow } from '../orders/usePayAgain';
import { SellerName } from '../sellers/SellerName';
import { getProduct, type Product } from './api';

// The carriers the delivery service books with (services/delivery/README.md).
const kCarriers = ['HANJIN', 'LOTTE', 'CJ'];

// The choice "type an address" in the saved-address list.
const kTyped = '';

function BuyForm({ product }: { product: Product }) {
  const { t } = useI18n();
  const { member } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [count, setCount] = useState(1);
  const [savedId, setSavedId] = useState(kTyped);
  const [address, setAddress] = useState('');
  const [alias, setAlias] = useState('');
  const [carrier, setCarrier] = useState(kCarriers[0]);
  const memberId = member?.id ?? 0;
  const book = useQuery({
    queryKey: ['addresses', memberId],
    queryFn: ({ signal }) => listAddresses(memberId, signal),
    enabled: memberId > 0,
  });
  const save = useMutation({
    mutationFn: () => saveAddress(memberId, address.trim(), alias.trim()),
    onSuccess: (saved) => {
      queryClient.setQueryData<SavedAddress[]>(['addresses', memberId], (list) => [...(list ?? []), saved]);
      setSavedId(String(saved.id));
      setAlias('');
    },
  });
  const chosen = book.data?.find((a) => String(a.id) === savedId);
  const buy = useMutation({
    mutationFn: async () => {
      const where = chosen ? { addressId: chosen.id } : { address };
      const order = await createOrder({ productId: product.productId, productCount: count, deliveryCompany: carrier, ...where });
      await openPaymentWindow({
        ...order,
        memberId: memberId,
        productId: product.productId,
        productCount: count,
        deliveryCompany: carrier,
        address: chosen ? chosen.address : address,
      }, navigate);
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
      {book.data && book.data.length > 0 && (
        <Field label={t('product.savedAddress')} controlId="saved-address">
          <select id="saved-address" value={savedId} onChange={(e) => setSavedId(e.target.value)}>
            <option value={kTyped}>{t('product.typeAddress')}</option>
            {book.data.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.alias} — {a.address}
              </option>
            ))}
          </select>
        </Field>
      )}
      {book.isError && <p className="warning">{t('product.bookUnavailable')}</p>}
      {!chosen && (
        <>
          <Field label={t('product.address')} value={address} required maxLength={500} autoComplete="street-address"
                 onChange={(e) => setAddress(e.target.value)} />
          <div className="save-address">
            <Field label={t('product.alias')} value={alias} maxLength={100} onChange={(e) => setAlias(e.target.value)} />
            <button type="button" disabled={save.isPending || !alias.trim() || !address.trim()} onClick={() => save.mutate()}>
              {t('product.saveAddress')}
            </button>
          </div>
          {save.isError && <ErrorView error={save.error} />}
        </>
      )}
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
        <dd>
          <SellerName id={p.sellerId} />
        </dd>
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
