// Where the buyer pays, the way a shop opens Toss's: the shop names the order, the amount the server
// fixed, and its own success and failure pages. With a real Toss widget key in /shop-config.json the
// shop's checkout page shows Toss's payment widget (CheckoutPage.tsx); otherwise the local sandbox's
// window opens. Both get the same order fields, customer key, metadata and result pages from here.
import type { ShopConfig } from '../../lib/config';
import type { TossWidgetPaymentRequest } from './tossSdk';

export interface PayableOrder {
  orderId: string;
  orderName: string;
  amount: number;
  memberId: number;
  productId: number;
  productCount: number;
  deliveryCompany: string;
  address: string;
}

/** The buyer as Toss knows them. */
export const customerKey = (memberId: number) => `member-${memberId}`;

/** The metadata the order service's own checkout sends: payment reads the buyer from memberId. */
export function paymentMetadata(order: PayableOrder): Record<string, string> {
  return {
    address: order.address,
    productId: String(order.productId),
    productCount: String(order.productCount),
    memberId: String(order.memberId),
    deliveryCompany: order.deliveryCompany,
  };
}

/** The shop's result pages; <origin> is the shop's own. */
const resultPages = (origin: string) => ({ successUrl: `${origin}/pay/success`, failUrl: `${origin}/pay/fail` });

/**
 * The sandbox window's URL; <origin> is the shop's own (where /pay/success and /pay/fail live, and
 * what a <windowUrl> given as a path is on).
 */
export function paymentWindowUrl(windowUrl: string, order: PayableOrder, origin: string): string {
  const url = new URL(windowUrl, origin);
  const p = url.searchParams;
  p.set('orderId', order.orderId);
  p.set('orderName', order.orderName);
  p.set('amount', String(order.amount));
  p.set('currency', 'KRW');
  p.set('customerKey', customerKey(order.memberId));
  const { successUrl, failUrl } = resultPages(origin);
  p.set('successUrl', successUrl);
  p.set('failUrl', failUrl);
  p.set('metadata', JSON.stringify(paymentMetadata(order)));
  return url.toString();
}

/** What the widget's requestPayment gets: the sandbox window's fields (the amount goes to setAmount). */
export function tossPaymentRequest(order: PayableOrder, origin: string): TossWidgetPaymentRequest {
  return {
    orderId: order.orderId,
    orderName: order.orderName,
    ...resultPages(origin),
    metadata: paymentMetadata(order),
  };
}

/** The shop's checkout page with Toss's widget for an order; it loads the order itself. */
export const checkoutPath = (orderId: string) => `/pay/checkout?orderId=${encodeURIComponent(orderId)}`;

export type PaymentDestination =
  | { kind: 'toss-widget'; path: string }
  | { kind: 'sandbox-window'; url: string };

/**
 * Where <order> is paid with this installation's <config>. Throws when the config names neither a
 * Toss key nor a window: the edge never writes such a config, so that is an installation's bug.
 */
export function paymentDestination(config: ShopConfig, order: PayableOrder, origin: string): PaymentDestination {
  if (config.tossClientKey) return { kind: 'toss-widget', path: checkoutPath(order.orderId) };
  if (!config.paymentWindowUrl) throw new Error('shop-config.json names no payment window and no Toss client key');
  return { kind: 'sandbox-window', url: paymentWindowUrl(config.paymentWindowUrl, order, origin) };
}
