import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import type { OrderView } from './api';
import { backoffDelay, followOrder, kMaxBackoffMs, kWaitSeconds } from './follow';

afterEach(() => vi.unstubAllGlobals());

const view = (status: string, updatedAt: string): OrderView => ({
  id: 'ORDa', memberId: 7, orderName: 'Lamp', productId: 1, productCount: 1, amount: 45000, status: status as OrderView['status'],
  deliveryCompany: 'CJ', address: 'Seoul', createdAt: '2026-12-06T10:00:00Z', updatedAt, history: [],
});
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

function handlers() {
  const seen: string[] = [];
  const trouble: number[] = [];
  const refused: ApiError[] = [];
  return {
    seen, trouble, refused,
    h: {
      onLive: () => {},
      onChange: (o: OrderView) => seen.push(o.status),
      onTrouble: (_e: unknown, ms: number) => trouble.push(ms),
      onRefused: (e: ApiError) => refused.push(e),
    },
  };
}

describe('backoffDelay', () => {
  it('waits 2 s after the first failure, doubling up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(backoffDelay)).toEqual([2000, 4000, 8000, 16000, kMaxBackoffMs, kMaxBackoffMs]);
  });
});

describe('followOrder', () => {
  it('asks with the updatedAt it shows and stops at a final state', async () => {
    const answers = [view('STOCK_RESERVED', 't2'), view('DELIVERY_REQUESTED', 't3'), view('DELIVERED', 't4')];
    const urls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      urls.push(url);
      return json(answers[urls.length - 1]);
    }));
    const { seen, h } = handlers();
    await followOrder('ORDa', 't1', h, new AbortController().signal);
    expect(seen).toEqual(['STOCK_RESERVED', 'DELIVERY_REQUESTED', 'DELIVERED']);
    expect(urls).toEqual([
      `/api/orders/orders/ORDa?since=t1&wait=${kWaitSeconds}`,
      `/api/orders/orders/ORDa?since=t2&wait=${kWaitSeconds}`,
      `/api/orders/orders/ORDa?since=t3&wait=${kWaitSeconds}`,
    ]);
  });

  it('backs off while the service is down, then follows again', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      vi.stubGlobal('fetch', vi.fn(async () => {
        calls += 1;
        if (calls <= 2) return new Response('bad gateway', { status: 503 });
        return json(view('CANCELLED', 't2'));
      }));
      const { seen, trouble, h } = handlers();
      const done = followOrder('ORDa', 't1', h, new AbortController().signal);
      await vi.advanceTimersByTimeAsync(1999);
      expect(calls).toBe(1); // the first retry waits 2 s
      await vi.advanceTimersByTimeAsync(1 + 4000);
      await done;
      expect(trouble).toEqual([2000, 4000]);
      expect(seen).toEqual(['CANCELLED']);
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops at a refusal (another buyer's order) instead of asking again", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ status: 403, detail: 'not your order' }), { status: 403 }));
    vi.stubGlobal('fetch', fetch);
    const { refused, h } = handlers();
    await followOrder('ORDb', 't1', h, new AbortController().signal);
    expect(refused.map((e) => e.detail)).toEqual(['not your order']);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not ask again at once when an unchanged answer comes back early', async () => {
    vi.useFakeTimers();
    try {
      const fetch = vi.fn(async () => json(view('PAID', 't1')));
      vi.stubGlobal('fetch', fetch);
      const stop = new AbortController();
      const done = followOrder('ORDa', 't1', handlers().h, stop.signal);
      await vi.advanceTimersByTimeAsync(999);
      expect(fetch).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(fetch).toHaveBeenCalledTimes(2);
      stop.abort();
      await done;
    } finally {
      vi.useRealTimers();
    }
  });
});
