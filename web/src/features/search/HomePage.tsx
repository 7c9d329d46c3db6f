import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { ProductList } from '../../components/ProductCard';
import { useI18n } from '../../lib/i18n';
import { searchProducts } from './api';
import { kCategories } from './categories';

export function HomePage() {
  const { t, lang } = useI18n();
  const [tag, setTag] = useState(kCategories[0].tag);
  const products = useQuery({
    queryKey: ['category', tag],
    queryFn: ({ signal }) =>
      searchProducts({ q: '', tags: [tag], mode: 'and', sort: 'relevance', page: 0, size: 24 }, signal),
  });
  return (
    <section>
      <h1>{t('home.title')}</h1>
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
