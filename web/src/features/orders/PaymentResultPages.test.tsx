import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { renderRoute } from '../../testing/renderRoute';
import { PaySuccessPage } from './PaymentResultPages';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const session = () => json({ id: 7, loginId: 'buyer', userName: 'Buyer', role: 'BUYER', accessToken: 'AT', expiresIn: 900 });
const order = (status: string, updatedAt: string) => ({
  id: 'ORDa', memberId: 7, orderName: 'Lamp', productId: 3, productCount: 1, amount: 45000, status,
  deliveryCompany: 'CJ', address: 'Seoul', createdAt: '2026-12-06T10:00:00Z', updatedAt,
});

function renderSuccess(confirmed: string, amount = 45000, finished = () => json(order('PAYMENT_REQUESTED', 't1'), 201)) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    if (url === '/api/member/tokens/refresh') return session();
    asked.push(`${init.method} ${url}`);
    if (url === '/api/orders/finish-order') return finished();
    if (url === '/api/orders/orders/ORDa') return json({ ...order('PAYMENT_REQUESTED', 't1'), history: [] });
    // The payment service answers the confirm: the long poll brings the outcome.
    return json({ ...order(confirmed, 't2'), history: [] });
  }));
  renderRoute([{ path: '/pay/success', element: <PaySuccessPage /> }],
              { path: `/pay/success?paymentKey=pk&orderId=ORDa&amount=${amount}` });
  return asked;
}

describe('the success page', () => {
  it('turns into the failure page when the card is declined at approval', async () => {
    const asked = renderSuccess('PAYMENT_FAILED');
    expect(await screen.findByRole('heading', { name: 'The payment did not go through' })).toBeTruthy();
    expect(screen.getByText('The card was declined at approval.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the product' }).getAttribute('href')).toBe('/products/3');
    expect(asked).toContain('GET /api/orders/orders/ORDa?since=t1&wait=20');
  });

  it('stays "payment received" once the payment is confirmed', async () => {
    renderSuccess('PAID');
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeTruthy();
    await vi.waitFor(() => expect(screen.queryByText('Confirming the payment…')).toBeNull());
    expect(screen.queryByText('The payment did not go through')).toBeNull();
  });

  it("shows the order service's refusal of a forged amount, says nothing was charged and leads to My orders", async () => {
    renderSuccess('PAYMENT_REQUESTED', 100, () =>
      json({ status: 422, code: 'amount_mismatch', detail: 'the amount does not match the order' }, 422));
    expect(await screen.findByRole('heading', { name: 'The payment did not go through' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toBe('the amount does not match the order');
    expect(screen.getByText('Nothing was charged.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('link', { name: 'See my orders' }).getAttribute('href')).toBe('/orders');
  });
});
