// The shop's sagas in a real browser, through the edge (label `browser`, after shop.test.ts): a buyer
// cancels before shipment, a card refused in the payment window, two buyers racing for the last unit,
// and another buyer's order in the URL. Screenshots in build/test-logs/browser/<test>/.
import { afterEach, describe, expect, it } from 'vitest';
import { kRun, kShop, logIn, member, openBrowser, screenshots, sellerProduct, text, type Browser } from './support';
import type { Page } from 'playwright-core';

let open: Browser[] = [];
afterEach(async () => {
  await Promise.all(open.map((b) => b.close()));
  open = [];
});

/** A fresh browser logged in as <loginId> (registered through the API), on My orders. */
async function loggedIn(loginId: string): Promise<Browser> {
  const b = await openBrowser('en-US');
  open.push(b);
  await logIn(b.page, loginId);
  return b;
}

/** The stock the product page shows. */
async function shownStock(page: Page, productId: number): Promise<string> {
  await page.goto(`${kShop}/products/${productId}`);
  const facts = page.locator('.facts');
  await facts.waitFor();
  return (await facts.locator('dt:text-is("Stock") + dd').innerText()).trim();
}

/** From the product page: buy one to <address> and land in the payment window. */
async function buyToWindow(page: Page, productId: number, address: string): Promise<void> {
  await page.goto(`${kShop}/products/${productId}`);
  await page.getByLabel('Delivery address').fill(address);
  await page.getByRole('button', { name: 'Buy now' }).click();
  await page.waitForURL(/\/sandbox\/checkout/);
}

/** The first order card on My orders (newest first), once its status is one of <statuses>. */
async function orderReaches(page: Page, statuses: string[], timeout = 90_000) {
  const card = page.locator('.order').first();
  await expect.poll(() => card.getAttribute('data-status'), { timeout, interval: 300 }).toSatisfy((s: string | null) => statuses.includes(s ?? ''));
  return card;
}

