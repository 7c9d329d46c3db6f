import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { renderRoute } from '../../testing/renderRoute';
import { SearchPage } from './SearchPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('search as you type', () => {
  it('asks once the typing pauses, shows the hits, and then stays quiet', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      asked.push(decodeURIComponent(url));
      if (url.startsWith('/api/member/sellers')) {
        return new Response(JSON.stringify({ sellers: [{ id: 1, userName: '노트북 가게' }] }), { status: 200 });
      }
      return new Response(JSON.stringify({
        items: [{ productId: 3, productName: '게이밍노트북', productPrice: 1290000, stockCount: 2, sellerId: 1, tags: ['노트북'] }],
        page: 0, size: 12, total: 1,
      }), { status: 200 });
    }));
    const router = renderRoute([{ path: '/search', element: <SearchPage /> }], { path: '/search', lang: 'ko', session: false });
    const box = screen.getByLabelText('상품 검색');
    for (const text of ['노', '노트']) fireEvent.change(box, { target: { value: text } });
    expect(await screen.findByRole('link', { name: '게이밍노트북' })).toBeTruthy();
    expect(screen.getByText('1,290,000원')).toBeTruthy();
    // The card names its seller, not "판매자 #1".
    expect(await screen.findByText('노트북 가게')).toBeTruthy();
    expect(screen.queryByText(/#1/)).toBeNull();
    let navigations = 0;
    router.subscribe(() => {
      navigations += 1;
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(navigations).toBe(0);
    expect(asked).toEqual(['/api/search/products?q=노트&sort=relevance&page=0&size=12', '/api/member/sellers?ids=1']);
    expect(router.state.location.search).toBe('?q=%EB%85%B8%ED%8A%B8');
  });
});
