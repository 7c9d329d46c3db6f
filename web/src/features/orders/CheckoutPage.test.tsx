import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { renderRoute } from '../../testing/renderRoute';
import { CheckoutPage } from './CheckoutPage';
import { fakeToss, type FakeToss } from './fakeToss';
import { kTossSdkUrl } from './tossWidget';

// The installation has a real widget key: shop-config is read once per page (lib/config.ts), so every
// test here sees the same one. Toss is the fake on window; jsdom never fetches the SDK's script, so a
// test that needs it loaded fires the script's load or error itself.
const globals = window as unknown as { TossPayments?: FakeToss['TossPayments'] };
const sdkScripts = () => Array.from(document.head.querySelectorAll(`script[src="${kTossSdkUrl}"]`));
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const order = (status = 'CREATED') => ({
  id: 'ORDa', memberId: 7, orderName: 'Lamp', productId: 3, productCount: 1, amount: 45000, status,
  deliveryCompany: 'CJ', address: 'Seoul', createdAt: '2026-12-06T10:00:00Z', updatedAt: 't1', history: [],
});

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  consoleError.mockRestore();
  delete globals.TossPayments;
  for (const s of sdkScripts()) s.remove();
});

function renderCheckout(status = 'CREATED', { strict = false } = {}) {
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    if (url === '/api/member/tokens/refresh') {
      return json({ id: 7, loginId: 'buyer', userName: 'Buyer', role: 'BUYER', accessToken: 'AT', expiresIn: 900 });
    }
    if (url === '/shop-config.json') {
      return json({ paymentWindowUrl: 'http://127.0.0.1:28090/sandbox/checkout', tossClientKey: 'test_gck_shop' });
    }
    if (url === '/api/orders/orders/ORDa') return json(order(status));
    return json({ status: 404, detail: 'no such route' }, 404);
  }));
  renderRoute([{ path: '/pay/checkout', element: <CheckoutPage /> }], { path: '/pay/checkout?orderId=ORDa', strict });
}

describe('the checkout with a Toss client key', () => {
  it("draws Toss's widget for the server's order and requests the payment for the shop's result pages", async () => {
    const toss = fakeToss();
    globals.TossPayments = toss.TossPayments;
    // As main.tsx renders: the effect runs twice, and the first run must draw nothing.
    renderCheckout('CREATED', { strict: true });
    const pay = await screen.findByRole('button', { name: 'Pay ₩45,000' });
    expect(toss.calls).toEqual([
      ['TossPayments', 'test_gck_shop'],
      ['widgets', { customerKey: 'member-7' }],
      ['setAmount', { currency: 'KRW', value: 45000 }],
      ['renderPaymentMethods', { selector: '#toss-payment-methods' }],
      ['renderAgreement', { selector: '#toss-agreement' }],
    ]);
    expect(document.querySelector('#toss-payment-methods')).not.toBeNull();
    expect(document.querySelector('#toss-agreement')).not.toBeNull();
    fireEvent.click(pay);
    expect(await screen.findByRole('button', { name: 'Paying…' })).toHaveProperty('disabled', true);
    expect(toss.calls.at(-1)).toEqual(['requestPayment', {
      orderId: 'ORDa',
      orderName: 'Lamp',
      successUrl: `${window.location.origin}/pay/success`,
      failUrl: `${window.location.origin}/pay/fail`,
      metadata: { address: 'Seoul', productId: '3', productCount: '1', memberId: '7', deliveryCompany: 'CJ' },
    }]);
    // The shop never fetched Toss's script: the SDK was there already.
    expect(sdkScripts()).toHaveLength(0);
  });

  it("shows the SDK's reason when no payment is requested, and lets the buyer pay again", async () => {
    const refusals = [
      { code: 'NEED_AGREEMENT_WITH_REQUIRED_TERMS', message: 'Agree to the required terms.' },
      { code: 'USER_CANCEL', message: '취소되었습니다' },
    ];
    const toss = fakeToss({ requestPayment: () => Promise.reject(refusals.shift()) });
    globals.TossPayments = toss.TossPayments;
    renderCheckout();
    fireEvent.click(await screen.findByRole('button', { name: 'Pay ₩45,000' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Agree to the required terms.');
    fireEvent.click(await screen.findByRole('button', { name: 'Pay ₩45,000' }));
    expect(await screen.findByText('The payment was closed. You can pay when you are ready.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pay ₩45,000' })).toHaveProperty('disabled', false);
  });

  it("injects Toss's script once; a failed load shows a retry that loads it again", async () => {
    renderCheckout();
    await vi.waitFor(() => expect(sdkScripts()).toHaveLength(1));
    expect(screen.getByRole('status').textContent).toBe('Loading the payment methods…');
    await act(async () => {
      sdkScripts()[0].dispatchEvent(new Event('error'));
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The payment methods could not be loaded.');
    expect(sdkScripts()).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /^Pay/ })).toBeNull();
    expect(consoleError).toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await vi.waitFor(() => expect(sdkScripts()).toHaveLength(1));
    const toss = fakeToss();
    globals.TossPayments = toss.TossPayments;
    await act(async () => {
      sdkScripts()[0].dispatchEvent(new Event('load'));
    });
    expect(await screen.findByRole('button', { name: 'Pay ₩45,000' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(sdkScripts()).toHaveLength(1);
  });

  it('stops waiting for a widget that never draws and offers the retry', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const toss = fakeToss({ renderMethods: () => new Promise<void>(() => {}) });
    globals.TossPayments = toss.TossPayments;
    renderCheckout();
    await vi.waitFor(() => expect(toss.calls.map((c) => c[0])).toContain('renderAgreement'));
    expect(screen.getByRole('status').textContent).toBe('Loading the payment methods…');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
    expect(screen.queryByRole('status')).toBeNull();
    expect(toss.destroyed).toEqual(['agreement']);
  });

  it('offers no payment for an order that is not waiting for one', async () => {
    renderCheckout('PAID');
    expect(await screen.findByText('This order is not waiting for payment.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See the order' }).getAttribute('href')).toBe('/orders/ORDa');
    expect(sdkScripts()).toHaveLength(0);
  });
});
