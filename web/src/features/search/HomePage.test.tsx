import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { Lang } from '../../lib/i18n';
import { renderRoute } from '../../testing/renderRoute';
import { HomePage } from './HomePage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const page = (items: unknown[], total = items.length) =>
  new Response(JSON.stringify({ items, page: 0, size: 8, total }), { status: 200 });
const product = (productId: number, productName: string) =>
  ({ productId, productName, productPrice: 39000, stockCount: 3, sellerId: 1, tags: ['키보드'] });

function renderHome(lang: Lang) {
  return renderRoute([{ path: '/', element: <HomePage /> }, { path: '*', element: <p>elsewhere</p> }], { lang, session: false });
}

describe('the home page', () => {
  it('shows the newest products first, above the categories', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      asked.push(decodeURIComponent(url));
      if (url.includes('sort=newest')) return page([product(12, '무선 키보드'), product(9, '기계식 키보드')], 20);
      return page([]);
    }));
    renderHome('ko');
    const arrivals = screen.getByRole('region', { name: '신상품' });
    const links = await within(arrivals).findAllByRole('link', { name: /^[^#].*키보드$/ });
    expect(links.map((l) => l.textContent)).toEqual(['무선 키보드', '기계식 키보드']);
    const headings = screen.getAllByRole('heading').map((h) => h.textContent);
    expect(headings).toEqual(['신상품', '카테고리']);
    expect(asked).toContain('/api/search/products?sort=newest&page=0&size=8');
    // More than fit: a way to all of them.
    expect(within(arrivals).getByRole('link', { name: '신상품 모두 보기' }).getAttribute('href')).toBe('/search?sort=newest');
  });

  it('invites sellers when the shop has no product yet', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => page([])));
    const router = renderHome('en');
    const arrivals = screen.getByRole('region', { name: 'New arrivals' });
    expect(await within(arrivals).findByText(/No products in the shop yet/)).toBeTruthy();
    expect(within(arrivals).queryByRole('link', { name: 'See all new arrivals' })).toBeNull();
    fireEvent.click(within(arrivals).getByRole('link', { name: 'Add a product' }));
    expect(router.state.location.pathname).toBe('/sell');
  });

  it('offers a retry when the search service does not answer, and the categories still work', async () => {
    let down = true;
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url.includes('sort=newest') && down) return new Response('', { status: 503 });
      return url.includes('sort=newest') ? page([product(3, 'Desk Lamp')]) : page([product(4, 'Trail Mix')]);
    }));
    renderHome('en');
    const arrivals = screen.getByRole('region', { name: 'New arrivals' });
    expect(await screen.findByRole('link', { name: 'Trail Mix' })).toBeTruthy();
    const retry = await within(arrivals).findByRole('button', { name: 'Try again' });
    down = false;
    fireEvent.click(retry);
    expect(await within(arrivals).findByRole('link', { name: 'Desk Lamp' })).toBeTruthy();
  });
});
