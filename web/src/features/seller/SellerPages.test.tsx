import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { renderRoute } from '../../testing/renderRoute';
import { NewProductPage } from './NewProductPage';
import { EditProductPage, MyProductsPage, SellerOrdersPage } from './SellerPages';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const session = () => json({ id: 2, loginId: 'lamps', userName: 'Lamps', role: 'SELLER', accessToken: 'AT', expiresIn: 900 });
const product = (id: number, stockCount: number) => ({
  productId: id, sellerId: 2, productName: `Lamp ${id}`, productDescription: 'warm', productPrice: 45000, stockCount, tags: ['light'],
});

/** Renders <path> over a fake edge answering with <answer>; returns every "METHOD url body" asked. */
function renderAt(path: string, answer: (url: string, init: RequestInit) => Response | undefined) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    if (url === '/api/member/tokens/refresh') return session();
    asked.push(`${init.method} ${url}${init.body ? ` ${init.body}` : ''}`);
    return answer(url, init) ?? json({ status: 404, detail: `unexpected ${url}` }, 404);
  }));
  renderRoute([
    { path: '/seller', element: <MyProductsPage /> },
    { path: '/seller/products/:productId', element: <EditProductPage /> },
    { path: '/seller/orders', element: <SellerOrdersPage /> },
    { path: '/sell', element: <NewProductPage /> },
  ], { path });
  return asked;
}

describe('seller pages', () => {
  it("lists the seller's products with stock, page by page, and deletes one", async () => {
    let deleted = false;
    const asked = renderAt('/seller', (url, init) => {
      if (url === '/api/catalog/sellers/2/products?size=20') {
        return json(deleted ? [product(2, 3)] : [product(1, 0), product(2, 3)], 200, { 'X-Next-Cursor': 'CUR' });
      }
      if (url === '/api/catalog/sellers/2/products?size=20&cursor=CUR') return json([product(5, 9)]);
      if (url === '/api/catalog/products/1' && init.method === 'DELETE') {
        deleted = true;
        return new Response(null, { status: 204 });
      }
    });
    const row = async (id: number) => (await screen.findByText(`Lamp ${id}`)).closest('tr')!;
    expect((await row(1)).textContent).toContain('Sold out');
    expect((await row(2)).textContent).toContain('3');
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    expect((await row(5)).textContent).toContain('9');
    vi.stubGlobal('confirm', () => true);
    fireEvent.click((await row(1)).querySelector('button')!);
    await vi.waitFor(() => expect(screen.queryByText('Lamp 1')).toBeNull());
    expect(asked).toContain('DELETE /api/catalog/products/1');
  });

  it('saves an edit with PUT and moves the stock by the difference only', async () => {
    const asked = renderAt('/seller/products/1', (url, init) => {
      if (url === '/api/catalog/products/1' && init.method === 'GET') return json(product(1, 5));
      if (url === '/api/catalog/products/1' && init.method === 'PUT') return json(product(1, 5));
      if (url === '/api/catalog/products/1/decreaseStockCount') {
        return json({ status: 409, code: 'insufficient_stock', detail: 'only 1 left' }, 409);
      }
      if (url.startsWith('/api/catalog/sellers/')) return json([]);
    });
    fireEvent.change(await screen.findByLabelText('Price (KRW)'), { target: { value: '39000' } });
    fireEvent.change(screen.getByLabelText('Stock'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('only 1 left');
    expect(asked.filter((a) => !a.startsWith('GET'))).toEqual([
      'PUT /api/catalog/products/1 {"productName":"Lamp 1","productDescription":"warm","productPrice":39000,"tags":["light"]}',
      'POST /api/catalog/products/1/decreaseStockCount {"decrementStockCount":3}',
    ]);
  });

  it("lists the orders for the seller's products from the order service", async () => {
    const asked = renderAt('/seller/orders', (url) => {
      if (url === '/api/orders/sellers/2/orders?page=0&size=20') {
        return json([{ id: 'ORDa', productId: 1, productCount: 2, orderName: 'Lamp 1', amount: 90000, status: 'IN_DELIVERY',
                       createdAt: '2026-12-06T10:00:00Z' }]);
      }
    });
    const row = (await screen.findByText('Lamp 1')).closest('tr')!;
    expect(row.textContent).toContain('₩90,000');
    expect(row.textContent).toContain('in delivery');
    expect(asked).toEqual(['GET /api/orders/sellers/2/orders?page=0&size=20']);
  });
  it("shows the catalog's refusal of oversized fields beside the fields it names", async () => {
    const asked = renderAt('/sell', (url) => {
      if (url === '/api/catalog/products/register') {
        return json({
          status: 400, code: 'validation_failed', detail: 'the request is invalid',
          errors: [
            { field: 'productName', message: 'must be at most 200 characters' },
            { field: 'productDescription', message: 'must be at most 4000 characters' },
          ],
        }, 400);
      }
    });
    // What a forger's developer tools make of the form: its limits gone.
    const name = (await screen.findByLabelText('Name')) as HTMLInputElement;
    const description = screen.getByLabelText('Description') as HTMLTextAreaElement;
    name.removeAttribute('maxlength');
    description.removeAttribute('maxlength');
    fireEvent.change(name, { target: { value: 'N'.repeat(201) } });
    fireEvent.change(description, { target: { value: 'D'.repeat(4001) } });
    fireEvent.change(screen.getByLabelText('Price (KRW)'), { target: { value: '1000' } });
    fireEvent.change(screen.getByLabelText('Stock'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the request is invalid');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('must be at most 200 characters');
    expect(description.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(description.getAttribute('aria-describedby')!)!.textContent).toBe('must be at most 4000 characters');
    expect(screen.getByLabelText('Price (KRW)').getAttribute('aria-invalid')).toBeNull();
    expect(asked.filter((a) => a.startsWith('POST'))).toHaveLength(1);
  });
});
