import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { shopConfig } from '../../lib/config';
import type { Order } from './api';
import { paymentDestination, type PayableOrder } from './paymentWindow';

/**
 * Sends the buyer to pay for an order that is created but not paid: the shop's checkout page with
 * Toss's widget (<navigate>, within the app) when a Toss key is configured, else the sandbox's window.
 */
export async function openPaymentWindow(order: PayableOrder, navigate: (path: string) => unknown): Promise<void> {
  const to = paymentDestination(await shopConfig(), order, window.location.origin);
  if (to.kind === 'toss-widget') navigate(to.path);
  else window.location.assign(to.url);
}

export const payableOrder = (o: Order): PayableOrder => ({
  orderId: o.id,
  orderName: o.orderName,
  amount: o.amount,
  memberId: o.memberId,
  productId: o.productId,
  productCount: o.productCount,
  deliveryCompany: o.deliveryCompany,
  address: o.address,
});

export function usePayAgain() {
  const navigate = useNavigate();
  return useMutation({ mutationFn: (o: Order) => openPaymentWindow(payableOrder(o), navigate) });
}
