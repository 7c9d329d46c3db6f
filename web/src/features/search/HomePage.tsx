import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorView } from '../../components/ErrorView';
import { ProductList } from '../catalog/ProductList';
import { useI18n } from '../../lib/i18n';
import { newestProducts, searchProducts } from './api';
import { kCategories } from './categories';

const kNewArrivals = 8;

/** The products added last; on a new shop, an invitation to sellers instead of an empty grid. */
function NewArrivals() {
  const { t } = useI18n();
  const products = useQuery({
    queryKey: ['newest', kNewArrivals],
    queryFn: ({ signal }) => newestProducts(kNewArrivals, signal),
  });
  return (
    <section className="home-section" aria-labelledby="new-arrivals">
      <h1 id="new-arrivals">{t('home.newTitle')}</h1>
      <p className="muted">{t('home.newLead')}</p>
      {products.isError && <ErrorView error={products.error} onRetry={() => void products.refetch()} />}
      {products.isPending && <p className="muted">{t('common.loading')}</p>}
      {products.data &&
        (products.data.items.length === 0 ? (
          <p className="invite">
            {t('home.newEmpty')} <Link to="/sell">{t('home.newSell')}</Link>
          </p>
        ) : (
          <>
            <ProductList items={products.data.items} />
            {products.data.total > products.data.items.length && (
              <p>
                <Link to="/search?sort=newest">{t('home.newAll')}</Link>
              </p>
            )}
          </>
        ))}
    </section>
  );
}

function Categories() {
  const { t, lang } = useI18n();
  const [tag, setTag] = useState(kCategories[0].tag);
  const products = useQuery({
    queryKey: ['category', tag],
    queryFn: ({ signal }) =>
      searchProducts({ q: '', tags: [tag], mode: 'and', sort: 'relevance', page: 0, size: 24 }, signal),
  });
  return (
    <section className="home-section" aria-labelledby="categories">
      <h2 id="categories">{t('home.title')}</h2>
      <p className="muted">{t('home.lead')}</p>
      <div className="chips" role="tablist" aria-label={t('home.title')}>
        {kCategories.map((c) => (
          <button key={c.tag} type="button" role="tab" aria-selected={c.tag === tag} onClick={() => setTag(c.tag)}>
            {c[lang]}
          </button>
        ))}
      </div>
      {products.isError && <ErrorView error={products.error} onRetry={() => void products.refetch()} />}
      {products.isPending && <p className="muted">{t('common.loading')}</p>}
      {products.data &&
        (products.data.items.length === 0 ? <p>{t('home.empty')}</p> : <ProductList items={products.data.items} />)}
    </section>
  );
}

export function HomePage() {
  return (
    <>
      <NewArrivals />
      <Categories />
    </>
  );
}
