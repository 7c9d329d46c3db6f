import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { makeQueryClient } from '../../app/App';
import { I18nProvider } from '../../lib/i18n';
import { SessionProvider } from '../auth/session';
import { MyOrdersPage } from './MyOrdersPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function order(status: string) {
  return { id: 'ORDa', memberId: 7, orderName: 'Lamp', productId: 1, productCount: 1, amount: 45000, status,
           deliveryCompany: 'CJ', address: 'Seoul', createdAt: '2026-12-06T10:00:00Z' };
}

function renderPage() {
  const router = createMemoryRouter([{ path: '/orders', element: <MyOrdersPage /> }], { initialEntries: ['/orders'] });
  render(
    <I18nProvider lang="en">
      <QueryClientProvider client={makeQueryClient()}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

const session = () => json({ id: 7, loginId: 'buyer', userName: 'Buyer', role: 'BUYER', accessToken: 'AT', expiresIn: 900 });

describe('My orders', () => {
  it('shows a new status by itself, without a reload, and stops asking once the order is final', async () => {
    const statuses = ['PAID', 'IN_DELIVERY', 'DELIVERED'];
    const listCalls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/member/tokens/refresh') return session();
      expect(url).toBe('/api/orders/users/7/orders?page=0&size=20');
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer AT');
      const status = statuses[Math.min(listCalls.length, statuses.length - 1)];
      listCalls.push(status);
      return json([order(status)]);
    }));
    renderPage();
    expect(await screen.findByText('paid')).toBeTruthy();
    expect(await screen.findByText('delivered', undefined, { timeout: 8000 })).toBeTruthy();
    const asked = listCalls.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(listCalls.length).toBe(asked);
    expect(listCalls).toEqual(['PAID', 'IN_DELIVERY', 'DELIVERED']);
  }, 15_000);

  it("cancels a paid order through the order service and shows its refusal's reason", async () => {
    let cancelled = false;
    const cancels: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (url.endsWith('/cancel')) {
        cancels.push(`${init.method} ${url}`);
        if (cancels.length === 1) {
          cancelled = true;
          return new Response(JSON.stringify({ ...order('PAID'), cancelRequestedAt: '2026-12-06T10:01:00Z' }), { status: 202 });
        }
      }
      return json([{ ...order('PAID'), cancelRequestedAt: cancelled ? '2026-12-06T10:01:00Z' : null }]);
    }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText(/Cancel requested/)).toBeTruthy();
    expect(cancels).toEqual(['POST /api/orders/orders/ORDa/cancel']);
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
  });

  it('shows why the order service refuses a cancel', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/api/member/tokens/refresh') return session();
      if (url.endsWith('/cancel')) {
        return new Response(JSON.stringify({ status: 409, code: 'order_not_cancellable', detail: 'the parcel has left' }),
                            { status: 409, headers: { 'Content-Type': 'application/problem+json' } });
      }
      return json([order('DELIVERY_REQUESTED')]);
    }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel order' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the parcel has left');
  });
});
