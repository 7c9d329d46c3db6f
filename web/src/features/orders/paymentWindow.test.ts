import { describe, expect, it } from 'vitest';
import { paymentDestination, paymentWindowUrl, tossPaymentRequest } from './paymentWindow';
import { keyboardOrder } from './testOrder';

describe('paymentWindowUrl', () => {
  it("opens the window with the server's amount and the shop's own result pages", () => {
    const url = new URL(paymentWindowUrl('http://127.0.0.1:28090/sandbox/checkout', keyboardOrder, 'http://127.0.0.1:28080'));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:28090/sandbox/checkout');
    const p = url.searchParams;
    expect(p.get('orderId')).toBe(keyboardOrder.orderId);
    expect(p.get('orderName')).toBe('무선 키보드 외 1건');
    expect(p.get('amount')).toBe('78000');
    expect(p.get('currency')).toBe('KRW');
    expect(p.get('successUrl')).toBe('http://127.0.0.1:28080/pay/success');
    expect(p.get('failUrl')).toBe('http://127.0.0.1:28080/pay/fail');
    expect(p.get('customerKey')).toBe('member-42');
  });

  it("opens a window given as a path on the shop's own origin (the Helm chart's edge)", () => {
    const url = new URL(paymentWindowUrl('/sandbox/checkout', keyboardOrder, 'https://shop.example.com'));
    expect(url.origin + url.pathname).toBe('https://shop.example.com/sandbox/checkout');
    expect(url.searchParams.get('successUrl')).toBe('https://shop.example.com/pay/success');
    expect(url.searchParams.get('orderId')).toBe(keyboardOrder.orderId);
  });

  it('passes the metadata the payment service reads, as strings', () => {
    const url = new URL(paymentWindowUrl('http://127.0.0.1:8090/sandbox/checkout', keyboardOrder, 'http://127.0.0.1:8080'));
    expect(JSON.parse(url.searchParams.get('metadata')!)).toEqual({
      address: '서울시 중구 1 & 2',
      productId: '7',
      productCount: '2',
      memberId: '42',
      deliveryCompany: 'HANJIN',
    });
  });

  it("gives Toss's widget the window's fields: order, result pages and metadata", () => {
    const sandboxUrl = new URL(paymentWindowUrl('http://127.0.0.1:8090/sandbox/checkout', keyboardOrder, 'http://127.0.0.1:8080'));
    const request = tossPaymentRequest(keyboardOrder, 'http://127.0.0.1:8080');
    expect(request).toEqual({
      orderId: sandboxUrl.searchParams.get('orderId'),
      orderName: sandboxUrl.searchParams.get('orderName'),
      successUrl: sandboxUrl.searchParams.get('successUrl'),
      failUrl: sandboxUrl.searchParams.get('failUrl'),
      metadata: JSON.parse(sandboxUrl.searchParams.get('metadata')!),
    });
  });
});

describe('paymentDestination', () => {
  const order = {
    orderId: 'ORD a/b',
    orderName: 'Lamp',
    amount: 45000,
    memberId: 7,
    productId: 3,
    productCount: 1,
    deliveryCompany: 'CJ',
    address: 'Seoul',
  };
  const sandbox = 'http://127.0.0.1:28090/sandbox/checkout';

  it("opens the sandbox's window when shop-config has no Toss client key", () => {
    const to = paymentDestination({ paymentWindowUrl: sandbox }, order, 'http://127.0.0.1:28080');
    expect(to).toEqual({ kind: 'sandbox-window', url: paymentWindowUrl(sandbox, order, 'http://127.0.0.1:28080') });
    expect(paymentDestination({ paymentWindowUrl: sandbox, tossClientKey: '' }, order, 'http://127.0.0.1:28080').kind).toBe('sandbox-window');
  });

  it("goes to the shop's checkout with Toss's widget when shop-config has one", () => {
    const to = paymentDestination({ paymentWindowUrl: sandbox, tossClientKey: 'live_gck_abc' }, order, 'http://127.0.0.1:28080');
    expect(to).toEqual({ kind: 'toss-widget', path: '/pay/checkout?orderId=ORD%20a%2Fb' });
  });

  it('needs no window with a Toss client key, and refuses a config with neither', () => {
    expect(paymentDestination({ tossClientKey: 'live_gck_abc' }, order, 'https://shop.example.com').kind).toBe('toss-widget');
    expect(() => paymentDestination({}, order, 'https://shop.example.com')).toThrow(/no payment window/);
    expect(() => paymentDestination({ paymentWindowUrl: '' }, order, 'https://shop.example.com')).toThrow(/no payment window/);
  });
});
