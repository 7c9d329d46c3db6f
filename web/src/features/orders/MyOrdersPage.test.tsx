import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
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

describe('My orders', () => {
  it('shows a new status by itself, without a reload, and stops asking once the order is final', async () => {
    const statuses = ['PAID', 'IN_DELIVERY', 'DELIVERED'];
    const listCalls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/member/tokens/refresh') {
        return json({ id: 7, loginId: 'buyer', userName: 'Buyer', role: 'BUYER', accessToken: 'AT', expiresIn: 900 });
      }
      expect(url).toBe('/api/orders/users/7/orders?page=0&size=20');
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer AT');
      const status = statuses[Math.min(listCalls.length, statuses.length - 1)];
      listCalls.push(status);
      return json([order(status)]);
    }));
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
    expect(await screen.findByText('paid')).toBeTruthy();
    expect(await screen.findByText('delivered', undefined, { timeout: 8000 })).toBeTruthy();
    const asked = listCalls.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(listCalls.length).toBe(asked);
    expect(listCalls).toEqual(['PAID', 'IN_DELIVERY', 'DELIVERED']);
  }, 15_000);
});
