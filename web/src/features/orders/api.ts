import { api } from '../../lib/api';

export type OrderStatus =
  | 'CREATED' | 'PAYMENT_REQUESTED' | 'PAID' | 'STOCK_RESERVED' | 'DELIVERY_REQUESTED' | 'IN_DELIVERY'
  | 'DELIVERED' | 'PAYMENT_FAILED' | 'EXPIRED' | 'CANCELLING' | 'CANCELLED';

/** The states an order never leaves (services/order/README.md). */
export const kTerminal: ReadonlySet<string> = new Set(['DELIVERED', 'PAYMENT_FAILED', 'EXPIRED', 'CANCELLED']);

export interface Order {
  id: string;
  memberId: number;
  orderName: string;
  productId: number;
  productCount: number;
  amount: number;
  status: OrderStatus;
  deliveryCompany: string;
  address: string;
  createdAt: string;
  updatedAt?: string;
  /** When the payment was approved: a cancelled order with one was refunded in full. */
  approvedAt?: string | null;
  cancelRequestedAt?: string | null;
}

export interface HistoryEntry {
  from: string;
  to: string;
  reason: string;
  at: string;
}

export interface OrderView extends Order {
  history: HistoryEntry[];
}

export interface CreatedOrder {
  orderId: string;
  orderName: string;
  amount: number;
  status: OrderStatus;
}

/** An order to create: the address as text, or a saved one of the buyer's by its id (never both). */
export type NewOrder = {
  productId: number;
  productCount: number;
  deliveryCompany: string;
} & ({ address: string; addressId?: never } | { addressId: number; address?: never });

export const createOrder = (order: NewOrder) => api<CreatedOrder>('/orders', { body: order, auth: true });

export const finishOrder = (paymentKey: string, orderId: string, amount: number) =>
  api<Order>('/orders/finish-order', { body: { paymentKey, orderId, amount }, auth: true });

export const listOrders = (memberId: number, signal?: AbortSignal) =>
  api<Order[]>(`/orders/users/${memberId}/orders?page=0&size=20`, { auth: true, signal });

/** The states in which the order service takes a buyer's cancel (services/order/README.md). */
export const kCancellable: ReadonlySet<string> = new Set(['CREATED', 'PAID', 'STOCK_RESERVED', 'DELIVERY_REQUESTED']);

/** The buyer's cancel: CREATED ends at once; a paid order is refunded once its shipment is stopped. */
export const cancelOrder = (orderId: string) =>
  api<Order>(`/orders/orders/${encodeURIComponent(orderId)}/cancel`, { method: 'POST', auth: true });

export const getOrder = (orderId: string, signal?: AbortSignal) =>
  api<OrderView>(`/orders/orders/${encodeURIComponent(orderId)}`, { auth: true, signal });

/** The order once it differs from <since> (its updatedAt), or after <wait> s unchanged; without since, at once. */
export const followOrderOnce = (orderId: string, since: string | undefined, wait: number, signal?: AbortSignal) =>
  api<OrderView>(
    `/orders/orders/${encodeURIComponent(orderId)}` +
      (since ? `?since=${encodeURIComponent(since)}&wait=${wait}` : ''),
    { auth: true, signal },
  );

/** An order for one of a seller's products, as the seller sees it: no buyer, no address. */
export interface SellerOrder {
  id: string;
  productId: number;
  productCount: number;
  orderName: string;
  amount: number;
  status: OrderStatus;
  createdAt: string;
  updatedAt?: string;
}

export const listSellerOrders = (sellerId: number, page: number, signal?: AbortSignal) =>
  api<SellerOrder[]>(`/orders/sellers/${sellerId}/orders?page=${page}&size=20`, { auth: true, signal });
