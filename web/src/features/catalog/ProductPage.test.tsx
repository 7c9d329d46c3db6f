import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { renderRoute } from '../../testing/renderRoute';
import { ProductPage } from './ProductPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const session = () => json({ id: 7, loginId: 'buyer', userName: 'Buyer', role: 'BUYER', accessToken: 'AT', expiresIn: 900 });
const product = { productId: 3, sellerId: 2, productName: 'Lamp', productDescription: 'warm', productPrice: 45000, stockCount: 4, tags: [] };

/** Renders the product page over a fake edge; returns the bodies of the POSTs by path. */
function renderPage(answer: (path: string, body: unknown) => Response | undefined) {
  const posts: Record<string, unknown[]> = {};
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    if (url === '/api/member/tokens/refresh') return session();
    if (url === '/api/catalog/products/3') return json(product);
    const body = init.body ? JSON.parse(init.body as string) : undefined;
    if (init.method === 'POST') (posts[url] ??= []).push(body);
    return answer(url, body) ?? json({ status: 404, detail: `unexpected ${url}` }, 404);
  }));
  renderRoute([{ path: '/products/:productId', element: <ProductPage /> }], { path: '/products/3' });
  return posts;
}

describe('checkout with saved addresses', () => {
  it("orders to a chosen saved address by its id and shows the order service's refusal", async () => {
    const posts = renderPage((path) => {
      if (path === '/api/delivery/members/7/addresses') return json([{ id: 5, memberId: 7, address: 'Seoul, Sejong-daero 110', alias: 'home' }]);
      if (path === '/api/orders') return json({ status: 422, code: 'address_not_found', detail: 'no such address of yours' }, 422);
    });
    fireEvent.change(await screen.findByLabelText('Saved address'), { target: { value: '5' } });
    expect(screen.queryByLabelText('Delivery address')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Buy now' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no such address of yours');
    expect(posts['/api/orders']).toEqual([{ productId: 3, productCount: 1, deliveryCompany: 'HANJIN', addressId: 5 }]);
  });

  it('saves a typed address under an alias and chooses it; a refusal shows its detail', async () => {
    let saves = 0;
    const posts = renderPage((path, body) => {
      if (path === '/api/delivery/members/7/addresses') return json([]);
      if (path === '/api/delivery/addresses/register') {
        saves += 1;
        if (saves === 1) return json({ status: 400, detail: 'alias: too long' }, 400);
        return json({ id: 9, ...(body as object) }, 201);
      }
    });
    fireEvent.change(await screen.findByLabelText('Delivery address'), { target: { value: 'Busan HOLD-AT-HUB' } });
    fireEvent.change(screen.getByLabelText('Name for this address (to save it)'), { target: { value: 'office' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save address' }));
    expect((await screen.findByRole('alert')).textContent).toContain('alias: too long');
    fireEvent.click(screen.getByRole('button', { name: 'Save address' }));
    const saved = (await screen.findByLabelText('Saved address')) as HTMLSelectElement;
    expect(saved.value).toBe('9');
    expect(saved.selectedOptions[0].textContent).toBe('office — Busan HOLD-AT-HUB');
    expect(posts['/api/delivery/addresses/register']).toEqual([
      { memberId: 7, address: 'Busan HOLD-AT-HUB', alias: 'office' },
      { memberId: 7, address: 'Busan HOLD-AT-HUB', alias: 'office' },
    ]);
  });
});

describe('the seller', () => {
  const sellerFact = () => screen.getByText('Seller').nextElementSibling as HTMLElement;

  it("is shown by the member service's display name", async () => {
    renderPage((path) => {
      if (path === '/api/member/sellers?ids=2') return json({ sellers: [{ id: 2, userName: 'Lamp Works' }] });
      if (path === '/api/delivery/members/7/addresses') return json([]);
    });
    expect(await screen.findByText('Lamp Works')).toBeTruthy();
    expect(sellerFact().textContent).toBe('Lamp Works');
  });

  it('falls back to the id when the lookup knows no such seller or fails', async () => {
    renderPage((path) => {
      if (path === '/api/member/sellers?ids=2') return json({ sellers: [] });
      if (path === '/api/delivery/members/7/addresses') return json([]);
    });
    await screen.findByText('Lamp');
    await vi.waitFor(() => expect(sellerFact().textContent).toBe('seller #2'));
  });
});
