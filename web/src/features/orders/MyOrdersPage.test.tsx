import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { makeQueryClient } from '../../app/App';
import { renderRoute } from '../../testing/renderRoute';
import { MyOrdersPage, OrderPage } from './MyOrdersPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function order(status: string, updatedAt = 't1', extra: Record<string, unknown> = {}) {
  return { id: 'ORDa', memberId: 7, orderName: 'Lamp', productId: 1, productCount: 1, amount: 45000, status,
           deliveryCompany: 'CJ', address: 'Seoul', createdAt: '2026-12-06T10:00:00Z', updatedAt, ...extra };
}

const history = (to: string, reason: string) => ({ from: 'CREATED', to, reason, at: '2026-12-06T10:02:00Z' });

/** A long poll the server holds (nothing changes) until the page lets go of it. */
const held = (init: RequestInit) =>
  new Promise<Response>((_, reject) =>
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

function renderPage(path = '/orders', client = makeQueryClient()) {
  renderRoute([
    { path: '/orders', element: <MyOrdersPage /> },
    { path: '/orders/:orderId', element: <OrderPage /> },
  ], { path, client });
}

const session = () => json({ id: 7, loginId: 'buyer', userName: 'Buyer', role: 'BUYER', accessToken: 'AT', expiresIn: 900 });

describe('My orders', () => {
  it('follows an order with the long poll, without a reload, and stops once it is final', async () => {
    const follows = [order('IN_DELIVERY', 't2'), order('DELIVERED', 't3')];
    const urls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/member/tokens/refresh') return session();
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer AT');
      urls.push(url);
      if (url === '/api/orders/users/7/orders?page=0&size=20') return json([order('PAID')]);
      return json({ ...follows.shift(), history: [] });
    }));
    renderPage();
    expect(await screen.findByText('paid')).toBeTruthy();
    expect(await screen.findByText('delivered')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1500));
    expect(urls).toEqual([
      '/api/orders/users/7/orders?page=0&size=20',
      '/api/orders/orders/ORDa?since=t1&wait=20',
      '/api/orders/orders/ORDa?since=t2&wait=20',
    ]);
  });

  it('follows at most three moving orders at once (a browser opens six connections to the edge) and the next when one ends', async () => {
    const orders = ['ORD1', 'ORD2', 'ORD3', 'ORD4', 'ORD5'].map((id) => ({ ...order('PAID'), id, orderName: id }));
    const polls: string[] = [];
    let finishOrd1: (r: Response) => void = () => {};
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (url.startsWith('/api/orders/users/')) return json(orders);
      polls.push(url.split('?')[0].split('/').pop()!);
      if (url.includes('/ORD1?')) return new Promise<Response>((resolve) => (finishOrd1 = resolve));
      return held(init);
    }));
    renderPage();
    await screen.findByText('ORD5');
    await vi.waitFor(() => expect(polls).toEqual(['ORD1', 'ORD2', 'ORD3']));
    finishOrd1(json({ ...orders[0], status: 'DELIVERED', updatedAt: 't9', history: [] }));
    await vi.waitFor(() => expect(polls).toEqual(['ORD1', 'ORD2', 'ORD3', 'ORD4']));
  });

  it('says when the service is unreachable and when it tries again, never a spinner for ever', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (url.startsWith('/api/orders/users/')) return json([order('PAID')]);
      return new Response('', { status: 502 });
    }));
    renderPage();
    expect((await screen.findByRole('status')).textContent).toBe('Connection lost. Trying again in 2 s.');
  });

  it('shows "cancel requested" for a 202, then the live status, the refund and the timeline', async () => {
    const cancels: string[] = [];
    let cancelled = false;
    // The long poll from t1 is answered by the cancel request itself (it changes updatedAt).
    let answerT1: (r: Response) => void = () => {};
    const t1 = new Promise<Response>((resolve) => (answerT1 = resolve));
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (url.endsWith('/cancel')) {
        cancels.push(`${init.method} ${url}`);
        answerT1(json({ ...order('PAID', 't2', { cancelRequestedAt: 't2' }), history: [] }));
        return new Response(JSON.stringify(order('PAID', 't2', { cancelRequestedAt: 't2' })), { status: 202 });
      }
      if (url.startsWith('/api/orders/users/')) return json([order('PAID')]);
      if (url.includes('since=t2')) {
        // The shipment is stopped and the refund comes in: the order ends CANCELLED.
        if (cancelled) return held(init);
        cancelled = true;
        await new Promise((r) => setTimeout(r, 300)); // "cancel requested" stays on screen meanwhile
        return json({ ...order('CANCELLED', 't3', { approvedAt: 't0', cancelRequestedAt: 't2' }),
                      history: [history('PAID', 'payment-confirm-response'),
                                history('CANCELLED', 'payment-refunded: the order is cancelled: return its payment and its stock')] });
      }
      if (url.includes('since=t1')) return t1;
      return held(init);
    }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText(/Cancel requested/)).toBeTruthy();
    expect(cancels).toEqual(['POST /api/orders/orders/ORDa/cancel']);
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
    expect(await screen.findByText('cancelled')).toBeTruthy();
    expect(screen.getByText('Refunded in full: ₩45,000.')).toBeTruthy();
    expect(screen.queryByText(/Cancel requested/)).toBeNull();
    fireEvent.click(screen.getByText('Timeline'));
    fireEvent(screen.getByText('Timeline').parentElement!, new Event('toggle'));
    // A sentence for the shopper; the order service's words only in the title, for support.
    const refunded = await screen.findByText(/The payment was refunded in full\./);
    expect(refunded.getAttribute('title')).toBe('payment-refunded: the order is cancelled: return its payment and its stock');
    expect(screen.getByText(/Payment approved\./)).toBeTruthy();
    expect(screen.queryByText(/payment-refunded|payment-confirm-response/)).toBeNull();
  });

  it('fetches the timeline again when the history cached earlier is older than the order in the list', async () => {
    // The success page cached the order while it was PAID; it ended before My orders was opened, so
    // nothing followed it and the list is the first to show CANCELLED.
    const client = makeQueryClient();
    client.setQueryData(['order', 'ORDa'], { ...order('PAID', '2026-12-06T10:01:00.000Z'), history: [history('PAID', 'payment-confirm-response')] });
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (url.startsWith('/api/orders/users/')) return json([order('CANCELLED', '2026-12-06T10:03:00.000Z', { approvedAt: 't0' })]);
      if (url === '/api/orders/orders/ORDa') {
        return json({ ...order('CANCELLED', '2026-12-06T10:03:00.000Z', { approvedAt: 't0' }),
                      history: [history('PAID', 'payment-confirm-response'), history('CANCELLING', 'stock-rejected: insufficient_stock'),
                                history('CANCELLED', 'payment-refunded')] });
      }
      throw new Error(`unexpected ${url}`);
    }));
    renderPage('/orders', client);
    expect(await screen.findByText('cancelled')).toBeTruthy();
    fireEvent.click(screen.getByText('Timeline'));
    fireEvent(screen.getByText('Timeline').parentElement!, new Event('toggle'));
    expect(await screen.findByText(/The item ran out/)).toBeTruthy();
  });

  it('shows why the order service refuses a cancel', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (url.endsWith('/cancel')) {
        return new Response(JSON.stringify({ status: 409, code: 'order_not_cancellable', detail: 'the parcel has left' }),
                            { status: 409, headers: { 'Content-Type': 'application/problem+json' } });
      }
      if (url.startsWith('/api/orders/users/')) return json([order('DELIVERY_REQUESTED')]);
      return held(init);
    }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel order' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the parcel has left');
  });

  it("refuses another buyer's order in the URL with the server's reason, not a blank page", async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/member/tokens/refresh') return session();
      expect(url).toBe('/api/orders/orders/ORDb');
      return new Response(JSON.stringify({ status: 403, code: 'forbidden', detail: 'not your order' }), { status: 403 });
    }));
    renderPage('/orders/ORDb');
    expect(await screen.findByRole('heading', { name: 'This order cannot be shown' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('not your order');
    expect(screen.getByText(/It is not one of your orders, or no order has this number/)).toBeTruthy();
  });

  it('says the same in words for an order id no order has, and only a retry for a service that is down', async () => {
    let down = false;
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (down) return new Response('', { status: 503 });
      return new Response(JSON.stringify({ status: 404, code: 'order_not_found', detail: 'no such order' }), { status: 404 });
    }));
    renderPage('/orders/ORDnone');
    expect((await screen.findByRole('alert')).textContent).toContain('no such order');
    expect(screen.getByText(/It is not one of your orders/)).toBeTruthy();
    cleanup();
    down = true;
    renderPage('/orders/ORDnone');
    // A 5xx is asked once more before it shows (makeQueryClient's retry).
    expect(await screen.findByRole('button', { name: 'Try again' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByText(/It is not one of your orders/)).toBeNull();
  });
});
