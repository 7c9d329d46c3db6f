import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../lib/api';
import type { Order, OrderView } from './api';
import { followOrder } from './follow';

/** Puts a newer state of an order into every cached copy: the order itself and the lists showing it. */
export function storeOrder(queryClient: QueryClient, order: OrderView | Order): void {
  if ('history' in order) queryClient.setQueryData(['order', order.id], order);
  queryClient.setQueriesData<Order[]>({ queryKey: ['orders'] }, (list) =>
    list?.map((o) => (o.id === order.id ? { ...o, ...order } : o)),
  );
}

/**
 * Follows order <id> with the long poll while <active> (the order is not final), from <since> (the
 * updatedAt on screen when following starts; the loop keeps its own afterwards). Says whether the
 * service is unreachable for now (and when the next try is) or refused.
 */
export function useFollowOrder(id: string, since: string | undefined, active: boolean) {
  const queryClient = useQueryClient();
  const [retryMs, setRetryMs] = useState<number | null>(null);
  const [refused, setRefused] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!active) return;
    const stop = new AbortController();
    void followOrder(id, since, {
      onLive: () => setRetryMs(null),
      onChange: (order) => storeOrder(queryClient, order),
      onTrouble: (_error, ms) => setRetryMs(ms),
      onRefused: setRefused,
    }, stop.signal);
    return () => stop.abort();
    // <since> only seeds the loop: a newer updatedAt arriving through the loop must not restart it.
  }, [id, active, queryClient]);
  return { retryMs, refused };
}