describe('the shop’s sagas', () => {
  it('a buyer cancels before shipment and sees CANCELLED with the refund; the stock is back', async () => {
    const shot = screenshots('buyer-cancels');
    const productId = await sellerProduct('kettle', 32000, 3);
    await member(`canceller-${kRun}`, 'BUYER');
    const { page } = await loggedIn(`canceller-${kRun}`);

    // A saved address the carrier simulator keeps at its hub until it is cancelled
    // (tools/carrier-sim/README.md), chosen at checkout: the order names its addressId.
    await page.goto(`${kShop}/products/${productId}`);
    await page.getByLabel('Delivery address').fill('Seoul, Jung-gu 1, HOLD-AT-HUB (browser)');
    await page.getByLabel('Name for this address (to save it)').fill('hub');
    await page.getByRole('button', { name: 'Save address' }).click();
    await expect.poll(() => page.getByLabel('Saved address').inputValue()).not.toBe('');
    expect(await page.getByLabel('Delivery address').count()).toBe(0);
    await shot(page, 'checkout-saved-address');
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page.waitForURL(/\/sandbox\/checkout/);
    await page.getByRole('button', { name: /결제하기/ }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    await page.getByRole('link', { name: 'See my orders' }).click();

    const card = await orderReaches(page, ['DELIVERY_REQUESTED']);
    expect(await text(card.locator('.facts'))).toContain('₩32,000');
    await shot(page, 'orders-held-at-hub');
    await expect.poll(() => shownStock(page, productId), { timeout: 30_000, interval: 1000 }).toBe('2');
    await page.goto(`${kShop}/orders`);
    await card.getByRole('button', { name: 'Cancel order' }).click();
    // "Cancel requested" shows from the 202 until the refund lands (which may be quick: the component
    // test pins the message down; here the cancel button must go away and the order move on).
    await expect.poll(async () => (await card.locator('.cancel-asked').count()) > 0
      || ['CANCELLING', 'CANCELLED'].includes((await card.getAttribute('data-status')) ?? '')).toBe(true);
    expect(await card.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    await shot(page, 'cancel-requested');
    await orderReaches(page, ['CANCELLED']);
    expect(await text(card.locator('.refund'))).toBe('Refunded in full: ₩32,000.');
    await card.getByText('Timeline').click();
    await expect.poll(() => text(card.locator('.timeline li').last())).toContain('cancelled');
    await shot(page, 'cancelled-refunded');

    await expect.poll(() => shownStock(page, productId), { timeout: 30_000, interval: 1000 }).toBe('3');
    await shot(page, 'stock-back');
  });

  it('a declined card shows the failure page, and an order the window refused can be paid again', async () => {
    const shot = screenshots('declined-card-pay-again');
    const productId = await sellerProduct('blanket', 27000, 4);
    await member(`declined-${kRun}`, 'BUYER');
    const { page } = await loggedIn(`declined-${kRun}`);

    // Declined at approval: the window returns to the success page, the confirm fails, and the page
    // becomes the failure page (PAYMENT_FAILED, nothing charged; that order cannot be paid again).
    await buyToWindow(page, productId, 'Busan, Haeundae-gu 7');
    await page.getByRole('button', { name: /승인 거절/ }).click();
    await page.getByRole('heading', { name: 'The payment did not go through' }).waitFor({ timeout: 60_000 });
    expect(await text(page.locator('section'))).toContain('The card was declined at approval.');
    await shot(page, 'declined-at-approval');
    await page.getByRole('link', { name: 'Back to the product' }).click();

    // Refused by the card company in the window: the shop's failure page, and the same order is paid again.
    await page.getByLabel('Delivery address').fill('Busan, Haeundae-gu 7');
    await page.getByRole('button', { name: 'Buy now' }).click();
    await page.waitForURL(/\/sandbox\/checkout/);
    await page.getByRole('button', { name: /카드사 거절/ }).click();
    await page.waitForURL(/\/pay\/fail/);
    await page.getByRole('heading', { name: 'The payment did not go through' }).waitFor();
    expect(await text(page.locator('section'))).toContain('REJECT_CARD_COMPANY');
    await shot(page, 'failure-page');

    await page.getByRole('button', { name: 'Pay again' }).click();
    await page.waitForURL(/\/sandbox\/checkout/);
    expect(await text(page.locator('body'))).toContain('27000');
    await shot(page, 'payment-window-again');
    await page.getByRole('button', { name: /결제하기/ }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    await shot(page, 'success');
    await page.getByRole('link', { name: 'See my orders' }).click();
    const paid = await orderReaches(page, ['STOCK_RESERVED', 'DELIVERY_REQUESTED', 'IN_DELIVERY', 'DELIVERED']);
    expect(await page.locator('.order').count()).toBe(2);
    expect(await page.locator('.order').nth(1).getAttribute('data-status')).toBe('PAYMENT_FAILED');
    expect(await text(paid.locator('.facts'))).toContain('₩27,000');
    await shot(page, 'orders-failed-and-paid');
  });

  it("two buyers race for the last unit: one ships, the other is refused the unit and refunded; neither sees the other's order", async () => {
    const shot = screenshots('last-unit-race');
    const productId = await sellerProduct('vase', 50000, 1);
    await Promise.all([member(`racer-a-${kRun}`, 'BUYER'), member(`racer-b-${kRun}`, 'BUYER')]);
    const [a, b] = await Promise.all([loggedIn(`racer-a-${kRun}`), loggedIn(`racer-b-${kRun}`)]);

    // Both get to the payment window while the unit is still there (stock is taken after payment).
    await buyToWindow(a.page, productId, 'Incheon, Yeonsu-gu 3');
    await buyToWindow(b.page, productId, 'Daegu, Suseong-gu 5');
    await shot(a.page, 'a-window');
    await Promise.all([a.page, b.page].map((p) => p.getByRole('button', { name: /결제하기/ }).click()));
    await Promise.all([a.page, b.page].map((p) => p.getByRole('heading', { name: 'Payment received' }).waitFor()));
    await Promise.all([a.page, b.page].map((p) => p.getByRole('link', { name: 'See my orders' }).click()));

    const ends = await Promise.all([a.page, b.page].map((p) => orderReaches(p, ['IN_DELIVERY', 'DELIVERED', 'CANCELLED'])));
    const statuses = await Promise.all(ends.map((c) => c.getAttribute('data-status')));
    const loser = statuses[0] === 'CANCELLED' ? a : b;
    const winner = loser === a ? b : a;
    expect(statuses.filter((s) => s === 'CANCELLED')).toHaveLength(1);
    const lost = loser.page.locator('.order').first();
    expect(await text(lost.locator('.refund'))).toBe('Refunded in full: ₩50,000.');
    await lost.getByText('Timeline').click();
    await lost.locator('.timeline li[data-status="CANCELLED"]').waitFor();
    await shot(winner.page, 'winner-ships');
    await shot(loser.page, 'loser-refunded');
    await expect.poll(() => shownStock(winner.page, productId), { timeout: 30_000, interval: 1000 }).toBe('Sold out');

    // The loser puts the winner's order id in the URL: a clear refusal, not a blank page.
    await winner.page.goto(`${kShop}/orders`);
    const id = await winner.page.locator('.order').first().getAttribute('data-order-id');
    await loser.page.goto(`${kShop}/orders/${id}`);
    await loser.page.getByRole('heading', { name: 'This order cannot be shown' }).waitFor();
    expect(await text(loser.page.getByRole('alert'))).not.toBe('');
    await shot(loser.page, 'someone-elses-order');

    // The seller sees the product sold out in My shop and both orders, without the buyers' details.
    const seller = await loggedIn(`seller-vase-${kRun}`);
    await seller.page.getByRole('link', { name: 'My shop' }).click();
    const mine = seller.page.locator(`tr[data-product-id="${productId}"]`);
    await expect.poll(() => text(mine)).toContain('Sold out');
    await shot(seller.page, 'seller-my-shop');
    await seller.page.getByRole('link', { name: 'Orders for my products' }).click();
    const rows = seller.page.locator('tr[data-order-id]');
    await expect.poll(() => rows.count()).toBe(2);
    const seen = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')));
    expect(seen.filter((s) => s === 'CANCELLED')).toHaveLength(1);
    expect(seen.filter((s) => s === 'IN_DELIVERY' || s === 'DELIVERED')).toHaveLength(1);
    expect(await text(seller.page.locator('table'))).not.toContain('Incheon');
    await shot(seller.page, 'seller-orders');
  });
});
