import { useMutation } from '@tanstack/react-query';
import { shopConfig } from '../../lib/config';
import type { Order } from './api';
import { paymentWindowUrl, type PayableOrder } from './paymentWindow';

/** Sends the browser to the payment window of an order that is created but not paid. */
export async function openPaymentWindow(order: PayableOrder): Promise<void> {
  const config = await shopConfig();
  window.location.assign(paymentWindowUrl(config.paymentWindowUrl, order, window.location.origin));
}

export function usePayAgain() {
  return useMutation({
    mutationFn: (o: Order) =>
      openPaymentWindow({
        orderId: o.id,
        orderName: o.orderName,
        amount: o.amount,
        memberId: o.memberId,
        productId: o.productId,
        productCount: o.productCount,
        deliveryCompany: o.deliveryCompany,
        address: o.address,
      }),
  });
}
