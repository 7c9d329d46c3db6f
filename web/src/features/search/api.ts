import { api } from '../../lib/api';
import type { ProductSummary } from '../catalog/ProductList';

export type SortOrder = 'relevance' | 'price_asc' | 'price_desc' | 'newest';

export interface SearchQuery {
  q: string;
  tags: string[];
  mode: 'and' | 'or';
  sort: SortOrder;
  page: number;
  size: number;
}

export interface SearchPage {
  items: ProductSummary[];
  page: number;
  size: number;
  total: number;
}

/** Tags as the search service matches them: trimmed, lower-case, no empties, no repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** The search service needs at least one word or one tag, except newest first, which lists every product. */
export function isSearchable(query: SearchQuery): boolean {
  return query.q.trim() !== '' || query.tags.length > 0 || query.sort === 'newest';
}

/** The query string of GET /search/products for <query> (empty parts left out). */
export function searchPath(query: SearchQuery): string {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q.trim());
  if (query.tags.length) {
    params.set('tags', query.tags.join(','));
    params.set('mode', query.mode);
  }
  params.set('sort', query.sort);
  params.set('page', String(query.page));
  params.set('size', String(query.size));
  return `/search/products?${params}`;
}

export function searchProducts(query: SearchQuery, signal?: AbortSignal): Promise<SearchPage> {
  return api<SearchPage>(searchPath(query), { signal });
}

/** The <size> products added last, newest first (the home page's new arrivals). */
export function newestProducts(size: number, signal?: AbortSignal): Promise<SearchPage> {
  return searchProducts({ q: '', tags: [], mode: 'and', sort: 'newest', page: 0, size }, signal);
}
