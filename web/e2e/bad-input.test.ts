// Bad input from the browser (label `browser`, after shop.test.ts and saga.test.ts): what a buyer or
// seller can forge in their own browser — the order request's body, the payment window's amount,
// another buyer's order id in the URL, form limits removed in the developer tools — gets the same
// refusal as the same request sent to the API, and the shop shows it. Screenshots in
// build/test-logs/browser/<test>/.
import { afterEach, describe, expect, it } from 'vitest';
import { call, kRun, kShop, logIn, member, openBrowser, screenshots, sellerProduct, text, type Browser } from './support';

let open: Browser[] = [];
afterEach(async () => {
  await Promise.all(open.map((b) => b.close()));
  open = [];
});

async function loggedIn(loginId: string): Promise<Browser> {
  const b = await openBrowser('en-US');
  open.push(b);
  await logIn(b.page, loginId);
  return b;
}

/** The status and problem of a call through the edge, refusals included (call() throws on them). */
async function answer(method: string, path: string, body: unknown, token?: string): Promise<{ status: number; problem: { detail?: string; errors?: { field: string; message: string }[] } }> {
  const res = await fetch(`${kShop}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const textBody = await res.text();
  return { status: res.status, problem: textBody.startsWith('{') ? JSON.parse(textBody) : { detail: textBody } };
}

// What a forger adds to the order request: prices and a name of their own. The order service reads
// none of them (it prices the product itself).
const kForged = { amount: 100, productPrice: 100, price: 100, orderName: 'forged cheap order' };

describe('bad input from the browser', () => {
  it("a buyer who forges the price still pays the server's price", async () => {
    const shot = screenshots('forged-price');
    const productId = await sellerProduct('teapot', 39000, 5);
    const buyer = await member(`forger-${kRun}`, 'BUYER');

    // The forgery sent by a program: the order is priced by the server.
    const fromApi = await call<{ amount: number; orderName: string }>('POST', '/orders',
      { productId, productCount: 1, deliveryCompany: 'HANJIN', address: 'Seoul, Mapo-gu 9', ...kForged }, buyer.accessToken);
    expect(fromApi.amount).toBe(39000);

    // The same forgery leaving the shop's page: the POST /orders body rewritten on its way out.
    const { page } = await loggedIn(`forger-${kRun}`);
    // The handler sends the forged body and keeps the server's answer itself: the page leaves for the
    // payment window at once, after which the browser no longer has the response body to give.
    let sent: unknown;
    let answered: { status: number; order: { orderId: string; amount: number; orderName: string } } | undefined;
    await page.route('**/api/orders', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      sent = { ...request.postDataJSON(), ...kForged };
      const response = await route.fetch({ postData: JSON.stringify(sent) });
      answered = { status: response.status(), order: await response.json() };
      return route.fulfill({ response });
    });
    await page.goto(`${kShop}/products/${productId}`);
    await page.getByLabel('Delivery address').fill('Seoul, Mapo-gu 9');
    await shot(page, 'product');
    await page.getByRole('button', { name: 'Buy now' }).click();
    await expect.poll(() => answered !== undefined).toBe(true);
    expect(sent).toMatchObject(kForged);
    expect(answered!.status).toBe(201);
    const order = answered!.order;
    expect(order.amount).toBe(39000);
    expect(order.orderName).toBe(fromApi.orderName);
    await page.waitForURL(/\/sandbox\/checkout/);
    const window = new URL(page.url());
    expect(window.searchParams.get('amount')).toBe('39000');
    await shot(page, 'window-at-server-price');

    // The amount in the window's address is the buyer's to edit too: the window then comes back to
    // the success page with amount=100, and finishing the order is refused as it is for the API.
    window.searchParams.set('amount', '100');
    await page.goto(window.toString());
    await shot(page, 'window-with-forged-amount');
    await page.getByRole('button', { name: /결제하기/ }).click();
    await page.waitForURL(/\/pay\/success/);
    const back = new URL(page.url()).searchParams;
    expect(back.get('amount')).toBe('100');
    await page.getByRole('heading', { name: 'The payment did not go through' }).waitFor();
    const refusal = page.getByRole('alert');
    const api = await answer('POST', '/orders/finish-order',
      { paymentKey: back.get('paymentKey'), orderId: order.orderId, amount: 100 }, buyer.accessToken);
    expect(api.status).toBe(422);
    expect(await text(refusal)).toBe(api.problem.detail);
    await page.getByText('Nothing was charged.').waitFor();
    await shot(page, 'forged-amount-refused');

    // The order is still there to pay, at the server's price.
    await page.getByRole('link', { name: 'See my orders' }).click();
    const card = page.locator(`.order[data-order-id="${order.orderId}"]`);
    await expect.poll(() => card.getAttribute('data-status')).toBe('CREATED');
    expect(await text(card.locator('.facts'))).toContain('₩39,000');
    await shot(page, 'orders-still-payable');
    await card.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/sandbox\/checkout/);
    expect(new URL(page.url()).searchParams.get('amount')).toBe('39000');
    await page.getByRole('button', { name: /결제하기/ }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    expect(await text(page.locator('section'))).toContain('₩39,000');
    await shot(page, 'paid-server-price');
    const paid = await call<{ amount: number; status: string }>('GET', `/orders/orders/${order.orderId}`, undefined, buyer.accessToken);
    expect(paid.amount).toBe(39000);
  });

  it("another buyer's order id in the URL shows a refusal, never the order", async () => {
    const shot = screenshots('someone-elses-order-url');
    const productId = await sellerProduct('scarf', 18000, 5);
    const owner = await member(`owner-${kRun}`, 'BUYER');
    const snoop = await member(`snoop-${kRun}`, 'BUYER');
    const secret = `Secret-street ${kRun}`;
    const order = await call<{ orderId: string }>('POST', '/orders',
      { productId, productCount: 1, deliveryCompany: 'LOTTE', address: secret }, owner.accessToken);

    const { page } = await loggedIn(`snoop-${kRun}`);
    await page.goto(`${kShop}/orders/${order.orderId}`);
    await page.getByRole('heading', { name: 'This order cannot be shown' }).waitFor();
    const api = await answer('GET', `/orders/orders/${order.orderId}`, undefined, snoop.accessToken);
    expect(api.status).toBe(403);
    expect(await text(page.getByRole('alert'))).toContain(api.problem.detail!);
    await page.getByText(/It is not one of your orders, or no order has this number/).waitFor();
    const shown = await text(page.locator('main'));
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(`scarf ${kRun}`);
    expect(await page.locator('.order').count()).toBe(0);
    await shot(page, 'not-yours');

    // An id no order has: the same kind of page, with the order service's "not found".
    const madeUp = `ORD${'0'.repeat(30)}`;
    await page.goto(`${kShop}/orders/${madeUp}`);
    await page.getByRole('heading', { name: 'This order cannot be shown' }).waitFor();
    const missing = await answer('GET', `/orders/orders/${madeUp}`, undefined, snoop.accessToken);
    expect(missing.status).toBe(404);
    expect(await text(page.getByRole('alert'))).toContain(missing.problem.detail!);
    await shot(page, 'no-such-order');
  });

  it("an oversized name or description in the seller form shows the server's problem detail", async () => {
    const shot = screenshots('oversized-product-fields');
    const seller = await member(`bigseller-${kRun}`, 'SELLER');
    const { page } = await loggedIn(`bigseller-${kRun}`);
    await page.getByRole('link', { name: 'Sell' }).click();
    await page.getByRole('heading', { name: 'Add a product' }).waitFor();
    // The form stops typing at the catalog's limits; a forger removes them in the developer tools.
    await page.locator('input[maxlength], textarea[maxlength]').evaluateAll((fields) => fields.forEach((f) => f.removeAttribute('maxlength')));
    const product = {
      sellerId: seller.id,
      productName: 'N'.repeat(201),
      productDescription: 'D'.repeat(4001),
      productPrice: 1000,
      stockCount: 1,
      tags: [] as string[],
    };
    await page.getByLabel('Name').fill(product.productName);
    await page.getByLabel('Description').fill(product.productDescription);
    await page.getByLabel('Price (KRW)').fill('1000');
    await page.getByLabel('Stock').fill('1');
    await page.getByRole('button', { name: 'Add product' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    const api = await answer('POST', '/catalog/products/register', product, seller.accessToken);
    expect(api.status).toBe(400);
    const shown = await text(refusal);
    expect(shown).toContain(api.problem.detail!);
    for (const e of api.problem.errors ?? []) expect(shown).toContain(`${e.field}: ${e.message}`);
    expect((api.problem.errors ?? []).map((e) => e.field).sort()).toEqual(['productDescription', 'productName']);
    // Each complaint beside its field too.
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Description').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'over-the-catalog-limits');

    // Bigger than any product: the edge refuses the body before a service sees it (64 KiB).
    const huge = 'H'.repeat(70_000);
    await page.getByLabel('Name').fill('Huge description');
    await page.getByLabel('Description').fill(huge);
    await page.getByRole('button', { name: 'Add product' }).click();
    const edge = await answer('POST', '/catalog/products/register', { ...product, productName: 'Huge description', productDescription: huge }, seller.accessToken);
    expect(edge.status).toBe(413);
    await expect.poll(() => text(refusal)).toBe(edge.problem.detail);
    await shot(page, 'over-the-edge-limit');

    // Neither form added anything.
    expect(await call<unknown[]>('GET', `/catalog/sellers/${seller.id}/products`)).toEqual([]);
  });
});
