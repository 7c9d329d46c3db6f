// Search as you type: the query lives in the URL (shareable, back button works); typing updates it
// after a short pause, and the previous results stay on screen while the next ones load.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { Field } from '../../components/Field';
import { ProductList } from '../catalog/ProductList';
import { useI18n } from '../../lib/i18n';
import { isSearchable, parseTags, searchProducts, type SearchQuery, type SortOrder } from './api';

const kPageSize = 12;
const kTypingPauseMs = 250;

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [tagText, setTagText] = useState(params.get('tags') ?? '');
  // Strings, not an object: a new object each render would restart the pause for ever.
  const typedText = useDebounced(text, kTypingPauseMs);
  const typedTags = useDebounced(tagText, kTypingPauseMs);

  const mode = params.get('mode') === 'or' ? 'or' : 'and';
  const sort = (['price_asc', 'price_desc', 'newest'].includes(params.get('sort') ?? '') ? params.get('sort') : 'relevance') as SortOrder;
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);

  useEffect(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        const set = (k: string, v: string) => (v ? next.set(k, v) : next.delete(k));
        if ((prev.get('q') ?? '') === typedText && (prev.get('tags') ?? '') === typedTags) return prev;
        next.delete('page');
        set('q', typedText);
        set('tags', typedTags);
        return next;
      },
      { replace: true },
    );
  }, [typedText, typedTags, setParams]);

  const query: SearchQuery = {
    q: params.get('q') ?? '',
    tags: parseTags(params.get('tags') ?? ''),
    mode,
    sort,
    page,
    size: kPageSize,
  };
  const result = useQuery({
    queryKey: ['search', query],
    queryFn: ({ signal }) => searchProducts(query, signal),
    enabled: isSearchable(query),
    placeholderData: keepPreviousData,
  });

  const setParam = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set(key, value);
      if (key !== 'page') next.delete('page');
      return next;
    });
  const pages = result.data ? Math.max(1, Math.ceil(result.data.total / kPageSize)) : 1;

  return (
    <section>
      <h1>{t('nav.search')}</h1>
      <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('search.label')} type="search" value={text} placeholder={t('search.placeholder')}
               autoFocus onChange={(e) => setText(e.target.value)} />
        <Field label={t('search.tags')} value={tagText} onChange={(e) => setTagText(e.target.value)} />
        <Field label={t('search.mode')} controlId="search-mode">
          <select id="search-mode" value={mode} onChange={(e) => setParam('mode', e.target.value)}>
            <option value="and">{t('search.mode.and')}</option>
            <option value="or">{t('search.mode.or')}</option>
          </select>
        </Field>
        <Field label={t('search.sort')} controlId="search-sort">
          <select id="search-sort" value={sort} onChange={(e) => setParam('sort', e.target.value)}>
            {(['relevance', 'price_asc', 'price_desc', 'newest'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </form>
      {!isSearchable(query) && <p className="muted">{t('search.hint')}</p>}
      {result.isError && <ErrorView error={result.error} onRetry={() => void result.refetch()} />}
      {isSearchable(query) && result.isPending && <p className="muted">{t('common.loading')}</p>}
      {result.data && isSearchable(query) && (
        <div aria-busy={result.isFetching} className={result.isPlaceholderData ? 'stale' : undefined}>
          <p className="muted" aria-live="polite">{t('search.total', { total: result.data.total })}</p>
          {result.data.items.length === 0 ? <p>{t('search.none')}</p> : <ProductList items={result.data.items} />}
          {pages > 1 && (
            <nav className="pager" aria-label="pages">
              <button type="button" disabled={page === 0} onClick={() => setParam('page', String(page - 1))}>
                {t('search.prev')}
              </button>
              <span>{t('search.page', { page: page + 1, pages })}</span>
              <button type="button" disabled={page + 1 >= pages} onClick={() => setParam('page', String(page + 1))}>
                {t('search.next')}
              </button>
            </nav>
          )}
        </div>
      )}
    </section>
  );
}
