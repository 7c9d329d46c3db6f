// Opens the payment window the way a shop opens Toss's: the shop names the order, the amount the
// server fixed, and its own success and failure pages. In this slice the window is the local
// sandbox's (its URL comes from /shop-config.json); the Toss widget for a real key is not built yet.

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

/** The window's URL; <origin> is the shop's own (where /pay/success and /pay/fail live). */
export function paymentWindowUrl(windowUrl: string, order: PayableOrder, origin: string): string {
  const url = new URL(windowUrl);
  const p = url.searchParams;
  p.set('orderId', order.orderId);
  p.set('orderName', order.orderName);
  p.set('amount', String(order.amount));
  p.set('currency', 'KRW');
  p.set('customerKey', `member-${order.memberId}`);
  p.set('successUrl', `${origin}/pay/success`);
  p.set('failUrl', `${origin}/pay/fail`);
  // The metadata the order service's own checkout sends: payment reads the buyer from memberId.
  p.set('metadata', JSON.stringify({
    address: order.address,
    productId: String(order.productId),
    productCount: String(order.productCount),
    memberId: String(order.memberId),
    deliveryCompany: order.deliveryCompany,
  }));
  return url.toString();
}
