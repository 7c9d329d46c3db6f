// The seller's side: their products with stock (catalog GET /catalog/sellers/{id}/products, a cursor
// per page), editing one (PUT for name, description, price and tags; the stock moves by its own
// increase/decrease routes, so a sale in between is never overwritten), deleting one, and the orders
// for their products (order GET /orders/sellers/{id}/orders: no buyer, no address).
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { changeStock, deleteProduct, getProduct, listSellerProducts, updateProduct, type Product } from '../catalog/api';
import { listSellerOrders } from '../orders/api';
import { parseTags } from '../search/api';
import { ProductFields, type ProductForm } from './ProductFields';

function SellersOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { member } = useSession();
  if (member?.role === 'BUYER') return <p>{t('sell.sellersOnly')}</p>;
  return <>{children}</>;
}

function ProductRow({ product }: { product: Product }) {
  const { t, price } = useI18n();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteProduct(product.productId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['seller-products'] }),
  });
  const ask = () => {
    if (window.confirm(t('seller.deleteConfirm', { name: product.productName }))) remove.mutate();
  };
  return (
    <tr data-product-id={product.productId}>
      <td>
        <Link to={`/products/${product.productId}`}>{product.productName}</Link>
      </td>
      <td className="num">{price(product.productPrice)}</td>
      <td className="num">{product.stockCount > 0 ? product.stockCount : t('product.soldOut')}</td>
      <td className="actions">
        <Link to={`/seller/products/${product.productId}`}>{t('seller.edit')}</Link>{' '}
        <button type="button" disabled={remove.isPending} onClick={ask}>
          {t('seller.delete')}
        </button>
        {remove.isError && <ErrorView error={remove.error} />}
      </td>
    </tr>
  );
}

export function MyProductsPage() {
  const { t } = useI18n();
  const { member } = useSession();
  const sellerId = member?.id ?? 0;
  const products = useInfiniteQuery({
    queryKey: ['seller-products', sellerId],
    queryFn: ({ pageParam, signal }) => listSellerProducts(sellerId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    enabled: sellerId > 0,
  });
  const all = products.data?.pages.flatMap((p) => p.products) ?? [];
  return (
    <SellersOnly>
      <section>
        <h1>{t('seller.title')}</h1>
        <p>
          <Link className="button" to="/sell">{t('sell.title')}</Link>{' '}
          <Link to="/seller/orders">{t('seller.ordersTitle')}</Link>
        </p>
        {products.isError && <ErrorView error={products.error} onRetry={() => void products.refetch()} />}
        {products.isPending && !products.isError && <p className="muted">{t('common.loading')}</p>}
        {products.data && all.length === 0 && <p>{t('seller.noProducts')}</p>}
        {all.length > 0 && (
          <div className="scroll">
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">{t('sell.name')}</th>
                  <th scope="col" className="num">{t('product.price')}</th>
                  <th scope="col" className="num">{t('product.stock')}</th>
                  <th scope="col"><span className="visually-hidden">{t('seller.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {all.map((p) => (
                  <ProductRow key={p.productId} product={p} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {products.hasNextPage && (
          <button type="button" disabled={products.isFetchingNextPage} onClick={() => void products.fetchNextPage()}>
            {t('seller.more')}
          </button>
        )}
      </section>
    </SellersOnly>
  );
}

function EditForm({ product }: { product: Product }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ProductForm>({
    name: product.productName,
    description: product.productDescription,
    price: String(product.productPrice),
    stock: String(product.stockCount),
    tags: product.tags.join(', '),
  });
  const save = useMutation({
    mutationFn: async () => {
      await updateProduct(product.productId, {
        productName: form.name,
        productDescription: form.description,
        productPrice: Number(form.price),
        tags: parseTags(form.tags),
      });
      // The difference from the stock this form was opened with, so units sold meanwhile stay sold.
      const delta = Number(form.stock) - product.stockCount;
      if (delta !== 0) await changeStock(product.productId, delta);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['seller-products'] });
      await queryClient.invalidateQueries({ queryKey: ['product', product.productId] });
      navigate('/seller');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <ProductFields form={form} onChange={setForm} error={save.error} />
      {save.isError && <ErrorView error={save.error} />}
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('seller.save')}
      </button>
    </form>
  );
}

export function EditProductPage() {
  const { t } = useI18n();
  const { member } = useSession();
  const id = Number(useParams().productId);
  const product = useQuery({
    queryKey: ['product', id],
    queryFn: ({ signal }) => getProduct(id, signal),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: 0,
  });
  const notMine = product.data && member && member.role !== 'ADMIN' && product.data.sellerId !== member.id;
  return (
    <SellersOnly>
      <section className="narrow">
        <h1>{t('seller.editTitle')}</h1>
        {!(Number.isInteger(id) && id > 0) && <p>{t('product.notFound')}</p>}
        {product.isError && <ErrorView error={product.error} onRetry={() => void product.refetch()} />}
        {product.isPending && product.fetchStatus !== 'idle' && <p className="muted">{t('common.loading')}</p>}
        {notMine && <p className="error" role="alert">{t('seller.notYours')}</p>}
        {product.data && !notMine && <EditForm key={product.data.productId} product={product.data} />}
      </section>
    </SellersOnly>
  );
}

export function SellerOrdersPage() {
  const { t, price } = useI18n();
  const { member } = useSession();
  const sellerId = member?.id ?? 0;
  const [page, setPage] = useState(0);
  const orders = useQuery({
    queryKey: ['seller-orders', sellerId, page],
    queryFn: ({ signal }) => listSellerOrders(sellerId, page, signal),
    enabled: sellerId > 0,
  });
  return (
    <SellersOnly>
      <section>
        <h1>{t('seller.ordersTitle')}</h1>
        <p>
          <Link to="/seller">{t('seller.title')}</Link>
        </p>
        {orders.isError && <ErrorView error={orders.error} onRetry={() => void orders.refetch()} />}
        {orders.isPending && !orders.isError && <p className="muted">{t('common.loading')}</p>}
        {orders.data && orders.data.length === 0 && <p>{t('seller.noOrders')}</p>}
        {orders.data && orders.data.length > 0 && (
          <div className="scroll">
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">{t('seller.orderName')}</th>
                  <th scope="col" className="num">{t('orders.count')}</th>
                  <th scope="col" className="num">{t('orders.amount')}</th>
                  <th scope="col">{t('seller.status')}</th>
                  <th scope="col">{t('orders.created')}</th>
                </tr>
              </thead>
              <tbody>
                {orders.data.map((o) => (
                  <tr key={o.id} data-order-id={o.id} data-status={o.status}>
                    <td>
                      <Link to={`/products/${o.productId}`}>{o.orderName}</Link>
                    </td>
                    <td className="num">{o.productCount}</td>
                    <td className="num">{price(o.amount)}</td>
                    <td>{t(`status.${o.status}`)}</td>
                    <td>{new Date(o.createdAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="pager">
          {page > 0 && (
            <button type="button" onClick={() => setPage(page - 1)}>
              {t('search.prev')}
            </button>
          )}{' '}
          {orders.data && orders.data.length === 20 && (
            <button type="button" onClick={() => setPage(page + 1)}>
              {t('search.next')}
            </button>
          )}
        </p>
      </section>
    </SellersOnly>
  );
}
